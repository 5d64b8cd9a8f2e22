package org.jiedao.hub.routes.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jiedao.hub.loaders.source.Placeholders;
import org.jiedao.hub.ontology.Ontology;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code channel: webhook} in agreement YAML: placeholders and defaults, and each refusal naming the line and field. */
class WebhookAgreementTest {
    private static final Path REPO = Path.of(System.getenv().getOrDefault("JIEDAO_REPO_ROOT", ".."));
    private static final AccessRoles ROLES = AccessRoles.read(REPO.resolve("config/access.yaml"));

    @TempDir
    static Path keys;
    private static HttpsReceiver.Tls partnerTls;

    @TempDir
    Path dir;

    private static final String VALID = """
            id: civil-webhook
            partner: partner:civil-affairs
            purpose: benefit-eligibility
            legalBasis: test basis
            entity: Person
            fields: [name, gender]
            channel: webhook
            webhook:
              url: https://${PARTNER_HOST:127.0.0.1}:8443/hub/deliveries
              trust: ${HUB_DATA_DIR}/partner.pem
            format: json
            validity: {from: "2026-01-01"}
            """;

    @BeforeAll
    static void partnerKeyPair() throws Exception {
        partnerTls = HttpsReceiver.Tls.generate(keys, "partner");
    }

    @BeforeEach
    void trustFile() throws Exception {
        Files.copy(partnerTls.certificatePem(), dir.resolve("partner.pem"));
    }

    private List<AgreementDefinition> load(String yaml) throws Exception {
        Path defs = Files.createDirectories(dir.resolve("agreements"));
        Files.writeString(defs.resolve("a.yaml"), yaml);
        return AgreementDefinitions.load(defs, new Placeholders(Map.of("HUB_DATA_DIR", dir.toString())), dir,
                Ontology.bundled(), ROLES);
    }

    private String problemWith(String yaml) throws Exception {
        try {
            load(yaml);
        } catch (AgreementDefinitionException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error for:\n" + yaml);
    }

    @Test
    void aWebhookAgreementReadsWithPlaceholdersResolved() throws Exception {
        AgreementDefinition a = load(VALID).getFirst();
        assertThat(a.channel()).isEqualTo("webhook");
        assertThat(a.webhook().url()).isEqualTo("https://127.0.0.1:8443/hub/deliveries");
        assertThat(a.webhook().trust()).isEqualTo(dir.resolve("partner.pem").toString());
        assertThat(a.webhook().timeout()).isNull();
    }

    @Test
    void aPlainHttpUrlIsRefusedWithItsLine() throws Exception {
        String msg = problemWith(VALID.replace("url: https://", "url: http://"));
        assertThat(msg).contains("a.yaml line 9").contains("webhook.url").contains("must be an https:// URL");
    }

    @Test
    void aUrlWithCredentialsIsRefused() throws Exception {
        assertThat(problemWith(VALID.replace("url: https://", "url: https://hub:secret@")))
                .contains("webhook.url").contains("must not carry credentials");
    }

    @Test
    void aMissingWebhookOrTrustFileIsRefused() throws Exception {
        assertThat(problemWith(VALID.replaceAll("(?s)webhook:\\n.*?format", "format")))
                .contains("webhook.url").contains("is required for channel webhook");
        assertThat(problemWith(VALID.replace("partner.pem", "missing.pem")))
                .contains("a.yaml line 10").contains("webhook.trust").contains("missing.pem does not exist");
    }

    @Test
    void aTrustFileWithoutACertificateIsRefused() throws Exception {
        Files.writeString(dir.resolve("partner.pem"), "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n");
        assertThat(problemWith(VALID)).contains("webhook.trust").contains("is not a PEM certificate");
    }

    @Test
    void aTimeoutThatIsNotADurationIsRefused() throws Exception {
        assertThat(problemWith(VALID.replace("  trust:", "  timeout: soon\n  trust:"))).contains("webhook.timeout");
    }
}

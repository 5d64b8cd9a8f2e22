package org.jiedao.hub.routes.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Map;

import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.jiedao.hub.loaders.source.Placeholders;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.Sensitivity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Agreement YAML: the bundled agreement loads, and each kind of mistake names the file, line and field. */
class AgreementDefinitionsTest {
    private static final Ontology ONTOLOGY = Ontology.bundled();
    private static final Path REPO = Path.of(System.getenv().getOrDefault("JIEDAO_REPO_ROOT", ".."));
    private static final AccessRoles ROLES = AccessRoles.read(REPO.resolve("config/access.yaml"));

    @TempDir
    Path dir;

    static final String VALID = """
            id: test-agreement
            partner: partner:civil-affairs
            purpose: benefit-eligibility
            legalBasis: test basis
            entity: Person
            fields: [name, gender]
            filter:
              communities: ["110102001004"]
            channel: file
            file: {directory: drop}
            format: csv
            encoding: gb18030
            validity: {from: "2026-01-01", until: "2026-12-31"}
            """;

    private List<AgreementDefinition> load() {
        return AgreementDefinitions.load(dir, new Placeholders(Map.of("HUB_DATA_DIR", dir.toString())), dir, ONTOLOGY, ROLES);
    }

    private String problemWith(String yaml) throws Exception {
        Files.writeString(dir.resolve("a.yaml"), yaml);
        try {
            load();
        } catch (AgreementDefinitionException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error for:\n" + yaml);
    }

    @Test
    void theBundledAgreementsLoadAgainstTheOntologyAndTheAccessPolicy() {
        List<AgreementDefinition> bundled = AgreementDefinitions.load(REPO.resolve("config/agreements"),
                new Placeholders(Map.of("HUB_DATA_DIR", dir.toString())), dir, ONTOLOGY, ROLES);
        assertThat(bundled).extracting(AgreementDefinition::id).contains("civil-affairs-residents");
        AgreementDefinition a = bundled.stream().filter(d -> d.id().equals("civil-affairs-residents")).findFirst().orElseThrow();
        assertThat(a.fields()).containsExactly("name", "gender");
        assertThat(a.file().directory()).isEqualTo(dir.resolve("exchange/outbound/civil-affairs").toString());
    }

    @Test
    void aValidDefinitionReadsWithItsDefaults() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), VALID);
        AgreementDefinition a = load().getFirst();
        assertThat(a.filter().path()).containsExactly("RESIDES_AT", "IN_COMMUNITY");
        assertThat(a.effectiveEncoding()).isEqualTo("gb18030");
        assertThat(a.file().directory()).isEqualTo(dir.resolve("drop").toString());
        assertThat(a.validOn(java.time.LocalDate.parse("2026-12-31"))).isTrue();
        assertThat(a.validOn(java.time.LocalDate.parse("2027-01-01"))).isFalse();
    }

    @Test
    void aFieldThePersonDoesNotHaveIsNamedWithItsLineAndTheChoices() throws Exception {
        String msg = problemWith(VALID.replace("fields: [name, gender]", "fields:\n  - name\n  - salary"));
        assertThat(msg).contains("a.yaml line 8").contains("fields[1]").contains("'salary' is not a property of Person")
                .contains("idNumber");
    }

    @Test
    void aFieldThePartnersRoleMayNotReadIsRefusedNamingThePolicy() throws Exception {
        assertThat(problemWith(VALID.replace("fields: [name, gender]", "fields: [name, phone]")))
                .contains("line 6").contains("fields[1]").contains("partner:civil-affairs may not read Person.phone")
                .contains("access.yaml");
    }

    @Test
    void aFieldThePartnerReadsMaskedIsAllowedAndTheRolesClearSensitivitiesComeFromThePolicyNeverTheFile() throws Exception {
        Path policy = Files.createDirectories(dir.resolve("policy")).resolve("access.yaml");
        Files.writeString(policy, """
                roles:
                  partner:statistics:
                    read: {Person: [gender, name]}
                    clear: []
                """);
        Files.writeString(dir.resolve("a.yaml"), VALID.replace("partner:civil-affairs", "partner:statistics"));
        AgreementDefinition masked = AgreementDefinitions.load(dir, new Placeholders(Map.of()), dir, ONTOLOGY, AccessRoles.read(policy)).getFirst();
        assertThat(masked.clearSensitivities()).containsExactly(Sensitivity.PUBLIC);
        Files.writeString(policy, Files.readString(policy).replace("clear: []", "clear: [personal]"));
        assertThat(AgreementDefinitions.load(dir, new Placeholders(Map.of()), dir, ONTOLOGY, AccessRoles.read(policy)).getFirst()
                .clearSensitivities()).containsExactlyInAnyOrder(Sensitivity.PUBLIC, Sensitivity.PERSONAL);
        assertThat(problemWith(VALID + "partnerClear: [personal-id]\n")).as("the file cannot widen what the role reads in clear")
                .contains("partnerClear");
    }

    @Test
    void modeSettleAndRdfAreChecked() throws Exception {
        assertThat(problemWith(VALID.replace("format: csv", "format: xml"))).contains("format: must be one of [json, csv, rdf]");
        assertThat(problemWith(VALID + "mode: deltas\n")).contains("mode: must be one of [snapshot, changes]");
        assertThat(problemWith(VALID + "settle: 10s\n")).contains("settle: applies to mode changes only");
        assertThat(problemWith(VALID + "mode: changes\nsettle: soon\n")).contains("settle");
        Files.writeString(dir.resolve("a.yaml"), VALID + "mode: changes\nsettle: 500ms\n");
        AgreementDefinition changes = load().getFirst();
        assertThat(changes.changesOnly()).isTrue();
        assertThat(changes.settleTime()).isEqualTo(java.time.Duration.ofMillis(500));
        assertThat(problemWith(VALID.replace("encoding: gb18030", "encoding: gb18030\nformat: rdf").replace("format: csv\n", "")))
                .contains("RDF is always utf-8");

        String certificates = VALID.replace("entity: Person", "entity: DisabilityCertificate").replace("format: csv", "format: rdf")
                .replace("encoding: gb18030\n", "").replace("filter:\n  communities: [\"110102001004\"]\n", "");
        assertThat(problemWith(certificates.replace("fields: [name, gender]", "fields: [disabilityLevel]")))
                .contains("format: rdf names each entity by an IRI of its key or entity id")
                .contains("list certificateNumber in fields");
        Files.writeString(dir.resolve("a.yaml"), certificates.replace("fields: [name, gender]", "fields: [certificateNumber, disabilityLevel]"));
        assertThat(load()).as("the key shared in clear names the resource").hasSize(1);
    }

    @Test
    void anEntityTypeTheOntologyDoesNotHaveIsRefused() throws Exception {
        assertThat(problemWith(VALID.replace("entity: Person", "entity: Citizen")))
                .contains("line 5").contains("entity: 'Citizen' is not a node type of the ontology");
    }

    @Test
    void aPartnerThatIsNotAPartnerRoleOfTheAccessPolicyIsRefused() throws Exception {
        assertThat(problemWith(VALID.replace("partner:civil-affairs", "partner:nobody")))
                .contains("line 2").contains("'partner:nobody' is not a role of the access policy").contains("partner:civil-affairs");
        assertThat(problemWith(VALID.replace("partner:civil-affairs", "admin"))).contains("must be a partner role");
    }

    @Test
    void aCommunityCodeThatIsNotTwelveDigitsIsRefused() throws Exception {
        assertThat(problemWith(VALID.replace("\"110102001004\"", "\"1101020\"")))
                .contains("filter.communities[0]").contains("not a 12-digit community division code");
    }

    @Test
    void anUnknownKeyIsNamedWithTheKnownOnes() throws Exception {
        assertThat(problemWith(VALID + "fieldz: [phone]\n")).contains("unknown key 'fieldz'").contains("line 14");
    }

    @Test
    void channelFormatEncodingAndValidityAreChecked() throws Exception {
        assertThat(problemWith(VALID.replace("channel: file", "channel: ftp"))).contains("channel: must be one of [file, amqp, webhook, sftp]").contains("was ftp");
        assertThat(problemWith(VALID.replace("encoding: gb18030", "encoding: gbk"))).contains("encoding: must be one of [utf-8-bom, gb18030]");
        assertThat(problemWith(VALID.replace("until: \"2026-12-31\"", "until: \"2025-12-31\"")))
                .contains("validity.until").contains("before validity.from");
        assertThat(problemWith(VALID.replace("from: \"2026-01-01\"", "from: \"next year\""))).contains("not an ISO day");
        assertThat(problemWith(VALID.replace("channel: file\nfile: {directory: drop}", "channel: amqp")))
                .contains("amqp.host: is required for channel amqp");
    }

    private static KeyPair ecKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static void ownerOnly(Path file, String perms) throws Exception {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(perms));
    }

    @Test
    void sftpSettingsAreCheckedAgainstTheirKeyAndKnownHostsFilesWithoutConnecting() throws Exception {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        try (OutputStream out = Files.newOutputStream(keys.resolve("hub_ecdsa"))) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(ecKey(), "hub", null, out);
        }
        ownerOnly(keys.resolve("hub_ecdsa"), "rw-------");
        Files.writeString(keys.resolve("known_hosts"), "# the partner's server\n[sftp.partner.example]:2222 "
                + PublicKeyEntry.toString(ecKey().getPublic()) + "\n");
        String sftp = VALID.replace("channel: file\nfile: {directory: drop}", """
                channel: sftp
                sftp:
                  host: sftp.partner.example
                  port: 2222
                  username: jiedao
                  privateKey: keys/hub_ecdsa
                  knownHosts: keys/known_hosts
                  directory: inbox""");
        Files.writeString(dir.resolve("a.yaml"), sftp);
        AgreementDefinition.Sftp s = load().getFirst().sftp();
        assertThat(s.privateKey()).isEqualTo(keys.resolve("hub_ecdsa").toString());
        assertThat(s.knownHosts()).isEqualTo(keys.resolve("known_hosts").toString());
        assertThat(s.effectivePort()).isEqualTo(2222);
        assertThat(s.directory()).as("a folder on the server, not resolved here").isEqualTo("inbox");

        assertThat(problemWith(sftp.replace("  host: sftp.partner.example\n", ""))).contains("sftp.host: is required for channel sftp");
        assertThat(problemWith(sftp.replace("port: 2222", "port: 70000"))).contains("line 12: sftp.port: must be 1 to 65535");
        assertThat(problemWith(sftp.replace("  directory: inbox", ""))).contains("sftp.directory: is required");
        assertThat(problemWith(sftp.replace("port: 2222", "port: 22")))
                .contains("line 15: sftp.knownHosts: ").contains("has no host key for sftp.partner.example;");
        assertThat(problemWith(sftp.replace("keys/hub_ecdsa", "keys/gone")))
                .contains("line 14: sftp.privateKey: file " + keys.resolve("gone") + " does not exist");
        ownerOnly(keys.resolve("hub_ecdsa"), "rw-r--r--");
        assertThat(problemWith(sftp)).contains("sftp.privateKey: ").contains("must be readable by its owner only (chmod 600)");
        ownerOnly(keys.resolve("known_hosts"), "rw-------");
        assertThat(problemWith(sftp.replace("privateKey: keys/hub_ecdsa", "privateKey: keys/known_hosts")))
                .contains("sftp.privateKey: ").contains("the key must be unencrypted, in OpenSSH or PEM format");
    }

    @Test
    void twoFilesWithOneIdAreRefusedNamingBoth() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), VALID);
        Files.writeString(dir.resolve("b.yaml"), VALID);
        assertThatThrownBy(this::load).isInstanceOf(AgreementDefinitionException.class)
                .hasMessageContaining("b.yaml").hasMessageContaining("already used by").hasMessageContaining("a.yaml");
    }
}

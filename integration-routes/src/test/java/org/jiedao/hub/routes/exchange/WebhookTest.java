package org.jiedao.hub.routes.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import org.jiedao.hub.graph.ops.Delivery;
import org.jiedao.hub.graph.ops.DeliveryState;
import org.jiedao.hub.graph.schema.GraphSchema;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.loaders.source.Placeholders;
import org.jiedao.hub.ontology.Ontology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook channel against a real HTTPS receiver on 127.0.0.1 ({@link HttpsReceiver}, key pair from keytool): what
 * arrives, exactly once; a receiver that is down, answers 500, holds its answer, or shows a certificate the agreement
 * does not trust; the partner's receipt.
 */
class WebhookTest {
    private static final Ontology ONTOLOGY = Ontology.bundled();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SHARED_NAMES = List.of("毕秀桂", "石蕾娟");

    @TempDir
    static Path keys;
    private static HttpsReceiver.Tls partnerTls;

    @TempDir
    Path dataDir;
    private MutableClock clock;

    @BeforeAll
    static void partnerKeyPair() throws Exception {
        partnerTls = HttpsReceiver.Tls.generate(keys, "partner");
    }

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void graph() throws Exception {
        TestNeo4j.clear();
        new GraphSchema(ONTOLOGY).apply(TestNeo4j.driver());
        try (var s = TestNeo4j.driver().session()) {
            s.run("""
                    CREATE (c:Community {code: '110102001004', name: '府右街南社区'})
                    CREATE (:Person {idNumber: '110102194909071225', name: '石蕾娟', gender: '2', phone: '+8613912345601'})
                           -[:RESIDES_AT]->(:Address {text: 'a'})-[:IN_COMMUNITY]->(c)
                    CREATE (:Person {idNumber: '110102198001011234', name: '毕秀桂', gender: '2'})
                           -[:RESIDES_AT]->(:Address {text: 'b'})-[:IN_COMMUNITY]->(c)""").consume();
        }
        clock = new MutableClock(Instant.parse("2026-11-29T02:00:00Z"));
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T closeLater(T c) {
        toClose.add(c);
        return c;
    }

    private HttpsReceiver receiver(HttpsReceiver.Tls tls, int port) throws Exception {
        return closeLater(HttpsReceiver.start(tls, port));
    }

    private static String agreement(String url, Path trust, String extra) {
        return """
                id: civil-webhook
                partner: partner:civil-affairs
                purpose: benefit-eligibility
                legalBasis: test agreement
                entity: Person
                fields: [name, gender]
                filter: {communities: ["110102001004"]}
                channel: webhook
                webhook: {url: "%s", trust: "%s"%s}
                format: json
                validity: {from: "2026-01-01"}
                retry: {backoff: 10s, maxBackoff: 1m, maxAttempts: 3}
                """.formatted(url, trust, extra);
    }

    private ExchangeRuntime runtime(String yaml) throws Exception {
        Path defs = Files.createDirectories(dataDir.resolve("agreements"));
        Files.writeString(defs.resolve("a.yaml"), yaml);
        List<AgreementDefinition> agreements = AgreementDefinitions.load(defs, new Placeholders(Map.of()), dataDir,
                ONTOLOGY, AccessRoles.read(Path.of(System.getenv().getOrDefault("JIEDAO_REPO_ROOT", ".."))
                        .resolve("config/access.yaml")));
        return closeLater(ExchangeRuntime.create(agreements, TestNeo4j.driver(), ONTOLOGY, dataDir, clock));
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private Delivery delivery(ExchangeRuntime rt, String id) {
        return rt.ledger().delivery(id).orElseThrow();
    }

    /** Verifies as a partner does: the hub's public JWK from the file it hands out, the header values, the hash. */
    private void assertVerifiesAsAPartnerWould(HttpsReceiver.Received r) throws Exception {
        ECKey hubPublic = ECKey.parse(Files.readString(dataDir.resolve("secrets").resolve(SigningKey.PUBLIC_FILE_NAME)));
        JWSObject jws = JWSObject.parse(r.header(WebhookChannel.JWS), new Payload(r.body()));
        assertThat(jws.verify(new ECDSAVerifier(hubPublic))).as("signature over the received bytes").isTrue();
        String sha = DeliveryArchive.sha256(r.body());
        assertThat(r.header(WebhookChannel.CONTENT_SHA256)).isEqualTo(sha);
        assertThat(jws.getHeader().getCustomParam(SigningKey.CONTENT_SHA256)).isEqualTo(sha);
        assertThat(jws.getHeader().getCustomParam(SigningKey.DELIVERY_ID)).isEqualTo(r.deliveryId());
        assertThat(r.header("Content-Digest")).isEqualTo("sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha)) + ":");
    }

    @Test
    void aDeliveryArrivesCompleteWithItsIdHashAndAVerifyingSignatureExactlyOnce() throws Exception {
        HttpsReceiver partner = receiver(partnerTls, 0);
        ExchangeRuntime rt = runtime(agreement(partner.url(), partnerTls.certificatePem(), ""));
        String id = rt.extractNow("civil-webhook").orElseThrow();

        assertThat(rt.outbox().deliverDue().sent()).containsExactly(id);
        assertThat(rt.outbox().deliverDue().sent()).as("a SENT delivery is not sent again").isEmpty();

        assertThat(partner.received()).hasSize(1);
        HttpsReceiver.Received r = partner.received().getFirst();
        assertThat(r.deliveryId()).isEqualTo(id);
        assertThat(r.header(WebhookChannel.AGREEMENT)).isEqualTo("civil-webhook");
        assertThat(r.header(WebhookChannel.FILE_NAME)).isEqualTo("civil-webhook-" + id + ".json");
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertVerifiesAsAPartnerWould(r);
        assertThat(r.body()).isEqualTo(Files.readAllBytes(DeliveryArchive.under(dataDir).payloadPath(id, "civil-webhook-" + id + ".json")));
        JsonNode doc = JSON.readTree(r.body());
        List<String> names = new ArrayList<>();
        doc.path("records").forEach(n -> names.add(n.path("name").asText()));
        assertThat(names).containsExactlyInAnyOrderElementsOf(SHARED_NAMES);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).doesNotContain("110102194909071225").doesNotContain("+8613912345601");
        JsonNode described = new ObjectMapper(new YAMLFactory()).readTree(Path.of(System.getenv().getOrDefault("JIEDAO_REPO_ROOT", ".."))
                .resolve("docs/openapi/partner-exchange.yaml").toFile()).at("/webhooks/delivery/post/parameters");
        assertThat(described.size()).as("headers described in docs/openapi/partner-exchange.yaml").isGreaterThan(0);
        described.forEach(h -> assertThat(r.header(h.path("name").asText())).as("described header " + h.path("name")).isNotBlank());

        Delivery d = delivery(rt, id);
        assertThat(d.state()).isEqualTo(DeliveryState.SENT);
        assertThat(d.attempts()).isEqualTo(1);
        assertThat(d.receipt()).isNull();
    }

    @Test
    void aReceiptInThePartnersAnswerRecordsTheDeliveryAsAcknowledged() throws Exception {
        HttpsReceiver partner = receiver(partnerTls, 0);
        partner.answer(202, "{\"receipt\": \"MZJ-2026-000123\"}");
        ExchangeRuntime rt = runtime(agreement(partner.url(), partnerTls.certificatePem(), ", timeout: 20s"));
        String id = rt.extractNow("civil-webhook").orElseThrow();

        assertThat(rt.outbox().deliverDue().sent()).containsExactly(id);

        Delivery d = delivery(rt, id);
        assertThat(d.state()).isEqualTo(DeliveryState.ACKNOWLEDGED);
        assertThat(d.receipt()).isEqualTo("MZJ-2026-000123");
        assertThat(d.sentAt()).isEqualTo(clock.instant());
        assertThat(d.acknowledgedAt()).isEqualTo(clock.instant());
        assertThat(rt.ledger().counts().get("civil-webhook")).containsEntry(DeliveryState.ACKNOWLEDGED, 1L)
                .containsEntry(DeliveryState.SENT, 0L).containsEntry(DeliveryState.PENDING, 0L);
    }

    @Test
    void aReceiverThatIsDownLeavesTheDeliveryPendingAndItArrivesUnderTheSameIdWhenTheReceiverIsBack() throws Exception {
        int port = freePort();
        ExchangeRuntime rt = runtime(agreement("https://127.0.0.1:" + port + "/deliveries", partnerTls.certificatePem(), ""));
        String id = rt.extractNow("civil-webhook").orElseThrow();

        assertThat(rt.outbox().deliverDue().retrying()).containsExactly(id);
        Delivery d = delivery(rt, id);
        assertThat(d.state()).isEqualTo(DeliveryState.PENDING);
        assertThat(d.attempts()).isEqualTo(1);
        assertThat(d.lastError()).contains("POST https://127.0.0.1:" + port + "/deliveries failed").contains("ConnectException");
        assertThat(d.nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(10));

        HttpsReceiver partner = receiver(partnerTls, port);
        clock.advance(Duration.ofSeconds(10));
        assertThat(rt.outbox().deliverDue().sent()).containsExactly(id);
        assertThat(partner.received()).extracting(HttpsReceiver.Received::deliveryId).containsExactly(id);
        assertVerifiesAsAPartnerWould(partner.received().getFirst());
        assertThat(delivery(rt, id).state()).isEqualTo(DeliveryState.SENT);
        assertThat(delivery(rt, id).attempts()).isEqualTo(2);
    }

    @Test
    void aReceiverAnswering500IsRetriedWithTheSameIdAndBytes() throws Exception {
        HttpsReceiver partner = receiver(partnerTls, 0);
        partner.answer(500, "{\"error\": \"database busy\"}");
        ExchangeRuntime rt = runtime(agreement(partner.url(), partnerTls.certificatePem(), ""));
        String id = rt.extractNow("civil-webhook").orElseThrow();

        assertThat(rt.outbox().deliverDue().retrying()).containsExactly(id);
        assertThat(delivery(rt, id).lastError()).contains("HTTP 500").contains("database busy");
        assertThat(delivery(rt, id).state()).isEqualTo(DeliveryState.PENDING);

        partner.answer(200, "");
        clock.advance(Duration.ofSeconds(10));
        assertThat(rt.outbox().deliverDue().sent()).containsExactly(id);

        List<HttpsReceiver.Received> got = partner.received();
        assertThat(got).hasSize(2).extracting(HttpsReceiver.Received::deliveryId).containsOnly(id);
        assertThat(got.get(1).body()).isEqualTo(got.get(0).body());
        assertThat(got.get(1).header(WebhookChannel.JWS)).isEqualTo(got.get(0).header(WebhookChannel.JWS));
        assertThat(partner.keptByDeliveryId()).as("what the partner keeps after dedup by delivery id").containsOnlyKeys(id);
        assertThat(delivery(rt, id).state()).isEqualTo(DeliveryState.SENT);
    }

    @Test
    void aReceiverWithACertificateTheAgreementDoesNotTrustNeverGetsTheDelivery() throws Exception {
        HttpsReceiver.Tls impostorTls = HttpsReceiver.Tls.generate(dataDir, "impostor");
        HttpsReceiver impostor = receiver(impostorTls, 0);
        ExchangeRuntime rt = runtime(agreement(impostor.url(), partnerTls.certificatePem(), ""));
        String id = rt.extractNow("civil-webhook").orElseThrow();

        for (int attempt = 1; attempt <= 3; attempt++) {
            rt.outbox().deliverDue();
            clock.advance(Duration.ofMinutes(1));
        }

        assertThat(impostor.received()).as("requests the impostor read").isEmpty();
        Delivery d = delivery(rt, id);
        assertThat(d.state()).as("after maxAttempts").isEqualTo(DeliveryState.FAILED);
        assertThat(d.attempts()).isEqualTo(3);
        assertThat(d.lastError()).contains("SSLHandshakeException");
    }

    @Test
    void aTrustedCertificateIssuedForAnotherHostIsRefusedBecauseHostNamesAreChecked() throws Exception {
        HttpsReceiver.Tls otherHost = HttpsReceiver.Tls.generate(dataDir, "other-host", "dns:mzj.example.gov.cn");
        HttpsReceiver receiver = receiver(otherHost, 0);
        ExchangeRuntime rt = runtime(agreement(receiver.url(), otherHost.certificatePem(), ""));
        String id = rt.extractNow("civil-webhook").orElseThrow();

        assertThat(rt.outbox().deliverDue().retrying()).containsExactly(id);

        assertThat(receiver.received()).isEmpty();
        assertThat(delivery(rt, id).lastError()).contains("SSLHandshakeException").contains("subject alternative names");
    }

    @Test
    void aPlainTcpListenerAtTheWebhookAddressSeesOnlyATlsHandshakeNeverTheBody() throws Exception {
        byte[] seen;
        try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<byte[]> firstRecord = CompletableFuture.supplyAsync(() -> {
                try (Socket s = plain.accept()) {
                    s.setSoTimeout(30_000);
                    InputStream in = s.getInputStream();
                    byte[] header = in.readNBytes(5); // a TLS record header: type, version, length
                    int length = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    out.write(header);
                    out.write(in.readNBytes(length));
                    return out.toByteArray(); // then close: no server hello
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            ExchangeRuntime rt = runtime(agreement("https://127.0.0.1:" + plain.getLocalPort() + "/deliveries", partnerTls.certificatePem(), ""));
            String id = rt.extractNow("civil-webhook").orElseThrow();
            assertThat(rt.outbox().deliverDue().retrying()).containsExactly(id);
            seen = firstRecord.get(30, TimeUnit.SECONDS);
        }
        assertThat(seen[0]).as("a TLS handshake record").isEqualTo((byte) 0x16);
        String asText = new String(seen, StandardCharsets.UTF_8);
        for (String name : SHARED_NAMES) {
            assertThat(asText).doesNotContain(name);
        }
        assertThat(asText).doesNotContain("POST").doesNotContain(WebhookChannel.DELIVERY_ID);
    }

    @Test
    void aReceiverThatReadsTheBodyButNeverAnswersTimesOutAndTheDeliveryStaysPending() throws Exception {
        HttpsReceiver partner = receiver(partnerTls, 0);
        partner.hold();
        ExchangeRuntime rt = runtime(agreement(partner.url(), partnerTls.certificatePem(), ", timeout: 1s"));
        String id = rt.extractNow("civil-webhook").orElseThrow();

        assertThat(rt.outbox().deliverDue().retrying()).containsExactly(id);

        assertThat(partner.received()).extracting(HttpsReceiver.Received::deliveryId).containsExactly(id);
        Delivery d = delivery(rt, id);
        assertThat(d.state()).isEqualTo(DeliveryState.PENDING);
        assertThat(d.lastError()).contains("HttpTimeoutException").contains("within 1000 ms");
    }
}

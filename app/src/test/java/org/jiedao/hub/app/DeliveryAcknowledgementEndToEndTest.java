package org.jiedao.hub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jiedao.hub.graph.ops.DeliveryState;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.routes.exchange.ExchangeRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A partner acknowledges a delivery of the running hub over its real HTTP server (issue 10, item 3): the bundled
 * civil-affairs agreement delivers to a file drop, the partner reads the delivery and acknowledges it, and the
 * acknowledgement is recorded against the delivery and in the audit trail. Another partner cannot see it.
 */
class DeliveryAcknowledgementEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AGREEMENT = "civil-affairs-residents";

    @TempDir
    static Path dir;
    private static Hub hub;
    private static ExchangeRuntime exchange;
    private static String civilAffairsKey;
    private static String educationKey;

    @BeforeAll
    static void start() throws Exception {
        TestNeo4j.clear();
        Path agreements = Files.createDirectories(dir.resolve("agreements"));
        Files.copy(TestHubs.repoRoot().resolve("config/agreements/" + AGREEMENT + ".yaml"), agreements.resolve(AGREEMENT + ".yaml"));
        PartnerHubs partners = PartnerHubs.prepare(dir);
        civilAffairsKey = partners.civilAffairsKey();
        educationKey = partners.educationKey();
        Map<String, String> env = partners.env();
        env.put("HUB_AGREEMENTS_DIR", agreements.toString());
        HubSettings settings = HubSettings.fromEnvironment(env);
        Files.createDirectories(dir.resolve("data/exchange/outbound/civil-affairs")); // the partner's drop folder
        hub = Hub.start(settings);
        try (var s = hub.neo4j().driver().session()) {
            s.run("""
                    MERGE (c:Community {code: '110102001004'})
                    CREATE (p:Person {idNumber: '11010219650301123X', name: '王秀兰', gender: '女'})
                    CREATE (p)-[:RESIDES_AT]->(:Address {text: '北京市西城区府右街南 1 号'})-[:IN_COMMUNITY]->(c)""").consume();
        }
        exchange = ExchangeService.start(ExchangeService.declared(settings), settings, hub.neo4j().driver(), hub.audit(),
                new PrintStream(OutputStream.nullOutputStream())).orElseThrow();
    }

    @AfterAll
    static void stop() {
        if (exchange != null) {
            exchange.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    private static String deliverOne() {
        String id = exchange.extractNow(AGREEMENT).orElseThrow();
        exchange.outbox().deliverDue();
        assertThat(exchange.ledger().delivery(id).orElseThrow().state()).isEqualTo(DeliveryState.SENT);
        return id;
    }

    private static HttpResponse<String> call(String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.api().port() + path))
                .header("X-API-Key", key)
                .header("X-Purpose-Of-Use", key.equals(educationKey) ? "enrolment-planning" : "benefit-eligibility");
        b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void thePartnerReadsItsDeliveryAcknowledgesItOnceAndTheHubStopsSendingIt() throws Exception {
        String id = deliverOne();
        String sha = exchange.ledger().delivery(id).orElseThrow().contentSha256();

        HttpResponse<String> seen = call("GET", "/exchange/deliveries/" + id, civilAffairsKey, null);
        assertThat(seen.statusCode()).as(seen.body()).isEqualTo(200);
        assertThat(JSON.readTree(seen.body()).get("state").asText()).isEqualTo("SENT");
        assertThat(JSON.readTree(seen.body()).get("contentSha256").asText()).isEqualTo(sha);
        JsonNode schema = PartnerOpenApiTest.spec().at("/components/schemas/Delivery");
        List<String> described = new java.util.ArrayList<>();
        schema.get("properties").fieldNames().forEachRemaining(described::add);
        List<String> answered = new java.util.ArrayList<>();
        JSON.readTree(seen.body()).fieldNames().forEachRemaining(answered::add);
        assertThat(answered).as("docs/openapi/partner-exchange.yaml describes the delivery answered")
                .containsExactlyInAnyOrderElementsOf(described);

        HttpResponse<String> ack = call("POST", "/exchange/deliveries/" + id + "/acknowledgement", civilAffairsKey,
                "{\"contentSha256\": \"" + sha + "\", \"receipt\": \"MZ-2026-0042\"}");
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
        JsonNode acked = JSON.readTree(ack.body());
        assertThat(acked.get("state").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(acked.get("receipt").asText()).isEqualTo("MZ-2026-0042");
        assertThat(exchange.ledger().delivery(id).orElseThrow().state()).isEqualTo(DeliveryState.ACKNOWLEDGED);

        HttpResponse<String> again = call("POST", "/exchange/deliveries/" + id + "/acknowledgement", civilAffairsKey, null);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).get("acknowledgedAt").asText()).isEqualTo(acked.get("acknowledgedAt").asText());

        List<String> audit;
        try (Stream<Path> files = Files.walk(dir.resolve("data/audit"))) {
            audit = files.filter(Files::isRegularFile).flatMap(f -> {
                try {
                    return Files.readAllLines(f).stream();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        assertThat(audit.stream().filter(l -> l.contains("\"acknowledgement\"") && l.contains(id)).toList())
                .hasSize(2).allMatch(l -> l.contains("partner:civil-affairs"));
        assertThat(audit).anyMatch(l -> l.contains("MZ-2026-0042"));
    }

    @Test
    void anotherPartnerCannotSeeOrAcknowledgeTheDeliveryAndAWrongHashRecordsNothing() throws Exception {
        String id = deliverOne();

        assertThat(call("GET", "/exchange/deliveries/" + id, educationKey, null).statusCode()).isEqualTo(404);
        HttpResponse<String> other = call("POST", "/exchange/deliveries/" + id + "/acknowledgement", educationKey, null);
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(call("GET", "/exchange/deliveries/no-such-delivery", civilAffairsKey, null).statusCode()).isEqualTo(404);

        HttpResponse<String> wrong = call("POST", "/exchange/deliveries/" + id + "/acknowledgement", civilAffairsKey,
                "{\"contentSha256\": \"" + "0".repeat(64) + "\"}");
        assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(409);
        assertThat(JSON.readTree(wrong.body()).at("/errors/0/extensions/code").asText()).isEqualTo("CONFLICT");
        HttpResponse<String> malformed = call("POST", "/exchange/deliveries/" + id + "/acknowledgement", civilAffairsKey,
                "[1, 2]");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(exchange.ledger().delivery(id).orElseThrow().state()).isEqualTo(DeliveryState.SENT);
    }

    @Test
    void withoutACredentialNothingIsAnswered() throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.api().port() + "/exchange/deliveries/x"))
                .GET().build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            assertThat(client.send(r, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        }
    }
}

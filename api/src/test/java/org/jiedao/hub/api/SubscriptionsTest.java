package org.jiedao.hub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import com.fasterxml.jackson.databind.JsonNode;

import org.jiedao.hub.api.http.ApiServer;
import org.jiedao.hub.graph.feed.Alert;
import org.jiedao.hub.graph.feed.Alerts;
import org.jiedao.hub.graph.feed.ChangeFeed;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.graph.write.RecordWriter;
import org.jiedao.hub.ontology.assertion.ContentHash;
import org.jiedao.hub.ontology.assertion.NodeAssertion;
import org.jiedao.hub.ontology.assertion.RecordAssertions;
import org.jiedao.hub.ontology.assertion.RecordRef;
import org.jiedao.hub.ontology.assertion.RelationshipAssertion;
import org.jiedao.hub.ontology.assertion.WriteMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Subscriptions over WebSocket ({@code graphql-transport-ws}) against a real Neo4j and the real writer: the server
 * and the writer share one change feed, as in the running hub.
 */
class SubscriptionsTest {
    private static final ChangeFeed FEED = new ChangeFeed();
    private static final String OWNER = "110102199001011234";
    private static ExecutorService blocking;
    private static ApiServer server;
    private static RecordWriter writer;
    private static String id;

    @BeforeAll
    static void start() throws Exception {
        id = ApiFixture.writeGraph();
        writer = new RecordWriter(TestNeo4j.driver(), ApiFixture.O, FEED);
        blocking = Executors.newVirtualThreadPerTaskExecutor();
        server = ApiServer.start(GraphQLFactory.create(ApiFixture.O, TestNeo4j.driver(), blocking, QueryLimits.DEFAULTS.withMaxAliases(1000), FEED),
                null, null, org.jiedao.hub.api.http.HttpOptions.DEFAULTS, TestCredentials.authentication(), null, "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.close();
        blocking.shutdownNow();
        FEED.close();
    }

    private static RecordAssertions vehicle(String recordKey, String plate, Object type) {
        return new RecordAssertions(new RecordRef("vehicles", recordKey, "test row " + recordKey,
                ContentHash.of(recordKey + plate + type), "{}"),
                List.of(new NodeAssertion("v", ApiFixture.O.nodeType("Vehicle"), plate, Map.of("plate", plate, "vehicleType", type),
                                WriteMode.AUTHORITATIVE, true),
                        new NodeAssertion("o", ApiFixture.O.nodeType("Person"), OWNER, Map.of("idNumber", OWNER), WriteMode.FILL, false)),
                List.of(new RelationshipAssertion(ApiFixture.O.relationshipType("OWNS"), "o", "v", Map.of())));
    }

    /** Waits until the feed has the number of subscribers: the server subscribes asynchronously after {@code subscribe}. */
    private static void awaitSubscribers(IntSupplier count, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (count.getAsInt() != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(count.getAsInt()).as("subscribers").isEqualTo(expected);
    }

    private static final String CHANGE = "{ label key change source recordKey at dropped }";

    @Test
    void aVehicleWrittenThroughTheWriterArrivesAndARolledBackBatchSendsNothing() throws Exception {
        try (WsClient c = WsClient.initialised(server.port())) {
            int before = FEED.subscribers();
            c.subscribe("1", "subscription { entityChanged(types: [\"Vehicle\"]) " + CHANGE + " }");
            awaitSubscribers(FEED::subscribers, before + 1);
            assertThatThrownBy(() -> writer.write(List.of(vehicle("w1", "京C00001", "小型汽车"),
                    vehicle("w2", "京C00002", Map.of("not", "storable"))), List.of()))
                    .isInstanceOf(org.neo4j.driver.exceptions.Neo4jException.class);
            writer.write(List.of(vehicle("w3", "京C55555", "小型汽车")), List.of());
            JsonNode next = c.next();
            assertThat(next.path("type").asText()).isEqualTo("next");
            assertThat(next.path("id").asText()).isEqualTo("1");
            JsonNode change = next.path("payload").path("data").path("entityChanged");
            assertThat(change.path("label").asText()).isEqualTo("Vehicle");
            assertThat(change.path("key").asText()).as("not the rolled-back 京C00001").isEqualTo("京C55555");
            assertThat(change.path("change").asText()).isEqualTo("CREATED");
            assertThat(change.path("source").asText()).isEqualTo("vehicles");
            assertThat(change.path("recordKey").asText()).isEqualTo("w3");
            assertThat(change.path("at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            assertThat(change.path("dropped").asInt()).isZero();
            assertThat(c.received.poll(500, TimeUnit.MILLISECONDS)).as("the Person change is not a Vehicle").isNull();
        }
    }

    @Test
    void keysMatchInAnyAcceptedWrittenFormAndCompleteStopsTheStream() throws Exception {
        try (WsClient c = WsClient.initialised(server.port())) {
            int before = FEED.subscribers();
            c.subscribe("k", "subscription { entityChanged(types: [\"Vehicle\"], keys: [\"京D·66666\"]) " + CHANGE + " }");
            awaitSubscribers(FEED::subscribers, before + 1);
            writer.write(List.of(vehicle("k1", "京D77777", "小型汽车"), vehicle("k2", "京D66666", "小型汽车")), List.of());
            assertThat(c.next().path("payload").path("data").path("entityChanged").path("key").asText()).isEqualTo("京D66666");
            assertThat(c.received.poll(500, TimeUnit.MILLISECONDS)).isNull();

            writer.write(List.of(vehicle("k2", "京D66666", "大型汽车")), List.of());
            assertThat(c.next().path("payload").path("data").path("entityChanged").path("change").asText()).isEqualTo("UPDATED");
            c.send(Map.of("id", "k", "type", "complete"));
            awaitSubscribers(FEED::subscribers, before);
            writer.write(List.of(vehicle("k2", "京D66666", "小型汽车")), List.of());
            assertThat(c.received.poll(500, TimeUnit.MILLISECONDS)).as("nothing after complete").isNull();
        }
    }

    @Test
    void anUnknownTypeIsRefusedWithAClearError() throws Exception {
        try (WsClient c = WsClient.initialised(server.port())) {
            c.subscribe("u", "subscription { entityChanged(types: [\"Vehicel\"]) { key } }");
            JsonNode next = c.next();
            assertThat(next.path("payload").path("errors").get(0).path("message").asText())
                    .contains("unknown node type(s) [Vehicel]").contains("Vehicle");
            assertThat(c.next().path("type").asText()).isEqualTo("complete");
        }
    }

    @Test
    void alertsAtOrAboveTheAskedSeverityArrive() throws Exception {
        try (WsClient c = WsClient.initialised(server.port())) {
            c.subscribe("a", "subscription { alerts(minSeverity: ERROR) { id kind severity message at source dropped } }");
            // wait until subscribed: an alert published before would not be delivered
            Alert probe;
            JsonNode first;
            do {
                probe = Alerts.publish("PROBE", Alert.Severity.ERROR, "probe", "subscriptions-test");
                first = c.received.poll(200, TimeUnit.MILLISECONDS);
            } while (first == null);
            c.received.clear();
            Alerts.publish("RECORDS_QUARANTINED", Alert.Severity.WARNING, "below the threshold", "subscriptions-test");
            Alert failed = Alerts.publish("RUN_FAILED", Alert.Severity.ERROR, "hukou: ingestion of x.csv failed", "subscriptions-test");
            JsonNode alert = c.next().path("payload").path("data").path("alerts");
            while (alert.path("kind").asText().equals("PROBE")) {
                alert = c.next().path("payload").path("data").path("alerts");
            }
            assertThat(alert.path("id").asText()).isEqualTo(failed.id());
            assertThat(alert.path("kind").asText()).isEqualTo("RUN_FAILED");
            assertThat(alert.path("severity").asText()).isEqualTo("ERROR");
            assertThat(alert.path("message").asText()).isEqualTo("hukou: ingestion of x.csv failed");
            assertThat(alert.path("source").asText()).isEqualTo("subscriptions-test");
            assertThat(probe.id()).isNotEqualTo(failed.id());
        }
    }

    @Test
    void queriesWorkOverTheWebSocketToo() throws Exception {
        try (WsClient c = WsClient.initialised(server.port())) {
            c.subscribe("q", "{ person(idNumber: \"" + id + "\") { name } }");
            JsonNode next = c.next();
            assertThat(next.path("type").asText()).isEqualTo("next");
            assertThat(next.path("payload").path("data").path("person").path("name").asText()).isEqualTo("林晓雨");
            JsonNode complete = c.next();
            assertThat(complete.path("type").asText()).isEqualTo("complete");
            assertThat(complete.path("id").asText()).isEqualTo("q");
        }
    }

    @Test
    void aSubscriptionOverHttpIsAnsweredWithAnErrorThatPointsToTheWebSocket() throws Exception {
        var r = ApiFixture.HTTP.send(java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://127.0.0.1:" + server.port() + "/graphql"))
                        .header("Content-Type", "application/json").header("X-API-Key", TestCredentials.ADMIN_KEY)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"query\":\"subscription { alerts { id } }\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        JsonNode body = ApiFixture.JSON.readTree(r.body());
        assertThat(body.path("errors").get(0).path("message").asText()).contains("WebSocket").contains("graphql-transport-ws");
        assertThat(body.path("errors").get(0).path("extensions").path("code").asText()).isEqualTo("BAD_USER_INPUT");
    }

    @Test
    void pingIsAnsweredWithPongBeforeAndAfterTheAck() throws Exception {
        try (WsClient c = WsClient.connect(server.port())) {
            c.send(Map.of("type", "ping"));
            assertThat(c.next().path("type").asText()).isEqualTo("pong");
            c.send(Map.of("type", "connection_init", "payload", TestCredentials.adminInit()));
            assertThat(c.next().path("type").asText()).isEqualTo("connection_ack");
            c.send(Map.of("type", "ping"));
            assertThat(c.next().path("type").asText()).isEqualTo("pong");
        }
    }

    @Test
    void subscribeBeforeTheAckClosesWith4401() throws Exception {
        try (WsClient c = WsClient.connect(server.port())) {
            c.subscribe("1", "subscription { alerts { id } }");
            assertThat(c.closeCode()).isEqualTo(4401);
        }
    }

    @Test
    void aSecondSubscribeWithTheSameIdClosesWith4409() throws Exception {
        try (WsClient c = WsClient.initialised(server.port())) {
            c.subscribe("same", "subscription { alerts { id } }");
            c.subscribe("same", "subscription { alerts { id } }");
            assertThat(c.closeCode()).isEqualTo(4409);
        }
    }

    @Test
    void aSecondConnectionInitClosesWith4429() throws Exception {
        try (WsClient c = WsClient.initialised(server.port())) {
            c.send(Map.of("type", "connection_init"));
            assertThat(c.closeCode()).isEqualTo(4429);
        }
    }

    @Test
    void aClientThatStopsReadingDoesNotHoldUpTheWriterOrOtherSubscribers() throws Exception {
        // each event inflated by 300 aliases (the server above allows 1,000) to about 7 KB, so that the stalled client's socket fills quickly
        StringBuilder fat = new StringBuilder("subscription { entityChanged { key");
        for (int i = 0; i < 300; i++) {
            fat.append(" a").append(i).append(": recordKey");
        }
        fat.append(" } }");
        try (WsClient stalled = WsClient.stalled(server.port()); WsClient reader = WsClient.initialised(server.port())) {
            int before = FEED.subscribers();
            stalled.subscribe("fat", fat.toString());
            awaitSubscribers(FEED::subscribers, before + 1);
            long dropped = FEED.dropped();
            for (int b = 0; b < 3; b++) {
                List<RecordAssertions> batch = new ArrayList<>();
                for (int i = 0; i < 400; i++) {
                    batch.add(vehicle("s" + b + "-" + i, "京E%d%04d".formatted(b, i), "小型汽车"));
                }
                long start = System.nanoTime();
                writer.write(batch, List.of());
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("batch %d", b).isLessThan(Duration.ofSeconds(30));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (FEED.dropped() == dropped && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(FEED.dropped()).as("events for the stalled client were dropped, not queued without bound")
                    .isGreaterThan(dropped);

            reader.subscribe("r", "subscription { entityChanged(keys: [\"京F00001\"]) " + CHANGE + " }");
            awaitSubscribers(FEED::subscribers, before + 2);
            writer.write(List.of(vehicle("f1", "京F00001", "小型汽车")), List.of());
            JsonNode change = reader.next().path("payload").path("data").path("entityChanged");
            assertThat(change.path("key").asText()).isEqualTo("京F00001");
            assertThat(change.path("dropped").asInt()).isZero();
        }
    }
}

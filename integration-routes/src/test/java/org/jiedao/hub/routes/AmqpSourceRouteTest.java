package org.jiedao.hub.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jiedao.hub.routes.RouteFixture.count;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.jiedao.hub.graph.write.RecordWriter;
import org.jiedao.hub.simulator.AmqpEventPublisher;
import org.jiedao.hub.simulator.EventSilo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Driver;

/**
 * The AMQP route (config/examples/patrol-amqp.yaml) against the real RabbitMQ on 127.0.0.1:5672, with the
 * simulator's publisher, end to end into the test Neo4j. Each test uses its own exchange and queue, deleted after.
 */
class AmqpSourceRouteTest {
    private static final String EXAMPLE = "patrol-amqp.yaml";
    @TempDir
    Path dir;
    private RecordWriter writer;
    private String exchange;
    private String queue;
    private final EventSilo silo = EventSilo.withDefaults();

    @BeforeEach
    void setUp() {
        writer = RouteFixture.freshGraph();
        String sfx = ExampleSources.suffix();
        exchange = "jiedao.test.patrol." + sfx;
        queue = "jiedao.test.patrol.positions." + sfx;
    }

    @AfterEach
    void deleteQueue() throws Exception {
        try (Connection c = connection(); Channel ch = c.createChannel()) {
            ch.queueDelete(queue);
            ch.exchangeDelete(exchange);
        }
    }

    private Map<String, String> settings() {
        return Map.of("PATROL_EXCHANGE", exchange, "PATROL_QUEUE", queue);
    }

    private AmqpEventPublisher publisher() throws Exception {
        return new AmqpEventPublisher("127.0.0.1", 5672, "guest", "guest", exchange, queue, "patrol.position");
    }

    @Test
    void eventsLandOnceAndDuplicatesCreateNothing() throws Exception {
        List<ObjectNode> events = silo.patrolPositions(40, 5);
        List<ObjectNode> sent = silo.withDuplicates(events, 0.25);
        assertThat(sent.size()).as("the publisher resends some events").isGreaterThan(40);
        try (AmqpEventPublisher p = publisher()) {
            p.publish(sent);
        }
        try (IntegrationRuntime routes = ExampleSources.runtime(EXAMPLE, settings(), t -> t, writer, dir)) {
            routes.start();
            assertThat(routes.awaitInitialLoad(Duration.ofSeconds(120))).isTrue();
            SourceStats s = routes.stats().get("patrol-positions");
            assertThat(ExampleSources.await(Duration.ofSeconds(180), () -> s.completedUnits() == sent.size())).as(s.toString()).isTrue();
            assertThat(s.written()).isEqualTo(40);
            assertThat(s.unchanged()).isEqualTo(sent.size() - 40);
            // the same events again (a publisher retrying after a lost confirm): nothing new
            try (AmqpEventPublisher p = publisher()) {
                p.publish(events);
            }
            assertThat(ExampleSources.await(Duration.ofSeconds(180), () -> s.completedUnits() == sent.size() + 40)).isTrue();
            assertThat(s.written()).isEqualTo(40);
        }
        assertThat(count("MATCH (r:PatrolPositionReport) RETURN count(r)")).isEqualTo(40);
        assertThat(count("MATCH (r:SourceRecord {source: 'patrol-positions'}) RETURN count(r)")).isEqualTo(40);
        assertThat(count("MATCH (:PatrolPositionReport)-[:POSITION_OF]->(m:PatrolMember) RETURN count(DISTINCT m)")).isBetween(1L, 5L);
        assertThat(count("MATCH (r:PatrolPositionReport {observationId: 'PP-0000007'}) RETURN count(r)")).isEqualTo(1);
        assertThat(messagesInQueue()).as("every message acknowledged").isZero();
    }

    @Test
    void aMessageThatIsNotJsonOrInvalidIsQuarantinedAndAcknowledged() throws Exception {
        try (AmqpEventPublisher p = publisher()) {
            p.publishRaw("bad-1", "{\"eventId\": \"PP-X\", \"member\": ".getBytes(StandardCharsets.UTF_8));
            p.publishRaw("bad-2", "{\"eventId\": \"PP-Y\", \"reportedAt\": \"2026-11-01T08:00:00\"}".getBytes(StandardCharsets.UTF_8));
            p.publish(silo.patrolPositions(3, 2));
        }
        try (IntegrationRuntime routes = ExampleSources.runtime(EXAMPLE, settings(), t -> t, writer, dir)) {
            routes.start();
            SourceStats s = routes.stats().get("patrol-positions");
            assertThat(ExampleSources.await(Duration.ofSeconds(180), () -> s.completedUnits() == 5)).as(s.toString()).isTrue();
            assertThat(s.quarantined()).isEqualTo(2);
            assertThat(s.written()).isEqualTo(3);
            assertThat(s.failedUnits()).isZero();
        }
        assertThat(count("MATCH (q:QuarantinedRecord {source: 'patrol-positions', location: $l}) WHERE q.reason CONTAINS 'JSON' RETURN count(q)",
                Map.of("l", "queue " + queue + " message bad-1"))).isEqualTo(1);
        assertThat(count("MATCH (q:QuarantinedRecord {source: 'patrol-positions', location: $l}) RETURN count(q)",
                Map.of("l", "queue " + queue + " message bad-2"))).isEqualTo(1);
        assertThat(messagesInQueue()).as("bad messages are acknowledged too").isZero();
    }

    @Test
    void aMessageIsNotAcknowledgedWhileTheGraphIsUnreachableAndLoadsOnceItIsBack() throws Exception {
        try (BoltGate gate = new BoltGate(false); Driver driver = gate.driver()) {
            RecordWriter gated = new RecordWriter(driver);
            try (AmqpEventPublisher p = publisher()) {
                p.publish(silo.patrolPositions(3, 2));
            }
            String quick = "errorPolicy: {retries: 1, backoff: 100ms}";
            try (IntegrationRuntime routes = ExampleSources.runtime(EXAMPLE, settings(),
                    t -> t.replace("errorPolicy: {retries: 5, backoff: 1s}", quick), gated, dir)) {
                routes.start();
                SourceStats s = routes.stats().get("patrol-positions");
                // each delivery fails twice (first try and one retry), then the message is requeued and delivered again
                assertThat(ExampleSources.await(Duration.ofSeconds(180), () -> s.failedUnits() >= 6)).as(s.toString()).isTrue();
                assertThat(s.completedUnits()).isZero();
            }
            assertThat(count("MATCH (r:PatrolPositionReport) RETURN count(r)")).isZero();
            assertThat(messagesInQueue()).as("nothing acknowledged, nothing lost").isEqualTo(3);

            gate.open();
            try (IntegrationRuntime routes = ExampleSources.runtime(EXAMPLE, settings(),
                    t -> t.replace("errorPolicy: {retries: 5, backoff: 1s}", quick), gated, dir)) {
                routes.start();
                SourceStats s = routes.stats().get("patrol-positions");
                assertThat(ExampleSources.await(Duration.ofSeconds(180), () -> s.completedUnits() == 3)).as(s.toString()).isTrue();
                assertThat(s.written()).isEqualTo(3);
            }
        }
        assertThat(count("MATCH (r:PatrolPositionReport) RETURN count(r)")).isEqualTo(3);
        assertThat(messagesInQueue()).isZero();
    }

    private long messagesInQueue() throws Exception {
        try (Connection c = connection(); Channel ch = c.createChannel()) {
            return ch.queueDeclarePassive(queue).getMessageCount();
        }
    }

    private static Connection connection() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("127.0.0.1");
        f.setPort(5672);
        f.setUsername("guest");
        f.setPassword("guest");
        return f.newConnection("jiedao-test");
    }
}

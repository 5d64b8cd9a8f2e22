package org.jiedao.hub.routes.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jiedao.hub.routes.exchange.PartnerFixtures.certificate;
import static org.jiedao.hub.routes.exchange.PartnerFixtures.id;
import static org.jiedao.hub.routes.exchange.PartnerFixtures.rabbit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Delivery;
import org.jiedao.hub.graph.schema.GraphSchema;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.graph.write.RecordWriter;
import org.jiedao.hub.loaders.mapping.SourceCatalog;
import org.jiedao.hub.loaders.mapping.SourceMapping;
import org.jiedao.hub.loaders.source.Placeholders;
import org.jiedao.hub.ontology.Ontology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Partner submissions over AMQP (issue 10, item 4): the bundled inbound source civilaffairs-partner with a queue of
 * its own on the real RabbitMQ of 127.0.0.1:5672, written into the test Neo4j; receipts come back on the message's
 * reply-to queue.
 */
class SubmissionQueueTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOURCE = "civilaffairs-partner";
    private static final String ROLE = "partner:civil-affairs";

    @TempDir
    Path dir;
    private String queue;
    private String replies;
    private InboundSubmissions submissions;
    private List<SourceMapping> mappings;
    private final List<String> recorded = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        TestNeo4j.clear();
        Ontology ontology = Ontology.bundled();
        new GraphSchema(ontology).apply(TestNeo4j.driver());
        String sfx = UUID.randomUUID().toString().substring(0, 8);
        queue = "jiedao.test.submissions." + sfx;
        replies = "jiedao.test.receipts." + sfx;
        Path repo = Path.of(System.getenv().getOrDefault("JIEDAO_REPO_ROOT", ".."));
        Path sources = Files.createDirectories(dir.resolve("sources"));
        Files.writeString(sources.resolve(SOURCE + ".yaml"),
                Files.readString(repo.resolve("config/sources/" + SOURCE + ".yaml")).replace("inbound:\n  roles: [partner:civil-affairs]",
                        "inbound:\n  roles: [partner:civil-affairs]\n  queueRole: partner:civil-affairs\namqp: {host: 127.0.0.1, queue: " + queue + "}"));
        mappings = SourceCatalog.load(sources, new Placeholders(Map.of()), dir, ontology);
        assertThat(mappings.getFirst().definition().amqp()).as("the test's queue is declared").isNotNull();
        submissions = new InboundSubmissions(mappings, new RecordWriter(TestNeo4j.driver()), TestNeo4j.driver(), Clock.systemUTC());
        submissions.prepare();
        try (Connection c = rabbit(); Channel ch = c.createChannel()) {
            ch.queueDeclare(replies, false, false, false, null);
        }
        listenForReceipts();
    }

    @AfterEach
    void deleteQueues() throws Exception {
        replyConnection.close();
        try (Connection c = rabbit(); Channel ch = c.createChannel()) {
            ch.queueDelete(queue);
            ch.queueDelete(replies);
        }
    }

    private void publish(String messageId, String body) throws Exception {
        try (Connection c = rabbit(); Channel ch = c.createChannel()) {
            ch.queueDeclare(queue, true, false, false, null); // as the route declares it
            ch.basicPublish("", queue, new AMQP.BasicProperties.Builder().messageId(messageId).replyTo(replies)
                    .contentType("application/json").deliveryMode(2).build(), body.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The receipts published to the reply queue, in order. */
    private final BlockingQueue<Delivery> receipts = new LinkedBlockingQueue<>();
    private Connection replyConnection;

    private void listenForReceipts() throws Exception {
        replyConnection = rabbit();
        replyConnection.createChannel().basicConsume(replies, true, (tag, d) -> receipts.add(d), tag -> { });
    }

    private Delivery awaitReply() throws Exception {
        Delivery d = receipts.poll(60, TimeUnit.SECONDS);
        assertThat(d).as("a receipt on " + replies + " within 60 s").isNotNull();
        return d;
    }

    private static long count(String cypher, Map<String, Object> params) {
        return TestNeo4j.driver().executableQuery(cypher).withParameters(params).execute().records().getFirst().get(0).asLong();
    }

    @Test
    void aMessageWithOneBadRecordGetsAReceiptOnItsReplyQueueAndTheGoodRecordsLandOnce() throws Exception {
        String good1 = id("11010219650301123");
        String good2 = id("11010219720815246");
        String valid = id("11010219800101123");
        String bad = valid.substring(0, 17) + (valid.charAt(17) == '0' ? '1' : '0');
        String body = "[" + certificate("11010219650301123X11", good1, "王秀兰") + ","
                + certificate("11010219800101123X21", bad, "李建国") + ","
                + certificate("11010219720815246X12", good2, "张伟") + "]";
        SubmissionRecorder recorder = (source, role, principal, receiptId, records, bytes) -> recorded.add(receiptId);

        try (SubmissionQueues queues = SubmissionQueues.start(mappings, submissions, recorder)) {
            assertThat(queues.sources()).containsExactly(SOURCE);
            publish("mz-2026-001", body);
            Delivery reply = awaitReply();
            JsonNode receipt = JSON.readTree(reply.getBody());
            assertThat(reply.getProperties().getCorrelationId()).isEqualTo("mz-2026-001");
            assertThat(receipt.get("received").asInt()).isEqualTo(3);
            assertThat(receipt.get("accepted").asInt()).isEqualTo(2);
            assertThat(receipt.get("rejected")).hasSize(1);
            assertThat(receipt.get("rejected").get(0).get("index").asInt()).isEqualTo(1);
            String receiptId = receipt.get("receiptId").asText();
            assertThat(submissions.receipt(receiptId, ROLE)).isPresent();
            assertThat(recorded).containsExactly(receiptId);

            // the partner publishes the same message again (a lost confirm): the same receipt, nothing written twice
            publish("mz-2026-001", body);
            JsonNode again = JSON.readTree(awaitReply().getBody());
            assertThat(again.get("receiptId").asText()).isEqualTo(receiptId);
            assertThat(recorded).containsExactly(receiptId);
        }
        assertThat(count("MATCH (c:DisabilityCertificate) RETURN count(c)", Map.of())).isEqualTo(2);
        assertThat(count("MATCH (r:SourceRecord {source: $s}) RETURN count(r)", Map.of("s", SOURCE))).isEqualTo(2);
        assertThat(count("MATCH (q:QuarantinedRecord {source: $s}) RETURN count(q)", Map.of("s", SOURCE))).isEqualTo(1);
    }

    @Test
    void aMessageThatIsNotJsonIsQuarantinedWholeAndTheReceiptSaysWhy() throws Exception {
        try (SubmissionQueues queues = SubmissionQueues.start(mappings, submissions, SubmissionRecorder.NONE)) {
            publish("mz-2026-002", "[{\"certificateNumber\": ]");
            JsonNode receipt = JSON.readTree(awaitReply().getBody());
            assertThat(receipt.get("received").asInt()).isZero();
            assertThat(receipt.get("rejected").get(0).get("index").asInt()).isEqualTo(-1);
            assertThat(receipt.get("rejected").get(0).get("reason").asText()).contains("malformed JSON at line 1");
        }
        assertThat(count("MATCH (q:QuarantinedRecord {source: $s}) WHERE q.raw CONTAINS 'certificateNumber' RETURN count(q)",
                Map.of("s", SOURCE))).isEqualTo(1);
        assertThat(count("MATCH (c:DisabilityCertificate) RETURN count(c)", Map.of())).isZero();
    }
}

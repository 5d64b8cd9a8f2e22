package org.jiedao.hub.routes.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jiedao.hub.routes.exchange.PartnerFixtures.rabbit;

import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jiedao.hub.graph.ops.Delivery;
import org.jiedao.hub.graph.ops.DeliveryState;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.loaders.source.Placeholders;
import org.jiedao.hub.ontology.Ontology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbound exchange end to end: agreements from YAML, the extract from the test Neo4j, the outbox, the archive
 * and signatures, and both channels against real peers (a drop folder, the RabbitMQ on 127.0.0.1:5672, with an
 * exchange and queue of each test's own, deleted after).
 */
class ExchangeTest {
    private static final Ontology ONTOLOGY = Ontology.bundled();
    private static final String FUYOUJIE = "110102001004";
    private static final String OTHER = "110102001026";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Residents: idNumber, name, gender, phone, community. */
    private static final List<List<String>> RESIDENTS = List.of(
            List.of("110102194909071225", "石蕾娟", "2", "+8613912345601", FUYOUJIE),
            List.of("110102198001011234", "毕秀桂", "2", "+8613912345602", FUYOUJIE),
            List.of("11010219751231201X", "王建国", "1", "+8613912345603", FUYOUJIE),
            List.of("110102199002023456", "李娜", "2", "+8613912345604", OTHER));

    @TempDir
    Path dataDir;
    private MutableClock clock;
    private String amqpExchange;
    private String amqpQueue;

    @BeforeEach
    void graph() {
        PartnerFixtures.residentGraph(ONTOLOGY, RESIDENTS.stream().<Map<String, Object>>map(r -> Map.of("idNumber", r.get(0),
                "name", r.get(1), "gender", r.get(2), "phone", r.get(3), "birthDate", "1980-01-01", "community", r.get(4))).toList());
        clock = new MutableClock(Instant.parse("2026-11-29T02:00:00Z"));
        String sfx = UUID.randomUUID().toString().substring(0, 8);
        amqpExchange = "jiedao.test.exchange." + sfx;
        amqpQueue = "jiedao.test.exchange.civil." + sfx;
    }

    @AfterEach
    void deleteBrokerObjects() throws Exception {
        try (Connection c = rabbit(); Channel ch = c.createChannel()) {
            ch.queueDelete(amqpQueue);
            ch.exchangeDelete(amqpExchange);
        }
    }

    private void declarePartnerQueue() throws Exception {
        try (Connection c = rabbit(); Channel ch = c.createChannel()) {
            ch.exchangeDeclare(amqpExchange, "direct", true);
            ch.queueDeclare(amqpQueue, true, false, false, null);
            ch.queueBind(amqpQueue, amqpExchange, "civil");
        }
    }

    private List<GetResponse> drainQueue() throws Exception {
        List<GetResponse> out = new ArrayList<>();
        try (Connection c = rabbit(); Channel ch = c.createChannel()) {
            for (GetResponse r = ch.basicGet(amqpQueue, true); r != null; r = ch.basicGet(amqpQueue, true)) {
                out.add(r);
            }
        }
        return out;
    }

    private Path drop() {
        return dataDir.resolve("drop");
    }

    private String fileAgreement(String format, String encoding) {
        return """
                id: civil-file
                partner: partner:civil-affairs
                purpose: benefit-eligibility
                legalBasis: test agreement
                entity: Person
                fields: [name, gender]
                filter: {communities: ["%s"]}
                channel: file
                file: {directory: "%s"}
                format: %s
                %s
                validity: {from: "2026-01-01", until: "2027-12-31"}
                retry: {backoff: 10s, maxBackoff: 1m, maxAttempts: 5}
                """.formatted(FUYOUJIE, drop(), format, encoding == null ? "" : "encoding: " + encoding);
    }

    private String amqpAgreement() {
        return """
                id: civil-amqp
                partner: partner:civil-affairs
                purpose: benefit-eligibility
                legalBasis: test agreement
                entity: Person
                fields: [name, gender]
                filter: {communities: ["%s"]}
                channel: amqp
                amqp: {host: 127.0.0.1, port: 5672, exchange: "%s", routingKey: civil}
                format: json
                validity: {from: "2026-01-01"}
                retry: {backoff: 10s, maxBackoff: 1m, maxAttempts: 5}
                """.formatted(FUYOUJIE, amqpExchange);
    }

    private ExchangeRuntime runtime(String... yamls) throws Exception {
        return runtime(DeliveryRecorder.NONE, yamls);
    }

    private ExchangeRuntime runtime(DeliveryRecorder recorder, String... yamls) throws Exception {
        Path defs = dataDir.resolve("agreements");
        Files.createDirectories(defs);
        for (int i = 0; i < yamls.length; i++) {
            Files.writeString(defs.resolve("a" + i + ".yaml"), yamls[i]);
        }
        List<AgreementDefinition> agreements = AgreementDefinitions.load(defs, new Placeholders(Map.of()), dataDir,
                ONTOLOGY, AccessRoles.read(Path.of(System.getenv().getOrDefault("JIEDAO_REPO_ROOT", ".."))
                        .resolve("config/access.yaml")));
        return ExchangeRuntime.create(agreements, TestNeo4j.driver(), ONTOLOGY, dataDir, clock, recorder);
    }

    private static List<String> residentsOf(String community, int column) {
        return RESIDENTS.stream().filter(r -> r.get(4).equals(community)).map(r -> r.get(column)).sorted().toList();
    }

    /** Every identifying value of every resident that the agreements do not share. */
    private static List<String> valuesOutsideTheAgreement() {
        List<String> out = new ArrayList<>();
        RESIDENTS.forEach(r -> {
            out.add(r.get(0));
            out.add(r.get(3));
        });
        out.add(RESIDENTS.get(3).get(1)); // the resident of the other community
        return out;
    }

    private static void assertNoValueOutsideTheAgreement(byte[] bytes, Charset charset) {
        String text = new String(bytes, charset);
        for (String v : valuesOutsideTheAgreement()) {
            assertThat(text).as("a value outside the agreement").doesNotContain(v);
        }
        assertThat(text).doesNotContain("idNumber").doesNotContain("phone").doesNotContain("birthDate");
    }

    @Test
    void aFileAgreementForTwoFieldsDeliversExactlyThoseFieldsForExactlyTheFilteredResidents() throws Exception {
        Files.createDirectories(drop());
        try (ExchangeRuntime rt = runtime(fileAgreement("csv", "utf-8-bom"))) {
            String id = rt.extractNow("civil-file").orElseThrow();
            assertThat(rt.ledger().delivery(id).orElseThrow().state()).isEqualTo(DeliveryState.PENDING);
            assertThat(rt.outbox().deliverDue().sent()).containsExactly(id);

            Delivery d = rt.ledger().delivery(id).orElseThrow();
            assertThat(d.state()).isEqualTo(DeliveryState.SENT);
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.entityKeys()).containsExactlyElementsOf(residentsOf(FUYOUJIE, 0));

            String name = "civil-file-" + id + ".csv";
            try (Stream<Path> files = Files.list(drop())) {
                assertThat(files.map(p -> p.getFileName().toString()).toList())
                        .containsExactlyInAnyOrder(name, name + ".jws", name + ".json");
            }
            byte[] payload = Files.readAllBytes(drop().resolve(name));
            assertThat(Arrays.copyOf(payload, 3)).as("UTF-8 byte-order mark").containsExactly(0xEF, 0xBB, 0xBF);
            List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new StringReader(new String(payload, 3, payload.length - 3, StandardCharsets.UTF_8))).getRecords();
            assertThat(rows).hasSize(3);
            assertThat(rows.getFirst().toMap().keySet()).containsExactlyInAnyOrder("name", "gender");
            assertThat(rows.stream().map(r -> r.get("name")).sorted().toList()).isEqualTo(residentsOf(FUYOUJIE, 1));
            for (Path f : List.of(drop().resolve(name), drop().resolve(name + ".jws"), drop().resolve(name + ".json"))) {
                assertNoValueOutsideTheAgreement(Files.readAllBytes(f), StandardCharsets.UTF_8);
            }
            JsonNode manifest = JSON.readTree(drop().resolve(name + ".json").toFile());
            assertThat(manifest.path("deliveryId").asText()).isEqualTo(id);
            assertThat(manifest.path("contentSha256").asText()).isEqualTo(DeliveryArchive.sha256(payload)).isEqualTo(d.contentSha256());
            assertThat(manifest.path("records").asInt()).isEqualTo(3);
            SigningKey key = SigningKey.loadOrCreate(dataDir.resolve("secrets"));
            assertThat(key.verify(payload, Files.readString(drop().resolve(name + ".jws")), id, d.contentSha256())).isNull();

            assertThat(rt.outbox().deliverDue().sent()).as("a SENT delivery is not sent again").isEmpty();
        }
    }

    @Test
    void gb18030CsvReadsBackInChineseAndAResidentWhoseResidenceEndedIsNotShared() throws Exception {
        Files.createDirectories(drop());
        try (var s = TestNeo4j.driver().session()) { // 王建国 moved to the other community in June: his old RESIDES_AT ended
            s.run("""
                    MATCH (p:Person {idNumber: '11010219751231201X'})-[r:RESIDES_AT]->(), (c:Community {code: $other})
                    SET r.validFrom = date('2001-01-01'), r.validTo = date('2026-06-01')
                    CREATE (p)-[:RESIDES_AT {validFrom: date('2026-06-01')}]->(:Address {text: 'moved'})-[:IN_COMMUNITY]->(c)""",
                    Map.of("other", OTHER)).consume();
        }
        try (ExchangeRuntime rt = runtime(fileAgreement("csv", "gb18030"))) {
            String id = rt.extractNow("civil-file").orElseThrow();
            rt.outbox().deliverDue();
            byte[] payload = Files.readAllBytes(drop().resolve("civil-file-" + id + ".csv"));
            String text = new String(payload, Charset.forName("GB18030"));
            assertThat(text).startsWith("name,gender\r\n").contains("石蕾娟,2").contains("毕秀桂,2").doesNotContain("王建国");
            assertThat(new String(payload, StandardCharsets.UTF_8)).as("not UTF-8").doesNotContain("石蕾娟");
        }
    }

    @Test
    void anAmqpAgreementPublishesThePayloadWithItsIdHashAndSignatureOnceConfirmed() throws Exception {
        declarePartnerQueue();
        try (ExchangeRuntime rt = runtime(amqpAgreement())) {
            String id = rt.extractNow("civil-amqp").orElseThrow();
            assertThat(rt.outbox().deliverDue().sent()).containsExactly(id);
            List<GetResponse> got = drainQueue();
            assertThat(got).hasSize(1);
            GetResponse m = got.getFirst();
            Map<String, Object> headers = m.getProps().getHeaders();
            assertThat(m.getProps().getMessageId()).isEqualTo(id);
            assertThat(String.valueOf(headers.get("delivery-id"))).isEqualTo(id);
            assertThat(String.valueOf(headers.get("content-sha256"))).isEqualTo(DeliveryArchive.sha256(m.getBody()));
            SigningKey key = SigningKey.loadOrCreate(dataDir.resolve("secrets"));
            assertThat(key.verify(m.getBody(), String.valueOf(headers.get("jws")), id, DeliveryArchive.sha256(m.getBody()))).isNull();
            JsonNode doc = JSON.readTree(m.getBody());
            assertThat(doc.path("agreement").asText()).isEqualTo("civil-amqp");
            List<String> names = new ArrayList<>();
            for (JsonNode r : doc.path("records")) {
                Set<String> keys = new HashSet<>();
                r.fieldNames().forEachRemaining(keys::add);
                assertThat(keys).containsExactlyInAnyOrder("name", "gender");
                names.add(r.path("name").asText());
            }
            assertThat(names.stream().sorted().toList()).isEqualTo(residentsOf(FUYOUJIE, 1));
            assertNoValueOutsideTheAgreement(m.getBody(), StandardCharsets.UTF_8);
            headers.values().forEach(v -> assertNoValueOutsideTheAgreement(String.valueOf(v).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        }
    }

    @Test
    void anArchivedDeliveryVerifiesAndATamperedOneFailsAndIsNeverSent() throws Exception {
        Files.createDirectories(drop());
        try (ExchangeRuntime rt = runtime(fileAgreement("json", null))) {
            String sent = rt.extractNow("civil-file").orElseThrow();
            rt.outbox().deliverDue();
            DeliveryArchive archive = DeliveryArchive.under(dataDir);
            SigningKey key = SigningKey.loadOrCreate(dataDir.resolve("secrets"));
            assertThat(DeliveryVerifier.verify(rt.ledger(), archive, key, sent).ok()).isTrue();

            Path archived = archive.payloadPath(sent, "civil-file-" + sent + ".json");
            Files.writeString(archived, Files.readString(archived).replace("石蕾娟", "石蕾娥"));
            DeliveryVerifier.Verification v = DeliveryVerifier.verify(rt.ledger(), archive, key, sent);
            assertThat(v.ok()).isFalse();
            assertThat(v.problems()).anyMatch(p -> p.contains("SHA-256")).anyMatch(p -> p.contains("signature does not match"));

            String pending = rt.extractNow("civil-file").orElseThrow();
            Path other = archive.payloadPath(pending, "civil-file-" + pending + ".json");
            Files.writeString(other, Files.readString(other).replace("毕秀桂", "某某某"));
            Outbox.Round round = rt.outbox().deliverDue();
            assertThat(round.failed()).containsExactly(pending);
            assertThat(rt.ledger().delivery(pending).orElseThrow().state()).isEqualTo(DeliveryState.FAILED);
            assertThat(rt.ledger().delivery(pending).orElseThrow().lastError()).contains("does not match the recorded content hash");
            assertThat(drop().resolve("civil-file-" + pending + ".json")).doesNotExist();
            assertThat(DeliveryVerifier.verify(rt.ledger(), archive, key, UUID.randomUUID().toString()).ok()).isFalse();
        }
    }

    @Test
    void aMissingDropFolderLeavesTheDeliveryPendingAndItArrivesUnderTheSameIdWhenTheFolderIsBack() throws Exception {
        try (ExchangeRuntime rt = runtime(fileAgreement("csv", null))) {
            String id = rt.extractNow("civil-file").orElseThrow();
            Outbox.Round first = rt.outbox().deliverDue();
            assertThat(first.retrying()).containsExactly(id);
            Delivery d = rt.ledger().delivery(id).orElseThrow();
            assertThat(d.state()).isEqualTo(DeliveryState.PENDING);
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(10));
            assertThat(d.lastError()).contains("does not exist");
            assertThat(rt.outbox().deliverDue().retrying()).as("not due before its backoff").isEmpty();

            clock.advance(Duration.ofSeconds(10));
            rt.outbox().deliverDue();
            d = rt.ledger().delivery(id).orElseThrow();
            assertThat(d.attempts()).isEqualTo(2);
            assertThat(d.nextAttemptAt()).as("the backoff doubles").isEqualTo(clock.instant().plusSeconds(20));

            Files.createDirectories(drop());
            clock.advance(Duration.ofSeconds(20));
            assertThat(rt.outbox().deliverDue().sent()).containsExactly(id);
            assertThat(rt.ledger().delivery(id).orElseThrow().state()).isEqualTo(DeliveryState.SENT);
            assertThat(rt.ledger().delivery(id).orElseThrow().attempts()).isEqualTo(3);
            assertThat(drop().resolve("civil-file-" + id + ".csv")).exists();
            try (Stream<Path> files = Files.list(drop())) {
                assertThat(files.filter(p -> p.getFileName().toString().startsWith(".")).toList()).as("no .part file left").isEmpty();
            }
        }
    }

    @Test
    void aPublishToAMissingExchangeIsRefusedAndTheSameIdArrivesOnceTheExchangeExists() throws Exception {
        try (ExchangeRuntime rt = runtime(amqpAgreement())) {
            String id = rt.extractNow("civil-amqp").orElseThrow();
            assertThat(rt.outbox().deliverDue().retrying()).containsExactly(id);
            Delivery d = rt.ledger().delivery(id).orElseThrow();
            assertThat(d.state()).isEqualTo(DeliveryState.PENDING);
            assertThat(d.attempts()).isEqualTo(1);

            declarePartnerQueue();
            clock.advance(Duration.ofSeconds(10));
            assertThat(rt.outbox().deliverDue().sent()).containsExactly(id);
            List<GetResponse> got = drainQueue();
            assertThat(got).extracting(g -> g.getProps().getMessageId()).containsExactly(id);
        }
    }

    @Test
    void aRestartedOutboxSendsPendingDeliveriesUnderTheirIdsAndNeverResendsDeliveredOnes() throws Exception {
        declarePartnerQueue();
        String delivered;
        String pending;
        try (ExchangeRuntime before = runtime(amqpAgreement())) {
            delivered = before.extractNow("civil-amqp").orElseThrow();
            before.outbox().deliverDue();
            pending = before.extractNow("civil-amqp").orElseThrow(); // the hub stops before sending it
        }
        try (ExchangeRuntime after = runtime(amqpAgreement())) {
            assertThat(after.outbox().deliverDue().sent()).containsExactly(pending);
            assertThat(after.outbox().deliverDue().sent()).isEmpty();
            assertThat(after.ledger().deliveriesOf("civil-amqp")).extracting(Delivery::id).containsExactlyInAnyOrder(delivered, pending);
            assertThat(after.ledger().counts().get("civil-amqp")).containsEntry(DeliveryState.SENT, 2L)
                    .containsEntry(DeliveryState.PENDING, 0L);
        }
        assertThat(drainQueue()).extracting(g -> g.getProps().getMessageId()).containsExactly(delivered, pending);
    }

    @Test
    void scheduledRoutesExtractOnTheAgreementsScheduleAndSendWithoutBeingAsked() throws Exception {
        Files.createDirectories(drop());
        try (ExchangeRuntime rt = runtime(fileAgreement("csv", null).replace("format: csv", "format: csv\nschedule: 1s"))) {
            rt.schedule(Duration.ofMillis(200));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (rt.ledger().counts().get("civil-file").get(DeliveryState.SENT) < 2 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            List<Delivery> sent = rt.ledger().deliveriesOf("civil-file").stream().filter(d -> d.state() == DeliveryState.SENT).toList();
            assertThat(sent).as("two scheduled extracts sent").hasSizeGreaterThanOrEqualTo(2);
            for (Delivery d : sent) {
                assertThat(drop().resolve("civil-file-" + d.id() + ".csv")).exists();
            }
        }
    }

    @Test
    void aDeliveryTheAuditTrailCannotRecordStaysPendingAndIsRecordedWithItsEntitiesOnTheNextAttempt() throws Exception {
        Files.createDirectories(drop());
        List<String> recorded = new ArrayList<>();
        boolean[] auditDown = {true};
        DeliveryRecorder recorder = (agreement, delivery, sent) -> {
            if (auditDown[0]) {
                throw new IllegalStateException("audit disk full");
            }
            recorded.add(delivery.id() + " " + delivery.entityKeys());
        };
        try (ExchangeRuntime rt = runtime(recorder, fileAgreement("csv", null))) {
            String id = rt.extractNow("civil-file").orElseThrow();
            assertThat(rt.outbox().deliverDue().retrying()).containsExactly(id);
            assertThat(rt.ledger().delivery(id).orElseThrow().state()).isEqualTo(DeliveryState.PENDING);
            assertThat(rt.ledger().delivery(id).orElseThrow().lastError()).contains("audit disk full");
            auditDown[0] = false;
            clock.advance(Duration.ofSeconds(10));
            assertThat(rt.outbox().deliverDue().sent()).containsExactly(id);
            assertThat(recorded).containsExactly(id + " " + residentsOf(FUYOUJIE, 0));
        }
    }

    @Test
    void anAgreementOutsideItsValidityPeriodExtractsNothing() throws Exception {
        Files.createDirectories(drop());
        clock = new MutableClock(Instant.parse("2028-06-01T02:00:00Z"));
        try (ExchangeRuntime rt = runtime(fileAgreement("csv", null))) {
            assertThat(rt.extractNow("civil-file")).isEmpty();
            assertThat(rt.ledger().deliveriesOf("civil-file")).isEmpty();
        }
    }
}

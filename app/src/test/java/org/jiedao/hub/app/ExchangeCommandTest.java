package org.jiedao.hub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jiedao.hub.graph.schema.GraphSchema;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.ontology.Ontology;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code hub exchange run|status|verify|ack} on a file-drop agreement against the test Neo4j. */
class ExchangeCommandTest {
    @TempDir
    Path data;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void graph() throws Exception {
        TestNeo4j.clear();
        new GraphSchema(Ontology.bundled()).apply(TestNeo4j.driver());
        try (var s = TestNeo4j.driver().session()) {
            s.run("""
                    CREATE (c:Community {code: '110102001004', name: '府右街南社区'})
                    CREATE (:Person {idNumber: '110102194909071225', name: '石蕾娟', gender: '2', phone: '+8613912345601'})
                           -[:RESIDES_AT]->(:Address {text: 'a'})-[:IN_COMMUNITY]->(c)
                    CREATE (:Person {idNumber: '110102198001011234', name: '毕秀桂', gender: '2'})
                           -[:RESIDES_AT]->(:Address {text: 'b'})-[:IN_COMMUNITY]->(c)""").consume();
        }
        Path defs = Files.createDirectories(data.resolve("agreements"));
        Files.createDirectories(data.resolve("drop"));
        Files.writeString(defs.resolve("civil.yaml"), """
                id: civil
                partner: partner:civil-affairs
                purpose: benefit-eligibility
                legalBasis: test
                entity: Person
                fields: [name, gender]
                filter: {communities: ["110102001004"]}
                channel: file
                file: {directory: "${HUB_DATA_DIR}/drop"}
                format: csv
                validity: {from: "2026-01-01"}
                """);
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        ExchangeCommand c = new ExchangeCommand();
        Map<String, String> env = new HashMap<>();
        env.put("HUB_DATA_DIR", data.toString());
        env.put("HUB_AGREEMENTS_DIR", data.resolve("agreements").toString());
        env.put("NEO4J_URI", TestNeo4j.boltUri().toString());
        c.env = env;
        c.stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        c.stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
        return new CommandLine(c).execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void runDeliversStatusCountsVerifyChecksAndAckRecords() throws Exception {
        assertThat(run("status")).isZero();
        assertThat(out()).contains("civil: partner:civil-affairs, Person [name, gender], file csv").contains("no deliveries yet");

        assertThat(run("run", "civil")).as(err.toString(StandardCharsets.UTF_8)).isZero();
        Matcher m = Pattern.compile("sent ([0-9a-f-]{36})").matcher(out());
        assertThat(m.find()).as(out()).isTrue();
        String id = m.group(1);
        assertThat(data.resolve("drop").resolve("civil-" + id + ".csv")).exists();

        assertThat(run("status")).isZero();
        assertThat(out()).contains("pending 0, sent 1, acknowledged 0, failed 0").contains("last sent: " + id).contains("(2 entities)");

        assertThat(run("verify", id)).isZero();
        assertThat(out()).startsWith("OK " + id);

        // the delivery is in the audit trail, under the partner and agreement, for each resident it carried
        ByteArrayOutputStream auditOut = new ByteArrayOutputStream();
        AuditCommand audit = new AuditCommand();
        audit.env = Map.of("HUB_DATA_DIR", data.toString());
        audit.stdout = new PrintStream(auditOut, true, StandardCharsets.UTF_8);
        audit.stderr = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(new CommandLine(audit).execute("search", "--person", "110102194909071225")).isZero();
        assertThat(auditOut.toString(StandardCharsets.UTF_8).lines().toList()).singleElement().asString()
                .contains("partner:civil-affairs").contains("delivery").contains("civil");
        auditOut.reset();
        assertThat(new CommandLine(audit).execute("verify")).isZero();

        assertThat(run("ack", id)).isZero();
        assertThat(run("status")).isZero();
        assertThat(out()).contains("pending 0, sent 0, acknowledged 1, failed 0");
        assertThat(run("ack", id)).as("only a sent delivery can be acknowledged").isEqualTo(2);

        Path archived = data.resolve("exchange/archive/" + id + ".csv");
        Files.writeString(archived, Files.readString(archived).replace("毕秀桂", "毕秀贵"));
        assertThat(run("verify", id)).isEqualTo(1);
        assertThat(out()).startsWith("BROKEN " + id).contains("payload SHA-256");
    }

    @Test
    void serveStartsTheExchangeOnlyWhenAgreementsAreDeclared() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("HUB_DATA_DIR", data.toString());
        env.put("HUB_AGREEMENTS_DIR", data.resolve("agreements").toString());
        HubSettings settings = HubSettings.fromEnvironment(env);
        var agreements = ExchangeService.declared(settings);
        try (var exchange = ExchangeService.start(agreements, settings, TestNeo4j.driver(), null,
                new PrintStream(out, true, StandardCharsets.UTF_8)).orElseThrow()) {
            assertThat(exchange.ledger().agreement("civil")).isPresent();
            assertThat(out()).contains("exchange: 1 agreement(s) [civil]");
        }
        env.put("HUB_AGREEMENTS_DIR", data.resolve("none").toString());
        HubSettings without = HubSettings.fromEnvironment(env);
        assertThat(ExchangeService.start(ExchangeService.declared(without), without, TestNeo4j.driver(), null, System.out)).isEmpty();
    }

    @Test
    void anUnknownAgreementOrDeliveryExitsTwoNamingWhatExists() {
        assertThat(run("run", "nope")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no agreement 'nope'").contains("[civil]");
        assertThat(run("run", "civil")).isZero();
        assertThat(run("verify", "00000000-0000-0000-0000-000000000000")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no delivery");
    }

    @Test
    void anInvalidAgreementFileStopsWithItsFileLineAndField() throws Exception {
        Files.writeString(data.resolve("agreements/civil.yaml"),
                Files.readString(data.resolve("agreements/civil.yaml")).replace("fields: [name, gender]", "fields: [name, phone]"));
        assertThat(run("status")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("civil.yaml line 6: fields[1]")
                .contains("partner:civil-affairs may not read Person.phone");
        assertThat(List.of(data.resolve("drop").toFile().list())).isEmpty();
    }
}

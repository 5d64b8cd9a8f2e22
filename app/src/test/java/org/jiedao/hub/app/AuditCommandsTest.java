package org.jiedao.hub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.jiedao.hub.api.access.Principal;
import org.jiedao.hub.api.audit.AuditEvent;
import org.jiedao.hub.api.audit.AuditLog;
import org.jiedao.hub.api.audit.EntityRef;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code hub audit verify} and {@code hub audit search} through their picocli command, as an operator runs them:
 * on a chain written through the delivery API ({@link AuditLog#record}) and then tampered with as an attacker
 * holding the files but not the key would, and on the trail a running hub wrote while answering GraphQL requests.
 */
class AuditCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path data;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("HUB_DATA_DIR", data.toString());
        return env;
    }

    private int audit(String... args) {
        out.reset();
        err.reset();
        AuditCommand c = new AuditCommand();
        c.env = env();
        c.stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        c.stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
        CommandLine cli = new CommandLine(c);
        cli.setErr(new java.io.PrintWriter(c.stderr, true));
        return cli.execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Ten deliveries to partners, recorded through the public API a data-exchange route uses; returns the chain file. */
    private Path tenDeliveries() throws Exception {
        HubSettings settings = HubSettings.fromEnvironment(env());
        try (AuditLog log = AuditLog.open(settings.auditDir(), settings.auditKeyFile(), AuditLog.Options.of("node-1"))) {
            for (int i = 1; i <= 10; i++) {
                log.record(AuditEvent.builder(AuditEvent.Kind.DELIVERY)
                        .principal(new Principal("partner-" + i, "partner:civil-affairs", Map.of(), "benefit check", "mtls"))
                        .operation("agreement-7").entities(List.of(new EntityRef("Person", "11010219900101" + (1000 + i))))
                        .resultBytes(100L * i).build());
            }
        }
        try (Stream<Path> files = Files.list(data.resolve("audit/node-1"))) {
            return files.filter(p -> p.toString().endsWith(".jsonl")).findFirst().orElseThrow();
        }
    }

    private static void rewrite(Path file, java.util.function.Consumer<List<String>> change) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        change.accept(lines);
        Files.write(file, lines);
    }

    @Test
    void verifyPassesOnAnIntactLog() throws Exception {
        tenDeliveries();
        assertThat(audit("verify")).isZero();
        assertThat(out()).contains("OK      node-1: 10 record(s) in 1 file(s), last seq 10").contains("OK: 1 chain(s), 10 record(s)");
    }

    @Test
    void verifyFindsAnEditedRecord() throws Exception {
        Path file = tenDeliveries();
        rewrite(file, lines -> lines.set(4, lines.get(4).replace("\"principal\":\"partner-5\"", "\"principal\":\"partner-9\"")));
        assertThat(audit("verify")).isEqualTo(1);
        assertThat(out()).contains("BROKEN  node-1: node-1/" + file.getFileName() + ":5 (seq 5): its hash does not match its content");
    }

    @Test
    void verifyFindsARecordDeletedInTheMiddle() throws Exception {
        Path file = tenDeliveries();
        rewrite(file, lines -> lines.remove(4));
        assertThat(audit("verify")).isEqualTo(1);
        assertThat(out()).contains(file.getFileName() + ":5 (seq 6): seq 5 was expected: 1 record(s) before it are missing or moved");
    }

    @Test
    void verifyFindsATruncatedTail() throws Exception {
        Path file = tenDeliveries();
        rewrite(file, lines -> lines.subList(7, 10).clear());
        assertThat(audit("verify")).isEqualTo(1);
        assertThat(out()).contains("node-1/anchor.json (seq 10): the anchor names seq 10 but the chain ends at seq 7: 3 record(s) were cut off the end");
    }

    @Test
    void verifyFindsAReorderedPair() throws Exception {
        Path file = tenDeliveries();
        rewrite(file, lines -> Collections.swap(lines, 3, 4));
        assertThat(audit("verify")).isEqualTo(1);
        assertThat(out()).contains(file.getFileName() + ":4 (seq 5): seq 4 was expected");
    }

    @Test
    void pruneDeletesOldDaysAndTheRestOfTheChainStillVerifies() throws Exception {
        HubSettings settings = HubSettings.fromEnvironment(env());
        Instant[] now = {Instant.parse("2026-11-27T09:00:00Z")};
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        try (AuditLog log = AuditLog.open(settings.auditDir(), settings.auditKeyFile(),
                new AuditLog.Options("node-1", AuditLog.Options.DEFAULT_MAX_FILE_BYTES, clock))) {
            for (int day = 0; day < 3; day++) {
                for (int i = 0; i < 3; i++) {
                    log.record(AuditEvent.builder(AuditEvent.Kind.DELIVERY).operation("agreement-7").build());
                }
                now[0] = now[0].plus(Duration.ofDays(1));
            }
        }
        assertThat(audit("prune", "--before", "2026-11-29")).isZero();
        assertThat(out()).contains("PRUNED  node-1: 2 file(s) deleted (audit-000000000001-2026-11-27.jsonl, audit-000000000004-2026-11-28.jsonl)");
        assertThat(audit("verify")).isZero();
        assertThat(out()).contains("OK      node-1: 3 record(s) in 1 file(s), last seq 9");
        // without the signed start, the missing days show
        Files.delete(data.resolve("audit/node-1/start.json"));
        assertThat(audit("verify")).isEqualTo(1);
        assertThat(out()).contains("audit-000000000007-2026-11-29.jsonl (seq 7): the file should start at seq 1 but its name says 7");
    }

    @Test
    void searchFindsWhoLookedAPersonUpByItsOldIdNumberAndWhoGotItThroughANestedTraversal() throws Exception {
        TestNeo4j.clear();
        Path drop = Files.createDirectories(data.resolve("drop"));
        Path sources = Files.createDirectories(data.resolve("sources"));
        Files.writeString(sources.resolve("residents.yaml"), ResidentsFile.definition(drop));
        ResidentsFile residents = new ResidentsFile("residents.csv", 6, 1000);
        residents.write(drop);
        String id = residents.good.get(0).get("公民身份号码");
        String old = id.substring(0, 6) + id.substring(8, 17); // the 15-digit form of 1950s numbers
        Map<String, String> env = env();
        env.put("NEO4J_URI", TestNeo4j.boltUri().toString());
        env.put("HUB_SOURCES_DIR", sources.toString());
        env.put("HUB_HTTP_PORT", "0");
        env.put("HUB_AUDIT_NODE", "hub-a");
        try (Hub hub = Hub.start(HubSettings.fromEnvironment(env))) {
            assertThat(hub.routes().awaitInitialLoad(Duration.ofMinutes(3))).isTrue();
            String lookedUp = graphql(hub, "query Lookup($id: String!) { person(idNumber: $id) { name } }", Map.of("id", old), "case 1");
            assertThat(lookedUp).contains(residents.good.get(0).get("姓名"));
            String household = graphql(hub, "query Household { household(householdNumber: \"H0\") { members { name } } }", Map.of(), "visit");
            assertThat(household).contains(residents.good.get(1).get("姓名"));
            graphql(hub, "query Other { household(householdNumber: \"H1\") { members { name } } }", Map.of(), "visit");
        }
        assertThat(Files.getPosixFilePermissions(data.resolve("secrets/audit-hmac.key")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));

        assertThat(audit("search", "--person", old)).isZero();
        List<String> lines = out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("\tadmin\tadmin\t").contains("\tcase 1\tgraphql\tLookup\treturned+looked-up\tok\thub-a:");
        assertThat(lines.get(1)).contains("\tvisit\tgraphql\tHousehold\treturned\tok\thub-a:");
        assertThat(audit("search", "--principal", "admin", "--since", "2000-01-01")).isZero();
        assertThat(out().lines()).hasSize(3);
        assertThat(audit("verify")).isZero();
    }

    private static String graphql(Hub hub, String query, Map<String, Object> variables, String purpose) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + hub.api().port() + "/graphql"))
                .header("Content-Type", "application/json").header("X-Purpose-Of-Use", purpose)
                .header("X-API-Key", AdminKey.of(hub))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query, "variables", variables))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }
}

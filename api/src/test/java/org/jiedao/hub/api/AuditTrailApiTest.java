package org.jiedao.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.jiedao.hub.api.audit.AuditKey;
import org.jiedao.hub.api.audit.AuditLog;
import org.jiedao.hub.api.audit.AuditVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit trail as a caller leaves it: GraphQL requests and exports over HTTP against the test graph, then the
 * chain files read back as JSON Lines (docs/security/audit.md).
 */
class AuditTrailApiTest {
    @TempDir
    static Path data;
    private static String id;
    private static AuditLog audit;
    private static ApiFixture.Running server;

    @BeforeAll
    static void graphAndServer() throws Exception {
        id = ApiFixture.writeGraph();
        audit = AuditLog.open(data.resolve("audit"), data.resolve("secrets/audit-hmac.key"), AuditLog.Options.of("node-a"));
        server = ApiFixture.startServer(audit);
    }

    @AfterAll
    static void stop() {
        server.close();
        audit.close();
    }

    private static HttpResponse<String> post(String query, Map<String, Object> variables, String purpose) throws Exception {
        return ApiFixture.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/graphql"))
                        .header("X-API-Key", TestCredentials.ADMIN_KEY)
                        .header("Content-Type", "application/json").header("X-Purpose-Of-Use", purpose)
                        .POST(HttpRequest.BodyPublishers.ofString(ApiFixture.JSON.writeValueAsString(
                                variables == null ? Map.of("query", query) : Map.of("query", query, "variables", variables)))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** @return every record of the node's chain, in order */
    private static List<JsonNode> records() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(data.resolve("audit").resolve(audit.chain()))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(f)) {
                    out.add(ApiFixture.JSON.readTree(line));
                }
            }
        }
        return out;
    }

    private static JsonNode last() throws Exception {
        return records().getLast();
    }

    private static String allAuditBytes() throws Exception {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(data.resolve("audit"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void aLookupIsRecordedWithWhoWhatAndHashedVariablesAndNoPersonalValueReachesTheFiles() throws Exception {
        String query = "query Lookup($id: String!) { person(idNumber: $id) { name household { members { name idNumber } } } }";
        HttpResponse<String> r = post(query, Map.of("id", ApiFixture.OLD_ID), "case 2026-117");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("林晓雨").contains("王芳");

        JsonNode rec = last();
        assertThat(rec.path("kind").asText()).isEqualTo("graphql");
        assertThat(rec.path("principal").asText()).as("the API key's name").isEqualTo("admin");
        assertThat(rec.path("purpose").asText()).isEqualTo("case 2026-117");
        assertThat(rec.path("operation").asText()).isEqualTo("Lookup");
        assertThat(rec.path("documentHash").asText()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(query.getBytes(StandardCharsets.UTF_8))));
        // the 15-digit form typed by the caller is stored as the pseudonym of the 18-digit number
        assertThat(rec.path("variables").path("id").asText()).isEqualTo(audit.pseudonyms().of(id)).hasSize(32);
        assertThat(texts(rec.path("entities"))).contains(
                "Person:" + audit.pseudonyms().of(id), "Person:" + audit.pseudonyms().of(ApiFixture.SPOUSE_ID),
                "Household:" + audit.pseudonyms().of("H1"));
        assertThat(rec.path("resultEntities").asLong()).isEqualTo(rec.path("entities").size());
        assertThat(rec.path("resultBytes").asLong()).isEqualTo(r.body().getBytes(StandardCharsets.UTF_8).length);
        assertThat(rec.path("outcome").asText()).isEqualTo("ok");
        // the response carries no trace of the reserved entry
        assertThat(r.body()).doesNotContain("@ref");

        String files = allAuditBytes();
        for (String personal : List.of(ApiFixture.OLD_ID, id, ApiFixture.SPOUSE_ID, "林晓雨", "王芳")) {
            assertThat(files).as("audit files").doesNotContain(personal);
        }
    }

    @Test
    void anAnalyticsCallIsRecordedLikeAnyQuery() throws Exception {
        int before = records().size();
        String query = "query Patrols { patrolPositions { member } caseHotspots(from: \"2026-11-02T00:00+08:00\", to: \"2026-11-23T00:00+08:00\") { cases } }";
        HttpResponse<String> r = post(query, null, "patrol dispatch");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).doesNotContain("errors");
        JsonNode rec = last();
        assertThat(records()).hasSize(before + 1);
        assertThat(rec.path("operation").asText()).isEqualTo("Patrols");
        assertThat(rec.path("purpose").asText()).isEqualTo("patrol dispatch");
        assertThat(rec.path("outcome").asText()).isEqualTo("ok");
    }

    @Test
    void literalArgumentsAreStoredAsPseudonymsAndEveryConnectionNodeIsAReturnedEntity() throws Exception {
        JsonNode r = server.graphql("""
                { byLiteral: person(idNumber: "%s") { name }
                  persons(where: { name: { eq: "王芳" } }) { edges { node { name } } } }""".formatted(ApiFixture.OLD_ID));
        assertThat(r.path("data").path("byLiteral").path("name").asText()).isEqualTo("林晓雨");

        JsonNode rec = last();
        assertThat(texts(rec.path("literals"))).contains(audit.pseudonyms().of(id), audit.pseudonyms().of("王芳"));
        assertThat(texts(rec.path("entities"))).containsExactlyInAnyOrder(
                "Person:" + audit.pseudonyms().of(id), "Person:" + audit.pseudonyms().of(ApiFixture.SPOUSE_ID));
        assertThat(allAuditBytes()).doesNotContain(ApiFixture.OLD_ID).doesNotContain("王芳");
    }

    @Test
    void theNodesOfAPathAreReturnedEntitiesEvenWhenOnlyItsLengthIsSelected() throws Exception {
        JsonNode r = server.graphql(
                "{ path(from: { type: \"Vehicle\", key: \"京A12345\" }, to: { type: \"Household\", key: \"H1\" }) { length } }");
        assertThat(r.path("data").path("path").path("length").asInt()).isEqualTo(2);

        assertThat(texts(last().path("entities"))).containsExactlyInAnyOrder("Vehicle:" + audit.pseudonyms().of("京A12345"),
                "Person:" + audit.pseudonyms().of(id), "Household:" + audit.pseudonyms().of("H1"));
    }

    @Test
    void theNodesOfATimelineAreReturnedEntitiesEvenWhenOnlyTheirDatesAreSelected() throws Exception {
        JsonNode r = server.graphql("{ person(idNumber: \"%s\") { timeline { date } } }".formatted(ApiFixture.OLD_ID));
        assertThat(r.path("data").path("person").path("timeline").findValuesAsText("date")).containsExactly("2026-03-14T09:21:05");
        assertThat(r.toString()).doesNotContain("@ref").doesNotContain("@order").doesNotContain("@node");

        assertThat(texts(last().path("entities"))).containsExactlyInAnyOrder("Person:" + audit.pseudonyms().of(id),
                "Case:" + audit.pseudonyms().of("12345-1"));
    }

    @Test
    void anUnknownPersistedDocumentIsRecordedUnderItsHash() throws Exception {
        String hash = "ab".repeat(32);
        HttpResponse<String> r = server.post(ApiFixture.JSON.writeValueAsString(Map.of("extensions",
                Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash)))));
        assertThat(r.body()).contains("PERSISTED_QUERY_NOT_FOUND");

        JsonNode rec = last();
        assertThat(rec.path("documentHash").asText()).isEqualTo(hash);
        assertThat(texts(rec.path("errors"))).containsExactly("PERSISTED_QUERY_NOT_FOUND");
    }

    @Test
    void aRequestThatFailsValidationIsRecordedWithItsErrorCode() throws Exception {
        JsonNode r = server.graphql("{ person(idNumber: \"" + ApiFixture.OLD_ID + "\") { noSuchField } }");
        assertThat(r.path("errors").get(0).path("extensions").path("code").asText()).isEqualTo("GRAPHQL_VALIDATION_FAILED");

        JsonNode rec = last();
        assertThat(rec.path("outcome").asText()).isEqualTo("error");
        assertThat(texts(rec.path("errors"))).containsExactly("GRAPHQL_VALIDATION_FAILED");
        assertThat(rec.path("entities").isMissingNode()).isTrue();
    }

    @Test
    void anExportIsRecordedWithItsEntityDepthFormatAndEveryEntityExported() throws Exception {
        HttpResponse<byte[]> r = ApiFixture.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/export?entity=Person:" + ApiFixture.OLD_ID + "&depth=1&format=jsonld")).header("X-API-Key", TestCredentials.ADMIN_KEY).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);

        JsonNode rec = last();
        assertThat(rec.path("kind").asText()).isEqualTo("export");
        assertThat(rec.path("subject").asText()).isEqualTo("Person:" + audit.pseudonyms().of(id));
        assertThat(rec.path("operation").asText()).isEqualTo("jsonld");
        assertThat(rec.path("details").path("depth").asInt()).isEqualTo(1);
        assertThat(texts(rec.path("entities"))).contains("Person:" + audit.pseudonyms().of(id),
                "Household:" + audit.pseudonyms().of("H1"), "Vehicle:" + audit.pseudonyms().of("京A12345"));
        assertThat(rec.path("resultBytes").asLong()).isEqualTo(r.body().length);
        assertThat(allAuditBytes()).doesNotContain(ApiFixture.OLD_ID).doesNotContain(id);
    }

    @Test
    void eachOperationOverTheWebSocketIsRecordedOnce() throws Exception {
        long before = audit.lastSeq();
        try (WsClient c = WsClient.initialised(server.port())) {
            c.subscribe("q", "query OverWs { person(idNumber: \"" + id + "\") { name } }");
            assertThat(c.next().path("payload").path("data").path("person").path("name").asText()).isEqualTo("林晓雨");
            assertThat(c.next().path("type").asText()).isEqualTo("complete");
            c.subscribe("s", "subscription Alerts { alerts { id } }");
            c.send(Map.of("id", "s", "type", "complete"));
            // a third operation, answered only after the subscription's start was recorded
            c.subscribe("q2", "query Again { person(idNumber: \"" + id + "\") { name } }");
            assertThat(c.next().path("id").asText()).isEqualTo("q2");
        }
        List<JsonNode> records = records();
        List<JsonNode> mine = records.subList(records.size() - (int) (audit.lastSeq() - before), records.size());
        assertThat(mine).extracting(r -> r.path("operation").asText()).containsExactlyInAnyOrder("OverWs", "Alerts", "Again");
        JsonNode overWs = mine.stream().filter(r -> r.path("operation").asText().equals("OverWs")).findFirst().orElseThrow();
        assertThat(overWs.path("details").path("transport").asText()).isEqualTo("websocket");
        assertThat(texts(overWs.path("entities"))).containsExactly("Person:" + audit.pseudonyms().of(id));
    }

    @Test
    void aReopenedChainContinuesAfterItsLastRecordAndStaysValid(@TempDir Path other) throws Exception {
        Path dir = other.resolve("audit");
        Path key = other.resolve("secrets/audit-hmac.key");
        for (int run = 0; run < 2; run++) {
            try (AuditLog log = AuditLog.open(dir, key, AuditLog.Options.of("n"));
                 ApiFixture.Running s = ApiFixture.startServer(log)) {
                assertThat(log.chain()).isEqualTo("n");
                s.graphql("{ person(idNumber: \"" + id + "\") { name } }");
                assertThat(log.lastSeq()).isEqualTo(run + 1);
            }
        }
        assertThat(AuditVerifier.verify(dir, AuditKey.read(key))).singleElement()
                .satisfies(c -> assertThat(c.problem()).isNull());
    }

    @Test
    void concurrentRequestsLeaveOneValidChainWithoutGaps() throws Exception {
        long before = audit.lastSeq();
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String body = ApiFixture.JSON.writeValueAsString(Map.of("query", "query Q" + i + " { person(idNumber: \"" + id + "\") { name } }"));
            sent.add(ApiFixture.HTTP.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/graphql"))
                        .header("X-API-Key", TestCredentials.ADMIN_KEY)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> f : sent) {
            assertThat(f.get().statusCode()).isEqualTo(200);
        }
        assertThat(audit.lastSeq()).isEqualTo(before + 40);
        List<JsonNode> records = records();
        for (int i = 0; i < records.size(); i++) {
            assertThat(records.get(i).path("seq").asLong()).isEqualTo(i + 1);
        }
        List<AuditVerifier.ChainResult> verified = AuditVerifier.verify(data.resolve("audit"),
                AuditKey.read(data.resolve("secrets/audit-hmac.key")));
        assertThat(verified).singleElement().satisfies(c -> {
            assertThat(c.problem()).isNull();
            assertThat(c.records()).isEqualTo(records.size());
        });
    }

    @Test
    void aRequestWhoseRecordCannotBeWrittenIsRefusedWith503AndNoData(@TempDir Path other) throws Exception {
        // the disk is full: the chain's first file is /dev/full, where every write fails with ENOSPC
        Clock clock = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);
        Files.createDirectories(other.resolve("audit/full"));
        Files.createSymbolicLink(other.resolve("audit/full/audit-000000000001-2026-11-29.jsonl"), Path.of("/dev/full"));
        try (AuditLog full = AuditLog.open(other.resolve("audit"), other.resolve("secrets/audit-hmac.key"),
                new AuditLog.Options("full", AuditLog.Options.DEFAULT_MAX_FILE_BYTES, clock));
             ApiFixture.Running refusing = ApiFixture.startServer(full)) {
            HttpResponse<String> r = ApiFixture.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + refusing.port() + "/graphql"))
                        .header("X-API-Key", TestCredentials.ADMIN_KEY)
                    .header("Content-Type", "application/json").header("Accept", "application/graphql-response+json")
                    .POST(HttpRequest.BodyPublishers.ofString(ApiFixture.JSON.writeValueAsString(
                            Map.of("query", "{ person(idNumber: \"" + id + "\") { name } }")))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(503);
            JsonNode body = ApiFixture.JSON.readTree(r.body());
            assertThat(body.path("errors").get(0).path("extensions").path("code").asText()).isEqualTo("UNAVAILABLE");
            assertThat(body.has("data")).isFalse();
            assertThat(r.body()).doesNotContain("林晓雨");

            HttpResponse<byte[]> export = ApiFixture.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + refusing.port()
                    + "/export?entity=Person:" + id)).header("X-API-Key", TestCredentials.ADMIN_KEY).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(export.statusCode()).isEqualTo(503);
            assertThat(full.lastSeq()).isZero();
        }
    }
}

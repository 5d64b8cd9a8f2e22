package org.jiedao.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.jiedao.hub.api.access.AccessPolicy;
import org.jiedao.hub.api.audit.AuditLog;
import org.jiedao.hub.api.auth.ApiKeyFile;
import org.jiedao.hub.api.auth.Authentication;
import org.jiedao.hub.api.http.ApiServer;
import org.jiedao.hub.api.http.HttpOptions;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The graph browser's saved views and export records (issue 9; docs/graphql/views.md) as users meet them over HTTP:
 * two caseworkers and an analyst, each with an API key, save, list, replace and delete views and record exports;
 * the audit chain is then read back as JSON Lines (docs/security/audit.md, kind {@code export}).
 */
class SavedViewsApiTest {
    private static final String STATE = "{\"nodes\":[{\"ref\":\"Person:110102900101001\",\"x\":12.5,\"y\":-3,\"pinned\":true}],\"hidden\":[],\"filters\":{}}";
    private static final String SAVE = "mutation Save($n: String!, $s: String!) { saveView(name: $n, state: $s) { name state savedAt } }";
    private static final String LIST = "{ savedViews { name state savedAt } }";
    private static final String ONE = "query One($n: String!) { savedView(name: $n) { name state } }";
    private static final String DELETE = "mutation Delete($n: String!) { deleteView(name: $n) }";
    private static final String EXPORT = "mutation Export($f: ExportFormat!, $v: String, $e: [String!]!, $r: Int!) "
            + "{ recordExport(format: $f, view: $v, entities: $e, rows: $r) }";

    @TempDir
    static Path data;
    private static String id;
    private static AuditLog audit;
    private static ExecutorService blocking;
    private static ApiServer server;
    private static String wangKey;
    private static String zhaoKey;
    private static String analystKey;

    @BeforeAll
    static void start() throws Exception {
        id = ApiFixture.writeGraph();
        Path keys = data.resolve("api-keys.yaml");
        Files.copy(TestCredentials.API_KEYS, keys);
        wangKey = ApiKeyFile.createKey(keys, "wang.li", "caseworker", Map.of("communities", List.of("110102001004")));
        zhaoKey = ApiKeyFile.createKey(keys, "zhao.min", "caseworker", Map.of("communities", List.of("110102001004")));
        analystKey = ApiKeyFile.createKey(keys, "planner-7", "analyst", Map.of());
        audit = AuditLog.open(data.resolve("audit"), data.resolve("secrets/audit-hmac.key"), AuditLog.Options.of("views"));
        blocking = Executors.newVirtualThreadPerTaskExecutor();
        server = ApiServer.start(GraphQLFactory.create(ApiFixture.O, TestNeo4j.driver(), blocking), null, null, HttpOptions.DEFAULTS,
                Authentication.of(TestCredentials.settings().withApiKeysFile(keys), AccessPolicy.bundled(ApiFixture.O), ApiFixture.O),
                null, List.of(), audit, "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.close();
        blocking.shutdownNow();
        audit.close();
    }

    @BeforeEach
    void noViews() {
        try (var s = TestNeo4j.driver().session()) {
            s.run("MATCH (v:SavedView) DELETE v").consume();
        }
    }

    private static HttpResponse<String> send(String key, String purpose, String query, Map<String, Object> variables) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        return ApiFixture.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/graphql"))
                .header("X-API-Key", key).header("X-Purpose-Of-Use", purpose).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ApiFixture.JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** As caseworker wang.li or zhao.min (purpose case-handling); expects HTTP 200. */
    private static JsonNode as(String key, String query, Map<String, Object> variables) throws Exception {
        HttpResponse<String> r = send(key, key.equals(analystKey) ? "planning" : "case-handling", query, variables);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return ApiFixture.JSON.readTree(r.body());
    }

    private static JsonNode save(String key, String name, String state) throws Exception {
        return as(key, SAVE, Map.of("n", name, "s", state));
    }

    private static List<String> names(JsonNode response) {
        List<String> out = new ArrayList<>();
        response.path("data").path("savedViews").forEach(v -> out.add(v.path("name").asText()));
        return out;
    }

    private static String code(JsonNode response) {
        return response.path("errors").path(0).path("extensions").path("code").asText();
    }

    private static String message(JsonNode response) {
        return response.path("errors").path(0).path("message").asText();
    }

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

    private static List<JsonNode> exportsSince(long seq) throws Exception {
        return records().stream().filter(r -> r.path("seq").asLong() > seq && r.path("kind").asText().equals("export")).toList();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void twoUsersNeverSeeNorChangeEachOthersViews() throws Exception {
        save(wangKey, "府右街 households", STATE);
        save(wangKey, "only mine", "{\"nodes\":[]}");
        JsonNode zhaos = save(zhaoKey, "府右街 households", "{\"nodes\":[],\"owner\":\"zhao\"}");
        assertThat(zhaos.path("data").path("saveView").path("state").asText()).contains("zhao");

        assertThat(names(as(wangKey, LIST, null))).containsExactlyInAnyOrder("府右街 households", "only mine");
        assertThat(names(as(zhaoKey, LIST, null))).containsExactly("府右街 households");
        assertThat(as(wangKey, ONE, Map.of("n", "府右街 households")).path("data").path("savedView").path("state").asText())
                .as("saving under the same name as another user replaced nothing of hers").isEqualTo(STATE);
        assertThat(as(zhaoKey, ONE, Map.of("n", "only mine")).path("data").path("savedView").isNull()).isTrue();
        assertThat(as(zhaoKey, DELETE, Map.of("n", "only mine")).path("data").path("deleteView").asBoolean()).isFalse();
        assertThat(as(zhaoKey, DELETE, Map.of("n", "府右街 households")).path("data").path("deleteView").asBoolean()).isTrue();
        assertThat(names(as(wangKey, LIST, null))).as("her views survive his delete")
                .containsExactlyInAnyOrder("府右街 households", "only mine");
        assertThat(names(as(analystKey, LIST, null))).as("every role has its own, empty, list").isEmpty();
    }

    @Test
    void theSameIdSignedInUnderAnotherRoleDoesNotSeeTheViewsOfTheFirst() throws Exception {
        // a view shows names and keys as its owner's role read them: wang.li as an analyst must not get the caseworker's
        save(wangKey, "府右街 clear names", STATE);
        String analystToken = io.vertx.ext.auth.jwt.JWTAuth.create(null, new io.vertx.ext.auth.jwt.JWTAuthOptions()
                .addPubSecKey(new io.vertx.ext.auth.PubSecKeyOptions().setAlgorithm("HS256")
                        .setBuffer(Files.readString(TestCredentials.HS256_SECRET).strip())))
                .generateToken(new io.vertx.core.json.JsonObject().put("sub", "wang.li").put("role", "analyst")
                        .put("purpose", "planning").put("iss", TestCredentials.ISSUER).put("aud", TestCredentials.AUDIENCE)
                        .put("exp", System.currentTimeMillis() / 1000 + 3600), new io.vertx.ext.auth.JWTOptions().setAlgorithm("HS256"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", LIST);
        HttpResponse<String> r = ApiFixture.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/graphql"))
                .header("Authorization", "Bearer " + analystToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ApiFixture.JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(names(ApiFixture.JSON.readTree(r.body()))).as("wang.li as analyst").isEmpty();
        assertThat(names(as(wangKey, LIST, null))).as("wang.li as caseworker").containsExactly("府右街 clear names");
    }

    @Test
    void savingUnderAnExistingNameReplacesTheViewAndTheListIsNewestFirst() throws Exception {
        JsonNode first = save(wangKey, "a", "{\"v\":1}").path("data").path("saveView");
        save(wangKey, "b", "{\"v\":2}");
        Thread.sleep(5); // savedAt has millisecond precision: the replacement must come at a later instant than the first save
        JsonNode replaced = save(wangKey, "  a  ", "{\"v\":3}").path("data").path("saveView");
        assertThat(replaced.path("name").asText()).as("trimmed").isEqualTo("a");
        assertThat(Instant.parse(replaced.path("savedAt").asText())).isAfter(Instant.parse(first.path("savedAt").asText()));

        JsonNode list = as(wangKey, LIST, null).path("data").path("savedViews");
        assertThat(names(as(wangKey, LIST, null))).containsExactly("a", "b");
        assertThat(list.get(0).path("state").asText()).isEqualTo("{\"v\":3}");
        assertThat(as(wangKey, ONE, Map.of("n", " a")).path("data").path("savedView").path("state").asText()).isEqualTo("{\"v\":3}");
    }

    @Test
    void aDeletedViewIsGone() throws Exception {
        save(wangKey, "old", STATE);
        assertThat(as(wangKey, DELETE, Map.of("n", "old")).path("data").path("deleteView").asBoolean()).isTrue();
        assertThat(as(wangKey, ONE, Map.of("n", "old")).path("data").path("savedView").isNull()).isTrue();
        assertThat(names(as(wangKey, LIST, null))).isEmpty();
        assertThat(as(wangKey, DELETE, Map.of("n", "old")).path("data").path("deleteView").asBoolean()).isFalse();
    }

    @Test
    void badNamesAndStatesAreRefusedWithAClearMessageAndNothingIsSaved() throws Exception {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("   ", "name must have 1 to 80 characters after trimming white space; it has 0");
        cases.put("街".repeat(81), "name must have 1 to 80 characters after trimming white space; it has 81");
        cases.put("two\nlines", "name must not contain control characters");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            JsonNode r = save(wangKey, c.getKey(), STATE);
            assertThat(code(r)).as(c.getKey()).isEqualTo("BAD_USER_INPUT");
            assertThat(message(r)).startsWith(c.getValue());
            assertThat(r.path("data").isNull()).isTrue();
        }
        assertThat(code(save(wangKey, "街".repeat(80), STATE))).as("80 characters are fine").isEmpty();

        JsonNode array = save(wangKey, "x", "[1, 2]");
        assertThat(code(array)).isEqualTo("BAD_USER_INPUT");
        assertThat(message(array)).isEqualTo("state must be a JSON object ({...}); it is a JSON array");
        JsonNode broken = save(wangKey, "x", "{\"name\": \"林晓雨\"");
        assertThat(code(broken)).isEqualTo("BAD_USER_INPUT");
        assertThat(message(broken)).startsWith("state is not valid JSON").doesNotContain("林晓雨");
        assertThat(message(save(wangKey, "x", "{} {}"))).startsWith("state is not valid JSON");
        String big = "{\"pad\":\"" + "x".repeat(256 * 1024) + "\"}";
        JsonNode tooBig = save(wangKey, "x", big);
        assertThat(code(tooBig)).isEqualTo("BAD_USER_INPUT");
        assertThat(message(tooBig)).isEqualTo("state must be at most 262144 bytes (256 KiB) of UTF-8; it has "
                + big.getBytes(StandardCharsets.UTF_8).length);
        assertThat(names(as(wangKey, LIST, null))).containsExactly("街".repeat(80));
    }

    @Test
    void aUserKeepsAtMostOneHundredViewsButMayStillReplaceOne() throws Exception {
        for (int i = 0; i < 100; i++) {
            assertThat(code(save(wangKey, "view " + i, "{}"))).isEmpty();
        }
        JsonNode refused = save(wangKey, "view 100", "{}");
        assertThat(code(refused)).isEqualTo("BAD_USER_INPUT");
        assertThat(message(refused)).startsWith("you have 100 saved views, the most one user may keep");
        assertThat(code(save(wangKey, "view 7", "{\"again\":true}"))).as("replacing is not a new view").isEmpty();
        assertThat(code(save(zhaoKey, "view 100", "{}"))).as("the limit is per user").isEmpty();
        assertThat(as(wangKey, LIST, null).path("data").path("savedViews").size()).isEqualTo(100);
    }

    @Test
    void anExportIsRecordedWithItsPrincipalFormatViewRowsAndPseudonymisedEntities() throws Exception {
        // the refs the hub gave her; the old 15-digit ID number finds the same person
        JsonNode refs = as(wangKey, "{ a: person(idNumber: \"%s\") { ref } b: household(householdNumber: \"H1\") { ref } c: person(idNumber: \"%s\") { ref } }"
                .formatted(ApiFixture.OLD_ID, ApiFixture.SPOUSE_ID), null).path("data");
        long before = audit.lastSeq();
        JsonNode r = as(wangKey, EXPORT, Map.of("f", "CSV", "v", "府右街 households",
                "e", List.of(refs.path("a").path("ref").asText(), refs.path("b").path("ref").asText(), refs.path("c").path("ref").asText()), "r", 3));
        assertThat(r.path("data").path("recordExport").asBoolean()).as(r.toString()).isTrue();

        assertThat(exportsSince(before)).singleElement().satisfies(rec -> {
            assertThat(rec.path("principal").asText()).isEqualTo("wang.li");
            assertThat(rec.path("role").asText()).isEqualTo("caseworker");
            assertThat(rec.path("authenticatedBy").asText()).isEqualTo("api-key");
            assertThat(rec.path("purpose").asText()).isEqualTo("case-handling");
            assertThat(rec.path("operation").asText()).isEqualTo("csv");
            assertThat(rec.path("details").path("rows").asInt()).isEqualTo(3);
            assertThat(rec.path("variables").path("view").asText()).isEqualTo(audit.pseudonyms().of("府右街 households"));
            // the 15-digit form the browser sent is recorded as the person the graph holds (18 digits)
            assertThat(texts(rec.path("entities"))).containsExactlyInAnyOrder("Person:" + audit.pseudonyms().of(id),
                    "Person:" + audit.pseudonyms().of(ApiFixture.SPOUSE_ID), "Household:" + audit.pseudonyms().of("H1"));
            assertThat(rec.path("outcome").asText()).isEqualTo("ok");
        });
        assertThat(records().getLast().path("kind").asText()).as("and the mutation itself, as every request").isEqualTo("graphql");
        StringBuilder files = new StringBuilder();
        try (Stream<Path> all = Files.walk(data.resolve("audit"))) {
            for (Path f : all.filter(Files::isRegularFile).toList()) {
                files.append(Files.readString(f));
            }
        }
        assertThat(files.toString()).doesNotContain(ApiFixture.OLD_ID).doesNotContain(id).doesNotContain(ApiFixture.SPOUSE_ID)
                .doesNotContain("府右街 households");
    }

    @Test
    void anExportByAnAnalystIsRecordedAsThatAnalyst() throws Exception {
        // refs name nodes, not callers: one the caseworker was given names the same vehicle for the analyst
        String vehicle = as(wangKey, "{ vehicle(plate: \"京A·12345\") { ref } }", null).path("data").path("vehicle").path("ref").asText();
        long before = audit.lastSeq();
        JsonNode r = as(analystKey, EXPORT, Map.of("f", "PNG", "e", List.of(vehicle), "r", 0));
        assertThat(r.path("data").path("recordExport").asBoolean()).as(r.toString()).isTrue();
        assertThat(exportsSince(before)).singleElement().satisfies(rec -> {
            assertThat(rec.path("principal").asText()).isEqualTo("planner-7");
            assertThat(rec.path("role").asText()).isEqualTo("analyst");
            assertThat(rec.path("purpose").asText()).isEqualTo("planning");
            assertThat(rec.path("operation").asText()).isEqualTo("png");
            assertThat(rec.path("variables").isMissingNode()).as("no view").isTrue();
            assertThat(texts(rec.path("entities"))).containsExactly("Vehicle:" + audit.pseudonyms().of("京A12345"));
        });
    }

    @Test
    void anExportNamingNodesByTheirSealedRefsRecordsTheEntitiesTheyName() throws Exception {
        JsonNode vehicle = as(wangKey, "{ vehicle(plate: \"京A12345\") { ref } }", null);
        String ref = vehicle.path("data").path("vehicle").path("ref").asText();
        assertThat(ref).as(vehicle.toString()).isNotBlank().doesNotContain(":");
        long before = audit.lastSeq();
        JsonNode r = as(wangKey, EXPORT, Map.of("f", "CSV", "e", List.of(ref), "r", 1));
        assertThat(r.path("data").path("recordExport").asBoolean()).as(r.toString()).isTrue();
        assertThat(exportsSince(before)).singleElement().satisfies(rec ->
                assertThat(texts(rec.path("entities"))).containsExactly("Vehicle:" + audit.pseudonyms().of("京A12345")));
        JsonNode forged = as(wangKey, EXPORT, Map.of("f", "CSV", "e", List.of(ref.substring(0, ref.length() - 2) + "AA"), "r", 1));
        assertThat(code(forged)).isEqualTo("BAD_USER_INPUT");
        assertThat(message(forged)).contains("not a node reference of this hub");
    }

    @Test
    void anExportNamingAnUnknownEntityIsRefusedAndNotRecorded() throws Exception {
        long before = audit.lastSeq();
        String household = as(wangKey, "{ household(householdNumber: \"H1\") { ref } }", null).path("data").path("household").path("ref").asText();
        JsonNode r = as(wangKey, EXPORT, Map.of("f", "CSV", "e", List.of(household, "Person:110101197908093972"), "r", 1));
        assertThat(code(r)).isEqualTo("BAD_USER_INPUT");
        assertThat(message(r)).as("an ID number typed by the caller is no entity of an export").startsWith("entities[1]: not a node reference of this hub");
        JsonNode negative = as(wangKey, EXPORT, Map.of("f", "CSV", "e", List.of(), "r", -1));
        assertThat(message(negative)).isEqualTo("rows must be between 0 and the number of entities (0); was -1");
        JsonNode inflated = as(wangKey, EXPORT, Map.of("f", "CSV", "e", List.of(household), "r", Integer.MAX_VALUE));
        assertThat(message(inflated)).isEqualTo("rows must be between 0 and the number of entities (1); was " + Integer.MAX_VALUE);
        assertThat(exportsSince(before)).isEmpty();
    }

    @Test
    void anExportIsRefusedWhenItCannotBeAudited(@TempDir Path other) throws Exception {
        // an endpoint without an audit trail: recordExport answers UNAVAILABLE, never true
        try (ApiFixture.Running unaudited = ApiFixture.startServer()) {
            JsonNode r = unaudited.graphql("mutation { recordExport(format: PNG, entities: [], rows: 0) }");
            assertThat(code(r)).isEqualTo("UNAVAILABLE");
            assertThat(r.path("data").isNull()).isTrue();
        }
        // a full disk: the export's record fails, and so the whole request is refused
        Clock clock = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);
        Files.createDirectories(other.resolve("audit/full"));
        Files.createSymbolicLink(other.resolve("audit/full/audit-000000000001-2026-11-29.jsonl"), Path.of("/dev/full"));
        try (AuditLog full = AuditLog.open(other.resolve("audit"), other.resolve("secrets/audit-hmac.key"),
                new AuditLog.Options("full", AuditLog.Options.DEFAULT_MAX_FILE_BYTES, clock));
             ApiFixture.Running refusing = ApiFixture.startServer(full)) {
            HttpResponse<String> r = refusing.post(ApiFixture.JSON.writeValueAsString(Map.of("query",
                    "mutation { recordExport(format: CSV, entities: [], rows: 0) }")));
            assertThat(r.statusCode()).isEqualTo(503);
            JsonNode body = ApiFixture.JSON.readTree(r.body());
            assertThat(code(body)).isEqualTo("UNAVAILABLE");
            assertThat(body.path("data").path("recordExport").asBoolean(false)).isFalse();
            assertThat(full.lastSeq()).isZero();
        }
    }
}

package org.jiedao.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;

import graphql.GraphQL;
import graphql.schema.DataFetcher;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;

import org.jiedao.hub.api.cypher.CypherRunner;
import org.jiedao.hub.api.http.ApiServer;
import org.jiedao.hub.api.http.HttpOptions;
import org.jiedao.hub.api.http.PersistedQueryStore;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GraphQL over HTTP as the specification (GraphQL over HTTP, draft 2025) and the hub's settings have it: methods,
 * media types and status codes, the body limit, persisted documents, CORS, gzip, and a free event loop while
 * slow queries run.
 */
class GraphQLHttpTest {
    private static final HttpClient HTTP = ApiFixture.HTTP;
    private static final String GRAPHQL_JSON = "application/graphql-response+json";
    private static final String PERSON = "{ person(idNumber: \"%s\") { name } }";
    private static String id;
    private static ApiFixture.Running server;
    private static final List<AutoCloseable> OTHERS = new ArrayList<>();

    @BeforeAll
    static void graphAndServer() throws Exception {
        id = ApiFixture.writeGraph();
        server = ApiFixture.startServer();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        for (AutoCloseable c : OTHERS) {
            c.close();
        }
    }

    private static URI graphql(int port, String query) {
        return URI.create("http://127.0.0.1:" + port + "/graphql" + (query == null ? "" : "?" + query));
    }

    private static String param(String name, String value) {
        return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.header("X-API-Key", TestCredentials.ADMIN_KEY).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder post(int port, String body, String contentType, String accept) {
        HttpRequest.Builder b = HttpRequest.newBuilder(graphql(port, null)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (accept != null) {
            b.header("Accept", accept);
        }
        return b;
    }

    private static String body(String query) throws Exception {
        return ApiFixture.JSON.writeValueAsString(Map.of("query", query));
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return ApiFixture.JSON.readTree(r.body());
    }

    /** A server over the test graph with the given options; closed after the tests. */
    private static ApiServer serverWith(HttpOptions options) {
        ExecutorService blocking = Executors.newVirtualThreadPerTaskExecutor();
        ApiServer s = ApiServer.start(GraphQLFactory.create(ApiFixture.O, TestNeo4j.driver(), blocking), null, null, options, TestCredentials.authentication(), null, "127.0.0.1", 0);
        OTHERS.add(s);
        OTHERS.add(blocking::shutdownNow);
        return s;
    }

    @Test
    void aGetWithQueryAndVariablesAsUrlParametersAnswersInTheNegotiatedType() throws Exception {
        String query = "query P($id: String!) { person(idNumber: $id) { name } }";
        HttpResponse<String> r = send(HttpRequest.newBuilder(graphql(server.port(),
                param("query", query) + "&" + param("variables", "{\"id\":\"" + id + "\"}"))).header("Accept", GRAPHQL_JSON));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).isEqualTo(GRAPHQL_JSON + "; charset=utf-8");
        assertThat(json(r).path("data").path("person").path("name").asText()).isEqualTo("林晓雨");
        HttpResponse<String> legacy = send(HttpRequest.newBuilder(graphql(server.port(), param("query", PERSON.formatted(id)))));
        assertThat(legacy.headers().firstValue("Content-Type").orElseThrow()).as("no Accept: application/json")
                .isEqualTo("application/json; charset=utf-8");
        assertThat(json(legacy).path("data").path("person").path("name").asText()).isEqualTo("林晓雨");
    }

    @Test
    void graphqlResponseJsonIsPreferredWhenBothTypesAreAccepted() throws Exception {
        HttpResponse<String> r = send(post(server.port(), body(PERSON.formatted(id)), "application/json; charset=utf-8",
                "application/json, application/graphql-response+json"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith(GRAPHQL_JSON);
        HttpResponse<String> lowered = send(post(server.port(), body(PERSON.formatted(id)), "application/json",
                "application/graphql-response+json;q=0.5, application/json"));
        assertThat(lowered.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
    }

    @Test
    void parseAndValidationErrorsAre400InGraphqlResponseJsonAnd200InJson() throws Exception {
        for (String bad : List.of("{ person(idNumber: ", "{ noSuchField }")) {
            HttpResponse<String> modern = send(post(server.port(), body(bad), "application/json", GRAPHQL_JSON));
            assertThat(modern.statusCode()).as(bad).isEqualTo(400);
            assertThat(modern.headers().firstValue("Content-Type").orElseThrow()).startsWith(GRAPHQL_JSON);
            assertThat(json(modern).has("data")).as("a request error has no data").isFalse();
            assertThat(json(modern).path("errors")).isNotEmpty();
            HttpResponse<String> legacy = send(post(server.port(), body(bad), "application/json", "application/json"));
            assertThat(legacy.statusCode()).as(bad).isEqualTo(200);
            assertThat(json(legacy).path("errors")).isNotEmpty();
        }
    }

    @Test
    void malformedRequestsAre400WithAReason() throws Exception {
        HttpResponse<String> badJson = send(post(server.port(), "{\"query\": ", "application/json", GRAPHQL_JSON));
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(json(badJson).path("errors").get(0).path("message").asText()).contains("not valid JSON");
        assertThat(json(badJson).path("errors").get(0).path("extensions").path("code").asText()).isEqualTo("BAD_REQUEST");
        HttpResponse<String> noQuery = send(post(server.port(), "{\"qeury\": \"{ __typename }\"}", "application/json", "application/json"));
        assertThat(noQuery.statusCode()).isEqualTo(400);
        assertThat(json(noQuery).path("errors").get(0).path("message").asText()).contains("no query");
        HttpResponse<String> badVariables = send(HttpRequest.newBuilder(graphql(server.port(),
                param("query", "{ __typename }") + "&" + param("variables", "[1]"))));
        assertThat(badVariables.statusCode()).isEqualTo(400);
        assertThat(json(badVariables).path("errors").get(0).path("message").asText()).contains("variables");
    }

    @Test
    void aMutationOverGetIs405AndOtherMethodsAreNotAllowed() throws Exception {
        HttpResponse<String> mutation = send(HttpRequest.newBuilder(graphql(server.port(), param("query", "mutation { __typename }")))
                .header("Accept", GRAPHQL_JSON));
        assertThat(mutation.statusCode()).isEqualTo(405);
        assertThat(mutation.headers().firstValue("Allow").orElseThrow()).isEqualTo("POST");
        HttpResponse<String> put = send(HttpRequest.newBuilder(graphql(server.port(), null))
                .PUT(HttpRequest.BodyPublishers.ofString(body("{ __typename }"))).header("Content-Type", "application/json"));
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow").orElseThrow()).isEqualTo("GET, POST");
    }

    @Test
    void anUnsupportedBodyTypeIs415AndAnUnacceptableResponseTypeIs406() throws Exception {
        assertThat(send(post(server.port(), "{ __typename }", "application/graphql", null)).statusCode()).isEqualTo(415);
        assertThat(send(post(server.port(), "query={ __typename }", "application/x-www-form-urlencoded", null)).statusCode()).isEqualTo(415);
        assertThat(send(post(server.port(), body("{ __typename }"), "application/json; charset=iso-8859-1", null)).statusCode()).isEqualTo(415);
        assertThat(send(post(server.port(), body("{ __typename }"), null, null)).statusCode()).isEqualTo(415);
        HttpResponse<String> html = send(post(server.port(), body("{ __typename }"), "application/json", "text/html"));
        assertThat(html.statusCode()).isEqualTo(406);
        assertThat(json(html).path("errors").get(0).path("message").asText()).contains("application/graphql-response+json");
    }

    @Test
    void anOversizedBodyGets413BeforeTheServerReadsIt() throws Exception {
        long twoMiB = 2L * 1024 * 1024;
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " + TestCredentials.ADMIN_KEY + "\r\nContent-Type: application/json\r\nContent-Length: " + twoMiB
                    + "\r\n\r\n{\"query\":\"").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[16 * 1024]);
            out.flush();
            // only 16 KiB of the announced 2 MiB were sent: the answer cannot have waited for the body
            String answer = readAnswer(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(answer).contains("larger than 1048576 bytes");
        }
        // without Content-Length (chunked), the limit stops the body as it streams in
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " + TestCredentials.ADMIN_KEY
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            try {
                for (int i = 0; i < 24; i++) { // 1.5 MiB, never finished
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            } catch (java.io.IOException closedByServer) {
                // the server may close the connection as soon as it has answered
            }
            assertThat(readAnswer(socket.getInputStream())).startsWith("HTTP/1.1 413");
        }
        assertThat(ApiFixture.HTTP.send(HttpRequest.newBuilder(graphql(server.port(), param("query", "{ __typename }")))
                        .header("X-API-Key", TestCredentials.ADMIN_KEY).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("the server keeps serving").isEqualTo(200);
    }

    private static String readAnswer(InputStream in) throws Exception {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                answer.write(buffer, 0, n);
                if (answer.toString(StandardCharsets.UTF_8).contains("}]}")) {
                    break;
                }
            }
        } catch (java.net.SocketException reset) {
            // the server closed the connection after answering
        }
        return answer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void automaticPersistedQueriesRoundTrip() throws Exception {
        String query = "{ person(idNumber: \"" + id + "\") { name gender } }";
        String hash = PersistedQueryStore.sha256(query);
        String extensions = "{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"" + hash + "\"}}";
        HttpResponse<String> unknown = send(post(server.port(), "{\"extensions\":" + extensions + "}", "application/json", "application/json"));
        assertThat(unknown.statusCode()).isEqualTo(200);
        JsonNode notFound = json(unknown).path("errors").get(0);
        assertThat(notFound.path("message").asText()).isEqualTo("PersistedQueryNotFound");
        assertThat(notFound.path("extensions").path("code").asText()).isEqualTo("PERSISTED_QUERY_NOT_FOUND");

        String wrongHash = "{\"query\":" + ApiFixture.JSON.writeValueAsString(query + " ") + ",\"extensions\":" + extensions + "}";
        HttpResponse<String> mismatch = send(post(server.port(), wrongHash, "application/json", GRAPHQL_JSON));
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(json(mismatch).path("errors").get(0).path("extensions").path("code").asText()).isEqualTo("BAD_REQUEST");

        String register = "{\"query\":" + ApiFixture.JSON.writeValueAsString(query) + ",\"extensions\":" + extensions + "}";
        HttpResponse<String> registered = send(post(server.port(), register, "application/json", GRAPHQL_JSON));
        assertThat(json(registered).path("data").path("person").path("name").asText()).isEqualTo("林晓雨");

        HttpResponse<String> byHash = send(HttpRequest.newBuilder(graphql(server.port(), param("extensions", extensions)))
                .header("Accept", GRAPHQL_JSON));
        assertThat(byHash.statusCode()).isEqualTo(200);
        assertThat(json(byHash).path("data").path("person").path("name").asText()).isEqualTo("林晓雨");
        assertThat(json(byHash).path("data").path("person").path("gender").asText()).isEqualTo("MALE");
    }

    @Test
    void aConfiguredDocumentRunsByItsHashOverGetAndPersistedOnlyRefusesFreeDocuments(@TempDir Path dir) throws Exception {
        String document = "query Person($id: String!) {\n  person(idNumber: $id) { name household { householdNumber } }\n}\n";
        Files.writeString(dir.resolve("person.graphql"), document);
        String hash = PersistedQueryStore.sha256(document);
        String extensions = "{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"" + hash + "\"}}";
        String byHash = param("extensions", extensions) + "&" + param("variables", "{\"id\":\"" + id + "\"}");

        ApiServer open = serverWith(HttpOptions.DEFAULTS.withPersistedQueriesDir(dir));
        HttpResponse<String> r = send(HttpRequest.newBuilder(graphql(open.port(), byHash)).header("Accept", GRAPHQL_JSON));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).path("data").path("person").path("household").path("householdNumber").asText()).isEqualTo("H1");
        assertThat(open.persistedQueries().configured()).containsOnlyKeys(hash);

        ApiServer only = serverWith(HttpOptions.DEFAULTS.withPersistedQueriesDir(dir).withPersistedOnly(true));
        HttpResponse<String> configured = send(HttpRequest.newBuilder(graphql(only.port(), byHash)).header("Accept", GRAPHQL_JSON));
        assertThat(json(configured).path("data").path("person").path("name").asText()).isEqualTo("林晓雨");
        HttpResponse<String> free = send(post(only.port(), body(PERSON.formatted(id)), "application/json", GRAPHQL_JSON));
        assertThat(free.statusCode()).isEqualTo(400);
        assertThat(json(free).has("data")).isFalse();
        assertThat(json(free).path("errors").get(0).path("extensions").path("code").asText()).isEqualTo("PERSISTED_QUERY_REQUIRED");
        String query = PERSON.formatted(id);
        String register = "{\"query\":" + ApiFixture.JSON.writeValueAsString(query) + ",\"extensions\":{\"persistedQuery\":"
                + "{\"version\":1,\"sha256Hash\":\"" + PersistedQueryStore.sha256(query) + "\"}}}";
        HttpResponse<String> registration = send(post(only.port(), register, "application/json", GRAPHQL_JSON));
        assertThat(json(registration).path("errors").get(0).path("extensions").path("code").asText())
                .as("clients cannot register documents in persisted-only mode").isEqualTo("PERSISTED_QUERY_REQUIRED");
    }

    @Test
    void theShippedPersistedDocumentsRunAgainstTheSchema() throws Exception {
        Path shipped = Path.of(System.getProperty("basedir", "."), "..", "config", "persisted-queries").toAbsolutePath().normalize();
        ApiServer s = serverWith(HttpOptions.DEFAULTS.withPersistedQueriesDir(shipped));
        assertThat(s.persistedQueries().configured()).isNotEmpty();
        for (String hash : s.persistedQueries().configured().keySet()) {
            String request = "{\"variables\":{\"idNumber\":\"" + id + "\"},\"extensions\":{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\""
                    + hash + "\"}}}";
            HttpResponse<String> r = send(post(s.port(), request, "application/json", GRAPHQL_JSON));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(json(r).has("errors")).as(r.body()).isFalse();
        }
    }

    @Test
    void corsAnswersConfiguredOriginsOnly() throws Exception {
        String allowed = "https://app.example.org";
        ApiServer cors = serverWith(HttpOptions.DEFAULTS.withCorsOrigins(List.of(allowed)));
        HttpResponse<String> preflight = send(HttpRequest.newBuilder(graphql(cors.port(), null))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", allowed)
                .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "content-type"));
        assertThat(preflight.statusCode()).isBetween(200, 204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(allowed);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");

        HttpResponse<String> denied = send(HttpRequest.newBuilder(graphql(cors.port(), null))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://evil.example.com")
                .header("Access-Control-Request-Method", "POST"));
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        HttpResponse<String> call = send(post(cors.port(), body("{ __typename }"), "application/json", null).header("Origin", allowed));
        assertThat(call.headers().firstValue("Access-Control-Allow-Origin")).contains(allowed);

        HttpResponse<String> byDefault = send(HttpRequest.newBuilder(graphql(server.port(), null))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", allowed)
                .header("Access-Control-Request-Method", "POST"));
        assertThat(byDefault.headers().firstValue("Access-Control-Allow-Origin")).as("no origins configured: no CORS").isEmpty();
    }

    @Test
    void answersAreGzippedWhenTheClientAcceptsItAndCarrySecurityHeaders() throws Exception {
        for (int i = 0; i < 2; i++) { // the second request reuses the connection
            gzippedAnswer();
        }
    }

    private static void gzippedAnswer() throws Exception {
        HttpResponse<byte[]> r = HTTP.send(post(server.port(), body("{ __schema { types { name description } } }"), "application/json", null)
                .header("Accept-Encoding", "gzip").header("X-API-Key", TestCredentials.ADMIN_KEY).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Encoding")).contains("gzip");
        String text;
        try (var in = new GZIPInputStream(new java.io.ByteArrayInputStream(r.body()))) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(text.length()).isGreaterThan(r.body().length);
        assertThat(ApiFixture.JSON.readTree(text).path("data").path("__schema").path("types")).isNotEmpty();
        assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void healthAnswersWhileSlowQueriesAreStillRunning() throws Exception {
        int slowQueries = 8;
        CountDownLatch started = new CountDownLatch(slowQueries);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService blocking = Executors.newVirtualThreadPerTaskExecutor();
        CypherRunner cypher = new CypherRunner(TestNeo4j.driver(), blocking, Duration.ofSeconds(30));
        // a resolver as the hub's are: blocking driver work on a virtual thread, here held until the test lets it go
        DataFetcher<CompletableFuture<Object>> slow = env -> CompletableFuture.supplyAsync(() -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return cypher.readNow("RETURN 'done' AS answer", Map.of()).getFirst().get("answer");
        }, blocking);
        GraphQL engine = GraphQL.newGraphQL(new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse("type Query { slow: String }"),
                RuntimeWiring.newRuntimeWiring().type("Query", q -> q.dataFetcher("slow", slow)).build())).build();
        try (ApiServer slowServer = ApiServer.start(engine, null, null, HttpOptions.DEFAULTS, TestCredentials.authentication(), null, "127.0.0.1", 0)) {
            List<CompletableFuture<HttpResponse<String>>> queries = new ArrayList<>();
            for (int i = 0; i < slowQueries; i++) {
                queries.add(HTTP.sendAsync(post(slowServer.port(), body("{ slow }"), "application/json", null)
                                .header("X-API-Key", TestCredentials.ADMIN_KEY).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            assertThat(started.await(30, TimeUnit.SECONDS)).as("all slow queries run at once, none waits for another").isTrue();
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + slowServer.port() + "/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.body()).contains("UP");
            assertThat(queries).as("health answered before the slow queries finished").noneMatch(CompletableFuture::isDone);
            release.countDown();
            for (CompletableFuture<HttpResponse<String>> q : queries) {
                assertThat(ApiFixture.JSON.readTree(q.get(30, TimeUnit.SECONDS).body()).path("data").path("slow").asText()).isEqualTo("done");
            }
        } finally {
            release.countDown();
            blocking.shutdownNow();
        }
    }
}

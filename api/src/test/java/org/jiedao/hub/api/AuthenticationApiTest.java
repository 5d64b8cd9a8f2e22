package org.jiedao.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

import org.jiedao.hub.api.access.AccessPolicy;
import org.jiedao.hub.api.access.Principal;
import org.jiedao.hub.api.auth.ApiKeyFile;
import org.jiedao.hub.api.auth.Authentication;
import org.jiedao.hub.api.auth.Credentials;
import org.jiedao.hub.api.auth.TokenIssuer;
import org.jiedao.hub.api.http.ApiServer;
import org.jiedao.hub.api.http.ExportHandler;
import org.jiedao.hub.api.http.HttpOptions;
import org.jiedao.hub.api.query.QueryContext;
import org.jiedao.hub.graph.rdf.RdfExporter;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Authentication on every web endpoint (issue 7): requests without a valid credential are refused with 401 before
 * any Cypher runs; signed tokens (HS256, RS256) and API keys authenticate, and their claims and attributes reach the
 * principal; a role that must state a purpose of use gets 403 without one.
 */
class AuthenticationApiTest {
    private static final String PERSON = "{ person(idNumber: \"%s\") { name } }";
    private static ExecutorService blocking;
    private static QueryContext context;
    private static ApiServer server;
    private static String id;
    private static Path keys;
    private static String partnerKey;
    private static String revokedKey;

    @BeforeAll
    static void start() throws Exception {
        id = ApiFixture.writeGraph();
        keys = Files.createTempDirectory("auth-test").resolve("api-keys.yaml");
        Files.copy(TestCredentials.API_KEYS, keys);
        partnerKey = ApiKeyFile.createKey(keys, "civil-affairs-gateway", "partner:civil-affairs", Map.of("communities", List.of("110102001004")));
        revokedKey = ApiKeyFile.createKey(keys, "former-partner", "analyst", Map.of());
        blocking = Executors.newVirtualThreadPerTaskExecutor();
        context = GraphQLFactory.context(ApiFixture.O, TestNeo4j.driver(), blocking, QueryLimits.DEFAULTS);
        server = ApiServer.start(GraphQLFactory.create(context),
                new ExportHandler(ApiFixture.O, new RdfExporter(TestNeo4j.driver(), ApiFixture.O), blocking),
                () -> "hub_up 1\n", HttpOptions.DEFAULTS, authentication(), null, "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.close();
        blocking.shutdownNow();
    }

    private static Authentication authentication() {
        return Authentication.of(TestCredentials.settings().withApiKeysFile(keys), AccessPolicy.bundled(ApiFixture.O), ApiFixture.O);
    }

    // ---- tokens, signed here with the library, as an identity provider would

    private static String hs256(JsonObject claims) {
        return JWTAuth.create(null, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256")
                .setBuffer(read(TestCredentials.HS256_SECRET).strip()))).generateToken(claims, new JWTOptions().setAlgorithm("HS256"));
    }

    private static String rs256(JsonObject claims) {
        return JWTAuth.create(null, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("RS256")
                .setBuffer(TestCredentials.RS256_PRIVATE_PEM))).generateToken(claims, new JWTOptions().setAlgorithm("RS256"));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Claims of a valid admin token: right issuer and audience, an hour left. */
    private static JsonObject admin() {
        return new JsonObject().put("sub", "operator-1").put("role", "admin").put("iss", TestCredentials.ISSUER)
                .put("aud", TestCredentials.AUDIENCE).put("exp", now() + 3600);
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static HttpResponse<String> post(String query, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ApiFixture.JSON.writeValueAsString(Map.of("query", query))));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return ApiFixture.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return ApiFixture.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode error(HttpResponse<String> r) throws Exception {
        return ApiFixture.JSON.readTree(r.body()).path("errors").get(0);
    }

    static Stream<Arguments> badCredentials() {
        JsonObject expired = admin().put("exp", now() - 3600);
        JsonObject noExp = admin();
        noExp.remove("exp");
        String valid = hs256(admin());
        String[] parts = valid.split("\\.");
        String tampered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                admin().put("sub", "someone-else").encode().getBytes()) + "." + parts[2];
        String unsigned = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes())
                + "." + parts[1] + ".";
        return Stream.of(
                Arguments.of("a token signed with another secret", new String[] {"Authorization", "Bearer " + JWTAuth.create(null,
                        new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer("another-secret-another-secret-xx")))
                        .generateToken(admin(), new JWTOptions())}),
                Arguments.of("a token whose claims were changed after signing", new String[] {"Authorization", "Bearer " + tampered}),
                Arguments.of("an unsigned token (alg none)", new String[] {"Authorization", "Bearer " + unsigned}),
                Arguments.of("an expired token", new String[] {"Authorization", "Bearer " + hs256(expired)}),
                Arguments.of("a token without exp", new String[] {"Authorization", "Bearer " + hs256(noExp)}),
                Arguments.of("a token of another issuer", new String[] {"Authorization", "Bearer " + hs256(admin().put("iss", "https://evil.example"))}),
                Arguments.of("a token for another audience", new String[] {"Authorization", "Bearer " + rs256(admin().put("aud", "another-api"))}),
                Arguments.of("a token that is not a JWT", new String[] {"Authorization", "Bearer not.a.jwt"}),
                Arguments.of("basic authentication", new String[] {"Authorization", "Basic YWRtaW46YWRtaW4="}),
                Arguments.of("an unknown API key", new String[] {"X-API-Key", "hub_" + "A".repeat(43)}),
                Arguments.of("an admin key with one character changed", new String[] {"X-API-Key",
                        TestCredentials.ADMIN_KEY.substring(0, TestCredentials.ADMIN_KEY.length() - 1)
                                + (TestCredentials.ADMIN_KEY.endsWith("A") ? "B" : "A")}));
    }

    @ParameterizedTest(name = "{0} is refused with 401 and no Cypher")
    @MethodSource("badCredentials")
    void aBadCredentialIsRefusedWith401ThatDoesNotSayWhatFailedAndRunsNoCypher(String what, String[] headers) throws Exception {
        long before = context.cypher().statementCount();
        HttpResponse<String> r = post(PERSON.formatted(id), headers);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"jiedao-hub\"");
        assertThat(error(r).path("message").asText()).isEqualTo("invalid credential");
        assertThat(error(r).path("extensions").path("code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(r.body()).doesNotContain("林晓雨");
        assertThat(context.cypher().statementCount()).isEqualTo(before);
    }

    @Test
    void aRequestWithoutCredentialIsRefusedWith401OnEveryEndpointButHealthAndTheGraphiqlPage() throws Exception {
        long before = context.cypher().statementCount();
        for (HttpResponse<String> r : List.of(post(PERSON.formatted(id)),
                get("/graphql?query=" + java.net.URLEncoder.encode(PERSON.formatted(id), java.nio.charset.StandardCharsets.UTF_8)),
                get("/export?entity=Person:" + id), get("/metrics"))) {
            assertThat(r.statusCode()).as(r.request().uri().getPath()).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"jiedao-hub\"");
            assertThat(error(r).path("extensions").path("code").asText()).isEqualTo("UNAUTHENTICATED");
            assertThat(error(r).path("message").asText()).contains("X-API-Key");
        }
        assertThat(context.cypher().statementCount()).isEqualTo(before);
        assertThat(get("/health").statusCode()).isEqualTo(200);
        assertThat(get("/graphiql/").statusCode()).isEqualTo(200);
    }

    @Test
    void aRefusedPostLeavesTheConnectionUsableForTheNextRequest() throws Exception {
        // the same client (and connection) sends a refused POST with a body, then an authenticated one
        assertThat(post(PERSON.formatted(id)).statusCode()).isEqualTo(401);
        HttpResponse<String> ok = post(PERSON.formatted(id), "X-API-Key", TestCredentials.ADMIN_KEY);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ApiFixture.JSON.readTree(ok.body()).path("data").path("person").path("name").asText()).isEqualTo("林晓雨");
    }

    @Test
    void hs256AndRs256TokensAreAcceptedAndAnswerTheQuery() throws Exception {
        for (String token : List.of(hs256(admin()), rs256(admin()))) {
            HttpResponse<String> r = post(PERSON.formatted(id), "Authorization", "Bearer " + token);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(ApiFixture.JSON.readTree(r.body()).path("data").path("person").path("name").asText()).isEqualTo("林晓雨");
        }
    }

    @Test
    void aCaseworkerTokensClaimsBecomeThePrincipal() {
        String token = rs256(new JsonObject().put("sub", "wang.li").put("role", "caseworker").put("iss", TestCredentials.ISSUER)
                .put("aud", TestCredentials.AUDIENCE).put("exp", now() + 600).put("purpose", "case-handling")
                .put("communities", new JsonArray().add("110102001004").add("110102001005")));
        Principal p = authentication().authenticate(new Credentials("Bearer " + token, null, List.of(), null)).principal();
        assertThat(p).isEqualTo(new Principal("wang.li", "caseworker",
                Map.of("communities", List.of("110102001004", "110102001005")), "case-handling", "jwt"));
        Principal stated = authentication().authenticate(new Credentials("Bearer " + token, null, List.of(), "service-delivery")).principal();
        assertThat(stated.purpose()).as("the header overrides the claim").isEqualTo("service-delivery");
    }

    @Test
    void aTokenFromTheHubsOwnIssuerIsAccepted() throws Exception {
        String token = new TokenIssuer(TestCredentials.HS256_SECRET).issue("ops", "admin", Map.of(), null, Duration.ofMinutes(5),
                TestCredentials.ISSUER, TestCredentials.AUDIENCE);
        assertThat(post(PERSON.formatted(id), "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
    }

    @Test
    void anApiKeyBecomesThePrincipalOfItsEntry() {
        Principal p = authentication().authenticate(new Credentials(null, partnerKey, List.of(), "benefit-eligibility")).principal();
        assertThat(p).isEqualTo(new Principal("civil-affairs-gateway", "partner:civil-affairs",
                Map.of("communities", List.of("110102001004")), "benefit-eligibility", "api-key"));
    }

    @Test
    void aKeyRemovedFromTheKeyFileIsRefusedFromTheNextRequestOn() throws Exception {
        assertThat(post(PERSON.formatted(id), "X-API-Key", revokedKey, "X-Purpose-Of-Use", "statistics").statusCode()).isEqualTo(200);
        ApiKeyFile.Contents contents = ApiKeyFile.read(keys);
        ApiKeyFile.write(keys, new ApiKeyFile.Contents(contents.apiKeys().stream().filter(e -> !e.name().equals("former-partner")).toList(),
                contents.clientCertificates()));
        long before = context.cypher().statementCount();
        HttpResponse<String> r = post(PERSON.formatted(id), "X-API-Key", revokedKey, "X-Purpose-Of-Use", "statistics");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(error(r).path("message").asText()).isEqualTo("invalid credential");
        assertThat(context.cypher().statementCount()).isEqualTo(before);
    }

    @Test
    void aRoleThatMustStateAPurposeIsRefusedWith403WithoutOneAndRunsNoCypher() throws Exception {
        String analyst = hs256(admin().put("sub", "planner-7").put("role", "analyst"));
        long before = context.cypher().statementCount();
        HttpResponse<String> none = post("{ communitiesAggregate { count } }", "Authorization", "Bearer " + analyst);
        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(error(none).path("extensions").path("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(error(none).path("message").asText()).contains("X-Purpose-Of-Use").contains("statistics");
        HttpResponse<String> undeclared = post("{ communitiesAggregate { count } }", "Authorization", "Bearer " + analyst,
                "X-Purpose-Of-Use", "curiosity");
        assertThat(undeclared.statusCode()).isEqualTo(403);
        assertThat(context.cypher().statementCount()).isEqualTo(before);
        HttpResponse<String> stated = post("{ communitiesAggregate { count } }", "Authorization", "Bearer " + analyst,
                "X-Purpose-Of-Use", "statistics");
        assertThat(stated.statusCode()).isEqualTo(200);
        HttpResponse<String> claimed = post("{ communitiesAggregate { count } }", "Authorization", "Bearer "
                + hs256(admin().put("role", "analyst").put("purpose", "planning")));
        assertThat(claimed.statusCode()).isEqualTo(200);
    }

    @Test
    void onlyAnUnscopedRoleReadingEverythingInClearMayExport() throws Exception {
        String export = "/export?entity=Person:" + id + "&depth=0";
        HttpResponse<String> analyst = get(export, "Authorization", "Bearer " + hs256(admin().put("role", "analyst")),
                "X-Purpose-Of-Use", "statistics");
        assertThat(analyst.statusCode()).isEqualTo(403);
        assertThat(error(analyst).path("extensions").path("code").asText()).isEqualTo("FORBIDDEN");
        HttpResponse<String> caseworker = get(export, "Authorization", "Bearer " + hs256(admin().put("role", "caseworker")
                .put("communities", new JsonArray().add("110102001004"))), "X-Purpose-Of-Use", "case-handling");
        assertThat(caseworker.statusCode()).as("a scoped role").isEqualTo(403);
        HttpResponse<String> partner = get(export, "X-API-Key", partnerKey, "X-Purpose-Of-Use", "benefit-eligibility");
        assertThat(partner.statusCode()).as("a role that reads only some types").isEqualTo(403);
        assertThat(get(export, "X-API-Key", TestCredentials.ADMIN_KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void metricsAreForTheAdminRoleOnly() throws Exception {
        assertThat(get("/metrics", "X-API-Key", partnerKey, "X-Purpose-Of-Use", "benefit-eligibility").statusCode()).isEqualTo(403);
        HttpResponse<String> admin = get("/metrics", "X-API-Key", TestCredentials.ADMIN_KEY);
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body()).contains("hub_up 1");
    }

    @Test
    void aWebSocketAuthenticatesInConnectionInitOrIsClosedWith4403() throws Exception {
        try (WsClient c = WsClient.connect(server.port())) {
            c.send(Map.of("type", "connection_init"));
            assertThat(c.closeCode()).isEqualTo(4403);
        }
        try (WsClient c = WsClient.connect(server.port())) {
            c.send(Map.of("type", "connection_init", "payload", Map.of("X-API-Key", revokedKey + "x")));
            assertThat(c.closeCode()).isEqualTo(4403);
        }
        try (WsClient c = WsClient.connect(server.port())) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("Authorization", "Bearer " + hs256(admin()));
            c.send(Map.of("type", "connection_init", "payload", payload));
            assertThat(c.next().path("type").asText()).isEqualTo("connection_ack");
            c.send(Map.of("id", "q", "type", "subscribe", "payload", Map.of("query", PERSON.formatted(id))));
            assertThat(c.next().path("payload").path("data").path("person").path("name").asText()).isEqualTo("林晓雨");
        }
    }

    @Test
    void aWebSocketUpgradeWithABadCredentialIsRefusedWith401() throws Exception {
        var failure = ApiFixture.HTTP.newWebSocketBuilder().subprotocols("graphql-transport-ws").header("X-API-Key", "hub_wrong")
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/graphql"), new java.net.http.WebSocket.Listener() {
                }).handle((ws, e) -> e);
        Throwable e = failure.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(e).isNotNull();
        assertThat(e.getCause()).isInstanceOf(java.net.http.WebSocketHandshakeException.class);
        assertThat(((java.net.http.WebSocketHandshakeException) e.getCause()).getResponse().statusCode()).isEqualTo(401);
    }
}

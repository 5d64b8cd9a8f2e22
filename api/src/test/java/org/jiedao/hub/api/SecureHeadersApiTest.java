package org.jiedao.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.jiedao.hub.api.http.ApiServer;
import org.jiedao.hub.api.http.ExportHandler;
import org.jiedao.hub.api.http.HttpOptions;
import org.jiedao.hub.api.http.RateLimitHandler;
import org.jiedao.hub.graph.rdf.RdfExporter;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every web endpoint answers with the secure headers, its refusals included: GraphQL, GraphiQL, export, metrics,
 * health, and the answers 401, 403, 404, 405, 406, 413 and 429.
 */
class SecureHeadersApiTest {
    private static final Map<String, String> EVERY_RESPONSE = Map.of("X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer", "X-Frame-Options", "DENY");
    private static final Map<String, String> API_RESPONSE = Map.of("Cache-Control", "no-store",
            "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    private static ExecutorService blocking;
    private static ApiServer server;
    private static String id;

    @BeforeAll
    static void start() throws Exception {
        id = ApiFixture.writeGraph();
        blocking = Executors.newVirtualThreadPerTaskExecutor();
        var driver = TestNeo4j.driver();
        server = ApiServer.start(GraphQLFactory.create(ApiFixture.O, driver, blocking),
                new ExportHandler(ApiFixture.O, new RdfExporter(driver, ApiFixture.O), blocking), () -> "hub_up 1\n",
                HttpOptions.DEFAULTS.withMaxBodyBytes(1000),
                HardeningFixture.authentication(), null, List.of(RateLimitHandler.create(HardeningFixture.POLICY)), null, "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        blocking.shutdownNow();
    }

    private static HttpRequest.Builder request(String pathAndQuery, String role) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery));
        if (role != null) {
            b.header(HardeningFixture.ROLE_HEADER, HardeningFixture.key(role, "headers-" + role));
        }
        return b;
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return ApiFixture.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder post(String body, String role) {
        return request("/graphql", role).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static void assertHeaders(String what, HttpResponse<String> r, int status, boolean api) {
        assertThat(r.statusCode()).as("%s: status", what).isEqualTo(status);
        EVERY_RESPONSE.forEach((name, value) -> assertThat(r.headers().firstValue(name)).as("%s: %s", what, name).hasValue(value));
        if (api) {
            API_RESPONSE.forEach((name, value) -> assertThat(r.headers().firstValue(name)).as("%s: %s", what, name).hasValue(value));
        }
    }

    @Test
    void everyEndpointAndEveryRefusalCarriesTheSecureHeaders() throws Exception {
        String query = "{\"query\":\"{ __typename }\"}";
        assertHeaders("POST /graphql", send(post(query, "admin")), 200, true);
        assertHeaders("GET /graphql", send(request("/graphql?query=" + URLEncoder.encode("{ __typename }", StandardCharsets.UTF_8), "admin")), 200, true);
        assertHeaders("PUT /graphql", send(request("/graphql", "admin").PUT(HttpRequest.BodyPublishers.ofString(query))), 405, true);
        assertHeaders("Accept: image/png", send(post(query, "admin").header("Accept", "image/png")), 406, true);
        assertHeaders("body too large", send(post("{\"query\":\"" + " ".repeat(2000) + "{ __typename }\"}", "admin")), 413, true);
        assertHeaders("no credential", send(post(query, null)), 401, true);
        assertHeaders("refused role", send(post(query, "refused")), 403, true);
        for (int i = 0; i < 3; i++) {
            send(post(query, "limited"));
        }
        assertHeaders("over the rate limit", send(post(query, "limited")), 429, true);
        assertHeaders("GET /export", send(request("/export?entity=Person:" + id, "admin")), 200, true);
        assertHeaders("GET /export without entity", send(request("/export", "admin")), 400, true);
        assertHeaders("GET /metrics", send(request("/metrics", "admin")), 200, true);
        assertHeaders("GET /metrics without a credential", send(request("/metrics", null)), 401, true);
        assertHeaders("GET /health", send(request("/health", null)), 200, true);
        assertHeaders("GET /graphiql/", send(request("/graphiql/", null)), 200, false);
        assertHeaders("GET /no-such-page", send(request("/no-such-page", null)), 404, false);
        assertHeaders("GET /", send(request("/", null)), 302, false);
    }
}

package org.jiedao.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The graph browser's page (explorer module) is served at {@code /explore/} without a credential (it asks for one
 * and sends it to {@code /graphql}), with its script and a Content Security Policy limiting it to the hub's origin;
 * the data itself still needs a credential.
 */
class ExplorerPageTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ApiFixture.Running server;

    @BeforeAll
    static void start() {
        server = ApiFixture.startServer();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageAndItsBundleAreServedWithoutACredentialUnderAStrictPolicy() throws Exception {
        HttpResponse<String> redirect = get("/explore");
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location")).hasValue("/explore/");

        HttpResponse<String> page = get("/explore/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("<script type=\"module\" src=\"app.js\"></script>", "图谱浏览");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");

        HttpResponse<String> script = get("/explore/app.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type").orElse("")).contains("javascript");
        assertThat(script.body()).contains("/graphql", "X-API-Key"); // the bundle talks to the API with the user's key
        assertThat(script.body().length()).as("Cytoscape.js is bundled in").isGreaterThan(100_000);

        assertThat(get("/explore/missing.js").statusCode()).isEqualTo(404);
        assertThat(get("/explore/../graphql").statusCode()).isNotEqualTo(200);
    }

    @Test
    void theDataBehindThePageStillNeedsACredential() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/graphql"))
                .header("Content-Type", "application/json")
                .header("Referer", "http://127.0.0.1:" + server.port() + "/explore/")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ __typename }\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
    }
}

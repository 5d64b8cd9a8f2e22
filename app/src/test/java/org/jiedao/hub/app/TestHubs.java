package org.jiedao.hub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jiedao.hub.graph.testing.TestNeo4j;

/** A whole hub in a test: its settings on the shared test Neo4j, and a GraphQL request as the admin. */
final class TestHubs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestHubs() {
    }

    /** @return the repository root ({@code JIEDAO_REPO_ROOT}, else the parent of the module directory) */
    static Path repoRoot() {
        String root = System.getenv("JIEDAO_REPO_ROOT");
        return Path.of(root == null ? ".." : root);
    }

    /**
     * @param dataDir the hub's data directory
     * @return settings: the repository's sources, any free HTTP port, the test Neo4j
     */
    static HubSettings settings(Path dataDir) {
        Map<String, String> env = new HashMap<>();
        env.put("HUB_DATA_DIR", dataDir.toString());
        env.put("HUB_SOURCES_DIR", repoRoot().resolve("config/sources").toString());
        env.put("HUB_SERVICES_DIR", repoRoot().resolve("config/services").toString());
        env.put("HUB_HTTP_PORT", "0");
        env.put("NEO4J_URI", TestNeo4j.boltUri().toString());
        return HubSettings.fromEnvironment(env);
    }

    /**
     * @param hub   a running hub
     * @param query a GraphQL document
     * @return the response body, after asserting HTTP 200
     */
    static JsonNode graphql(Hub hub, String query) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + hub.api().port() + "/graphql"))
                        .header("Content-Type", "application/json").header("X-API-Key", AdminKey.of(hub))
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}

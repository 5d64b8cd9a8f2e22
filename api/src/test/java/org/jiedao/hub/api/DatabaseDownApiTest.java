package org.jiedao.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.jiedao.hub.api.http.ApiServer;
import org.jiedao.hub.graph.server.EmbeddedNeo4j;
import org.jiedao.hub.graph.server.Neo4jConnection;
import org.junit.jupiter.api.Test;

/**
 * Error masking with the database stopped: the API runs on a Neo4j of its own (not the shared test server),
 * answers, then its Neo4j process is stopped. A query then gets code UNAVAILABLE with a trace id that the log
 * shows beside the cause, and nothing of the internals (no host, port, Bolt URI, class names or Cypher).
 */
class DatabaseDownApiTest {
    private static final String ID = "110102199203040024";

    @Test
    void withTheDatabaseStoppedAQueryAnswersUnavailableWithATraceIdThatTheLogShows() throws Exception {
        Path root = Files.createTempDirectory("jiedao-down-neo4j-");
        EmbeddedNeo4j.Options options = EmbeddedNeo4j.Options.builder(root.resolve("data"))
                .boltPort(0).httpPort(0).maxHeap("256m").pageCacheBytes(8L * 1024 * 1024)
                .startTimeout(Duration.ofSeconds(180)).logFile(root.resolve("neo4j.log")).build();
        var blocking = Executors.newVirtualThreadPerTaskExecutor();
        // no retries: the driver's retry time would otherwise delay the answer (see docs/graphql/limits-and-errors.md)
        try (Neo4jConnection neo4j = Neo4jConnection.fromEnvironment(Map.of(Neo4jConnection.ENV_MAX_RETRY_SECONDS, "0"), options);
             ApiFixture.Running server = new ApiFixture.Running(
                     ApiServer.start(GraphQLFactory.create(ApiFixture.O, neo4j.driver(), blocking), TestCredentials.authentication(), "127.0.0.1", 0), blocking)) {
            String query = ApiFixture.JSON.writeValueAsString(Map.of("query", "{ person(idNumber: \"" + ID + "\") { name } }"));
            JsonNode up = ApiFixture.JSON.readTree(server.post(query).body());
            assertThat(up.path("errors").isMissingNode()).as("%s", up).isTrue();
            assertThat(up.path("data").path("person").isNull()).isTrue();

            neo4j.server().orElseThrow().stop();

            String body;
            try (CapturedLog log = new CapturedLog()) {
                body = server.post(query).body();
                JsonNode e = ApiFixture.JSON.readTree(body).path("errors").get(0);
                assertThat(e.path("extensions").path("code").asText()).isEqualTo("UNAVAILABLE");
                assertThat(e.path("message").asText()).isEqualTo("the graph database is unavailable; try again later");
                String traceId = e.path("extensions").path("traceId").asText();
                assertThat(traceId).matches("[0-9a-f]{32}");
                assertThat(log.text()).contains(traceId);
            }
            assertThat(ApiFixture.JSON.readTree(body).path("data").path("person").isNull()).isTrue();
            String port = String.valueOf(neo4j.boltUri().getPort());
            assertThat(body).doesNotContainIgnoringCase("bolt").doesNotContain("127.0.0.1").doesNotContain(port)
                    .doesNotContainIgnoringCase("exception").doesNotContain("org.").doesNotContain("MATCH")
                    .doesNotContainIgnoringCase("neo4j").doesNotContain("\tat ");
            JsonNode typename = ApiFixture.JSON.readTree(server.post("{\"query\": \"{ __typename }\"}").body());
            assertThat(typename.path("data").path("__typename").asText()).as("the server keeps serving").isEqualTo("Query");
        } finally {
            try (Stream<Path> paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}

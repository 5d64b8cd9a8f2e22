package org.jiedao.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.jiedao.hub.api.http.ApiServer;
import org.jiedao.hub.api.http.ExportHandler;
import org.jiedao.hub.api.http.HttpOptions;
import org.jiedao.hub.graph.rdf.RdfExporter;
import org.jiedao.hub.graph.server.Neo4jConnection;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Logging;

/**
 * No secret and no personal value reaches the log: while the log is captured, requests carry a bad bearer token, a
 * wrong API key, a password-like variable, ID numbers and a name, against a working graph and against a database
 * that cannot be reached (whose failure is logged); the hub connects to Neo4j with a user name and password. The
 * log shows the failure's trace id, and none of those strings.
 */
class SecretsNotInLogsTest {
    private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzZWNyZXQtdXNlciJ9.c2VjcmV0LXNpZ25hdHVyZS0xMjM0NQ";
    private static final String API_KEY = "hubkey-5d41402abc4b2a76b9719d911017c592";
    private static final String PASSWORD = "Pa55word-never-logged-7731";
    private static final String NEO4J_PASSWORD = "neo4j-secret-9d8e7f";
    private static final String BAD_ID = "11010219900101001X"; // wrong check character
    private static final String NAME = "林晓雨";

    private static HttpResponse<String> post(int port, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return ApiFixture.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String request(String query, Map<String, Object> variables) throws Exception {
        return ApiFixture.JSON.writeValueAsString(Map.of("query", query, "variables", variables));
    }

    @Test
    void tokensKeysPasswordsAndPersonalValuesNeverReachTheLog() throws Exception {
        String id = ApiFixture.writeGraph();
        ExecutorService blocking = Executors.newVirtualThreadPerTaskExecutor();
        Driver unreachable = GraphDatabase.driver("bolt://127.0.0.1:1", AuthTokens.basic("neo4j", NEO4J_PASSWORD),
                Config.builder().withMaxTransactionRetryTime(0, TimeUnit.MILLISECONDS).withLogging(Logging.slf4j()).build());
        String traceId;
        String log;
        try (CapturedLog captured = new CapturedLog();
             Neo4jConnection withPassword = Neo4jConnection.fromEnvironment(Map.of(Neo4jConnection.ENV_URI, TestNeo4j.boltUri().toString(),
                     Neo4jConnection.ENV_USERNAME, "neo4j", Neo4jConnection.ENV_PASSWORD, NEO4J_PASSWORD), null);
             ApiServer up = ApiServer.start(GraphQLFactory.create(ApiFixture.O, withPassword.driver(), blocking),
                     new ExportHandler(ApiFixture.O, new RdfExporter(withPassword.driver(), ApiFixture.O), blocking), null,
                     HttpOptions.DEFAULTS, HardeningFixture.authentication(), null, "127.0.0.1", 0);
             ApiServer down = ApiServer.start(GraphQLFactory.create(ApiFixture.O, unreachable, blocking), HardeningFixture.authentication(), "127.0.0.1", 0)) {
            // the password rides along as an extra variable, as a client might send one by mistake
            String person = "query($id: String!) { person(idNumber: $id) { name idNumber } }";
            Map<String, String> admin = Map.of(HardeningFixture.ROLE_HEADER, "admin");

            assertThat(post(up.port(), request("{ __typename }", Map.of()), Map.of("Authorization", "Bearer " + JWT)).statusCode())
                    .isEqualTo(401);
            assertThat(post(up.port(), request("{ __typename }", Map.of()), Map.of("X-API-Key", API_KEY)).statusCode()).isEqualTo(401);
            JsonNode found = ApiFixture.JSON.readTree(post(up.port(), request(person, Map.of("id", id, "password", PASSWORD)),
                    Map.of(HardeningFixture.ROLE_HEADER, "admin")).body());
            assertThat(found.at("/data/person/name").asText()).isEqualTo(NAME);
            JsonNode badId = ApiFixture.JSON.readTree(post(up.port(), request(person, Map.of("id", BAD_ID, "password", PASSWORD)), admin).body());
            assertThat(badId.at("/errors/0/extensions/code").asText()).isEqualTo("BAD_USER_INPUT");
            JsonNode badType = ApiFixture.JSON.readTree(post(up.port(), request("query($p: Boolean!) { __typename @include(if: $p) }", Map.of("p", PASSWORD)),
                    admin).body());
            assertThat(badType.at("/errors/0/extensions/code").asText()).isEqualTo("BAD_USER_INPUT");
            HttpResponse<String> export = ApiFixture.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + up.port()
                            + "/export?entity=Person:" + BAD_ID)).header(HardeningFixture.ROLE_HEADER, "admin").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(export.statusCode()).isEqualTo(400);

            assertThat(post(up.port(), request("{ __typename }", Map.of()), Map.of("X-API-Key", API_KEY)).statusCode())
                    .as("an unknown key is refused").isEqualTo(401);
            JsonNode unavailable = ApiFixture.JSON.readTree(post(down.port(), request(person, Map.of("id", id, "password", PASSWORD)),
                    admin).body());
            assertThat(unavailable.at("/errors/0/extensions/code").asText()).isEqualTo("UNAVAILABLE");
            traceId = unavailable.at("/errors/0/extensions/traceId").asText();
            log = captured.text();
        } finally {
            unreachable.close();
            blocking.shutdownNow();
        }
        assertThat(log).as("the log was captured").contains(traceId).contains("connected to Neo4j");
        for (String secret : List.of(JWT, API_KEY, PASSWORD, NEO4J_PASSWORD, id, BAD_ID, NAME, ApiFixture.OLD_ID)) {
            assertThat(log).as("the log").doesNotContain(secret);
        }
    }
}

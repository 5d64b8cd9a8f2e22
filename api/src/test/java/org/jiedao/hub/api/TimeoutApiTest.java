package org.jiedao.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;

import org.jiedao.hub.api.cypher.CypherRunner;
import org.jiedao.hub.api.cypher.SelectionTranslator;
import org.jiedao.hub.api.http.ApiServer;
import org.jiedao.hub.api.query.QueryContext;
import org.jiedao.hub.api.schema.ComputedField;
import org.jiedao.hub.api.schema.ComputedFields;
import org.jiedao.hub.api.schema.SchemaBuilder;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.cypherdsl.core.Cypher;

/**
 * Slow and failing queries against the real Neo4j: a query past the time limit answers TIMEOUT (stopped by the
 * server's transaction timeout, or by the request deadline when several root fields are pending), and a
 * statement the server rejects answers INTERNAL with only a trace id, the cause being in the log. The schema
 * gets two test-only computed fields on Community: {@code slowCount}, whose Cypher would run for hours, and
 * {@code brokenCount}, whose Cypher is not valid.
 */
class TimeoutApiTest {
    private static final List<ComputedField> TEST_FIELDS = List.of(
            new ComputedField("Community", "slowCount", "Int!", "test: counts 10^12 rows",
                    c -> Cypher.raw("COUNT { UNWIND range(1, 1000000) AS a UNWIND range(1, 1000000) AS b RETURN b }")),
            new ComputedField("Community", "brokenCount", "Int!", "test: not valid Cypher",
                    c -> Cypher.raw("COUNT { MATCH (x:NoSuchLabel) WHERE x.secret = RETURN x }")));
    private static final String COMMUNITY = "community(code: \"110102001004\")";
    private static ExecutorService blocking;
    private static final List<ApiFixture.Running> servers = new ArrayList<>();

    @BeforeAll
    static void graph() throws Exception {
        ApiFixture.writeGraph();
        blocking = Executors.newVirtualThreadPerTaskExecutor();
    }

    @AfterAll
    static void stop() {
        servers.forEach(ApiFixture.Running::close);
    }

    /** A server whose statements time out after {@code statementTimeout} and whose requests after {@code limits}. */
    private static ApiFixture.Running server(Duration statementTimeout, QueryLimits limits) {
        List<ComputedField> computed = new ArrayList<>(ComputedFields.all());
        computed.addAll(TEST_FIELDS);
        SchemaBuilder schema = new SchemaBuilder(ApiFixture.O, computed);
        QueryContext context = new QueryContext(ApiFixture.O, schema, new SelectionTranslator(schema, ApiFixture.O),
                new CypherRunner(TestNeo4j.driver(), blocking, statementTimeout), limits);
        ApiFixture.Running running = new ApiFixture.Running(ApiServer.start(GraphQLFactory.create(context), TestCredentials.authentication(), "127.0.0.1", 0),
                Executors.newVirtualThreadPerTaskExecutor());
        servers.add(running);
        return running;
    }

    private static JsonNode ask(ApiFixture.Running server, String query) throws Exception {
        return ApiFixture.JSON.readTree(server.post(ApiFixture.JSON.writeValueAsString(Map.of("query", query))).body());
    }

    @Test
    void theServerStopsASlowStatementAndTheAnswerIsTimeoutWithATraceIdInTheLog() throws Exception {
        // the request may take 10 s, but the server stops the statement after 1 s
        var server = server(Duration.ofSeconds(1), QueryLimits.DEFAULTS.withTimeout(Duration.ofSeconds(10)));
        try (CapturedLog log = new CapturedLog()) {
            long start = System.nanoTime();
            JsonNode r = ask(server, "{ " + COMMUNITY + " { name slowCount } }");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
            JsonNode e = r.path("errors").get(0);
            assertThat(e.path("extensions").path("code").asText()).as("%s", r).isEqualTo("TIMEOUT");
            assertThat(e.path("message").asText()).contains("took longer than the limit of");
            assertThat(log.text()).contains("TransactionTimedOut");
            assertThat(log.text()).contains(e.path("extensions").path("traceId").asText());
            assertThat(r.path("data").path("community").isNull()).isTrue();
        }
        JsonNode fine = ask(server, "{ " + COMMUNITY + " { name } }");
        assertThat(fine.path("data").path("community").path("name").asText()).as("%s", fine).isEqualTo("府右街南社区居委会");
    }

    @Test
    void aTinyTimeLimitOfOneMillisecondIsNamedInTheMessage() throws Exception {
        var server = server(Duration.ofMillis(1), QueryLimits.DEFAULTS.withTimeout(Duration.ofMillis(1)));
        JsonNode e = ask(server, "{ " + COMMUNITY + " { name slowCount } }").path("errors").get(0);
        assertThat(e.path("extensions").path("code").asText()).isEqualTo("TIMEOUT");
        assertThat(e.path("message").asText()).contains("limit of 0.001 s");
    }

    @Test
    void severalSlowRootFieldsTogetherAnswerWithinTheRequestTimeout() throws Exception {
        // each statement may run 3 s on the server, but the request as a whole only 1 s
        var server = server(Duration.ofSeconds(3), QueryLimits.DEFAULTS.withTimeout(Duration.ofSeconds(1)));
        long start = System.nanoTime();
        JsonNode r = ask(server, "{ a: " + COMMUNITY + " { slowCount } b: " + COMMUNITY + " { slowCount } c: "
                + COMMUNITY + " { slowCount } }");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
        assertThat(r.path("errors")).hasSize(3);
        r.path("errors").forEach(e -> assertThat(e.path("extensions").path("code").asText()).isEqualTo("TIMEOUT"));
    }

    @Test
    void aStatementTheServerRejectsIsAnInternalErrorThatShowsOnlyATraceId() throws Exception {
        var server = server(Duration.ofSeconds(30), QueryLimits.DEFAULTS);
        try (CapturedLog log = new CapturedLog()) {
            String body = server.post(ApiFixture.JSON.writeValueAsString(Map.of("query",
                    "{ " + COMMUNITY + " { name brokenCount } }"))).body();
            JsonNode e = ApiFixture.JSON.readTree(body).path("errors").get(0);
            assertThat(e.path("extensions").path("code").asText()).isEqualTo("INTERNAL");
            String traceId = e.path("extensions").path("traceId").asText();
            assertThat(e.path("message").asText()).isEqualTo("internal error; quote trace id " + traceId);
            assertThat(body).doesNotContain("NoSuchLabel").doesNotContain("secret").doesNotContain("MATCH")
                    .doesNotContainIgnoringCase("exception").doesNotContain("org.").doesNotContainIgnoringCase("neo4j");
            assertThat(log.text()).contains(traceId).contains("NoSuchLabel");
        }
    }
}

package org.jiedao.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;

import org.jiedao.hub.api.http.ApiServer;
import org.jiedao.hub.api.query.QueryContext;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Queries past the limits, over HTTP against the real schema and a real Neo4j: each is refused fast with its code,
 * before any Cypher runs (the runner's statement counter does not move), and the server keeps answering.
 */
class LimitsApiTest {
    private static String id;
    private static QueryContext context;
    private static ApiFixture.Running server;

    @BeforeAll
    static void graphAndServer() throws Exception {
        id = ApiFixture.writeGraph();
        var blocking = Executors.newVirtualThreadPerTaskExecutor();
        context = GraphQLFactory.context(ApiFixture.O, TestNeo4j.driver(), blocking, QueryLimits.DEFAULTS);
        server = new ApiFixture.Running(ApiServer.start(GraphQLFactory.create(context), TestCredentials.authentication(), "127.0.0.1", 0), blocking);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Posts a query and parses the answer, whatever its HTTP status. */
    private static JsonNode ask(String query) throws Exception {
        return ApiFixture.JSON.readTree(server.post(ApiFixture.JSON.writeValueAsString(Map.of("query", query))).body());
    }

    /** Asks a query that must be refused before any statement runs, within 2 s; returns its only error. */
    private static JsonNode refused(String query) throws Exception {
        long statements = context.cypher().statementCount();
        long start = System.nanoTime();
        JsonNode r = ask(query);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(context.cypher().statementCount()).as("statements run").isEqualTo(statements);
        assertThat(r.path("data").isMissingNode() || r.path("data").isNull()).as("no data in %s", r).isTrue();
        assertThat(r.path("errors")).hasSize(1);
        return r.path("errors").get(0);
    }

    private static void stillServing() throws Exception {
        JsonNode r = ask("{ person(idNumber: \"" + id + "\") { name } }");
        assertThat(r.path("data").path("person").path("name").asText()).isEqualTo("林晓雨");
    }

    @Test
    void aQueryNestedDeeperThanTheLimitIsRefusedWithQueryTooDeep() throws Exception {
        String deep = "name " + "household { members { ".repeat(5) + "name" + " } }".repeat(5);
        JsonNode e = refused("{ person(idNumber: \"" + id + "\") { " + deep + " } }");
        assertThat(e.path("extensions").path("code").asText()).isEqualTo("QUERY_TOO_DEEP");
        assertThat(e.path("message").asText()).contains("12 levels").contains("depth limit is 10");
        stillServing();
    }

    @Test
    void nestedListsWhoseSizesMultiplyPastTheLimitAreRefusedWithQueryTooComplex() throws Exception {
        // addresses 20 x residents 20 x (vehicles 20 + household 1 + members 20) = 16,400 > 10,000
        JsonNode e = refused("""
                { community(code: "110102001004") { addresses { residents {
                    vehicles { plate } household { members { name } } } } } }""");
        assertThat(e.path("extensions").path("code").asText()).isEqualTo("QUERY_TOO_COMPLEX");
        assertThat(e.path("message").asText()).contains("10000");
        stillServing();
    }

    @Test
    void fragmentsThatSpreadEachOtherTenTimesAreRefusedBeforeValidationAndTheServerKeepsServing() throws Exception {
        // 9 fragments, each but the last spreading the next 10 times: under 1 KB of text, 10^8 fields once expanded
        StringBuilder bomb = new StringBuilder("{ person(idNumber: \"" + id + "\") { ...f0 } }");
        for (int i = 0; i < 9; i++) {
            bomb.append(" fragment f").append(i).append(" on Person { ")
                    .append(i == 8 ? "name " : ("...f" + (i + 1) + " ").repeat(10)).append('}');
        }
        JsonNode e = refused(bomb.toString());
        assertThat(e.path("extensions").path("code").asText()).isEqualTo("QUERY_TOO_COMPLEX");
        assertThat(e.path("message").asText()).contains("100000001 fields").contains("fragment spreads");
        stillServing();
    }

    @Test
    void valuesOfTheWrongTypeAreNamedInJsonTermsNotJavaClasses() throws Exception {
        String q = "query($n: Int) { persons(first: $n) { totalCount } }";
        for (String n : List.of("{\"a\": 1}", "[1]", "\"x\"", "1.5")) {
            JsonNode r = ApiFixture.JSON.readTree(server.post("{\"query\": " + ApiFixture.JSON.writeValueAsString(q)
                    + ", \"variables\": {\"n\": " + n + "}}").body());
            String message = r.path("errors").get(0).path("message").asText();
            assertThat(message).as(n).contains("Variable 'n'").doesNotContainPattern("LinkedHashMap|ArrayList|'Long'|'String'|'Double'|BigDecimal");
        }
        String literal = ask("{ persons(first: 2147483648) { totalCount } }").path("errors").get(0).path("message").asText();
        assertThat(literal).contains("2147483648").doesNotContain("IntValue");
        stillServing();
    }

    @Test
    void aDocumentWithMoreAliasesThanTheLimitIsRefusedWithTooManyAliases() throws Exception {
        String many = IntStream.range(0, QueryLimits.DEFAULTS.maxAliases() + 1)
                .mapToObj(i -> "p" + i + ": person(idNumber: \"" + id + "\") { name }").collect(Collectors.joining(" "));
        JsonNode e = refused("{ " + many + " }");
        assertThat(e.path("extensions").path("code").asText()).isEqualTo("TOO_MANY_ALIASES");
        assertThat(e.path("message").asText()).contains("31 aliases").contains("limit is 30");
        stillServing();
    }

    @Test
    void fiveThousandNestedBracesGiveAParseErrorAndTheServerKeepsServing() throws Exception {
        JsonNode e = refused("{a".repeat(5000) + "}".repeat(5000));
        assertThat(e.path("extensions").path("code").asText()).isEqualTo("GRAPHQL_PARSE_FAILED");
        stillServing();
        JsonNode tokens = refused("{ " + "name ".repeat(20_000) + "}");
        assertThat(tokens.path("extensions").path("code").asText()).isEqualTo("GRAPHQL_PARSE_FAILED");
        stillServing();
    }

    @Test
    void validationErrorsAndRefusedArgumentsCarryTheirCodes() throws Exception {
        JsonNode v = refused("{ person(idNumber: \"" + id + "\") { shoeSize } }");
        assertThat(v.path("extensions").path("code").asText()).isEqualTo("GRAPHQL_VALIDATION_FAILED");
        assertThat(v.path("message").asText()).contains("shoeSize");
        JsonNode bad = ask("{ person(idNumber: \"110102199001010012\") { name } }").path("errors").get(0);
        assertThat(bad.path("extensions").path("code").asText()).isEqualTo("BAD_USER_INPUT");
        assertThat(bad.path("message").asText()).contains("idNumber").contains("check character");
        assertThat(bad.path("extensions").has("traceId")).isFalse();
    }

    @Test
    void aQueryWithinAllLimitsRunsOneStatementPerRootField() throws Exception {
        long statements = context.cypher().statementCount();
        JsonNode r = ask("{ a: person(idNumber: \"" + id + "\") { household { members { name vehicles { plate } } } }"
                + " b: vehicle(plate: \"京A12345\") { owner { name } } }");
        assertThat(r.path("errors").isMissingNode()).as("%s", r).isTrue();
        assertThat(r.path("data").path("b").path("owner").path("name").asText()).isEqualTo("林晓雨");
        assertThat(context.cypher().statementCount() - statements).isEqualTo(2);
    }
}

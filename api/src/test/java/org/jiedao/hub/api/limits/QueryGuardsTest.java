package org.jiedao.hub.api.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;

import org.jiedao.hub.api.QueryLimits;
import org.jiedao.hub.api.errors.FailureClassifier;
import org.jiedao.hub.api.errors.MaskingExceptionHandler;
import org.junit.jupiter.api.Test;

/**
 * The guards on graphql-java's real engine over a small schema shaped like the hub's (a connection with
 * {@code first}, list relationship fields with and without {@code first}): how complexity is counted, where the
 * alias and parser limits cut, and which code each refusal carries. No database is involved: nothing here fetches.
 */
class QueryGuardsTest {
    private static final String SDL = """
            type Query { persons(first: Int): PersonConnection  person(id: String): Person }
            type PersonConnection { totalCount: Int!  edges: [PersonEdge!]! }
            type PersonEdge { cursor: String!  node: Person! }
            type Person { name: String  vehicles(first: Int): [Vehicle!]!  cases: [Case!]! }
            type Vehicle { plate: String  owner: Person }
            type Case { caseNumber: String }
            """;

    private static GraphQL engine(QueryLimits limits) {
        var schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SDL),
                RuntimeWiring.newRuntimeWiring().build());
        FailureClassifier failures = new FailureClassifier(limits.timeout());
        return GraphQL.newGraphQL(schema).instrumentation(QueryGuards.instrumentation(limits, failures))
                .defaultDataFetcherExceptionHandler(new MaskingExceptionHandler(failures)).build();
    }

    private static Map<String, Object> run(QueryLimits limits, String query) {
        ExecutionResult r = engine(limits).execute(query);
        return r.toSpecification();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstError(Map<String, Object> result) {
        List<Map<String, Object>> errors = (List<Map<String, Object>>) result.get("errors");
        assertThat(errors).as("errors of %s", result).isNotEmpty();
        return errors.getFirst();
    }

    private static Object code(Map<String, Object> error) {
        return ((Map<?, ?>) error.get("extensions")).get("code");
    }

    @Test
    void threeNestedListsOfAHundredEachAreTooComplex() {
        Map<String, Object> r = run(QueryLimits.DEFAULTS, """
                { persons(first: 100) { edges { node { vehicles(first: 100) { owner { vehicles(first: 100) { plate } } } } } } }""");
        assertThat(code(firstError(r))).isEqualTo("QUERY_TOO_COMPLEX");
        assertThat((String) firstError(r).get("message")).contains("10000").contains("first");
        assertThat(r).doesNotContainKey("data");
    }

    @Test
    void theSameShapeWithSmallPagesIsAccepted() {
        Map<String, Object> r = run(QueryLimits.DEFAULTS, """
                { persons(first: 10) { edges { node { vehicles(first: 10) { owner { vehicles(first: 10) { plate } } } } } } }""");
        assertThat(r).doesNotContainKey("errors");
    }

    @Test
    void edgesTakeTheirConnectionsFirstAndAListWithoutFirstCountsTwenty() {
        // persons 1 + edges 5 x (node 1 + cases 20 x 1) = 106
        String query = "{ persons(first: 5) { edges { node { cases { caseNumber } } } } }";
        assertThat(run(QueryLimits.DEFAULTS.withMaxComplexity(106), query)).doesNotContainKey("errors");
        assertThat(code(firstError(run(QueryLimits.DEFAULTS.withMaxComplexity(105), query)))).isEqualTo("QUERY_TOO_COMPLEX");
    }

    @Test
    void aliasesAreCountedInOperationsAndFragmentsBeforeValidation() {
        String query = "{ a: person(id: \"1\") { ...F } b: person(id: \"2\") { n: name } } fragment F on Person { m: name }";
        assertThat(run(QueryLimits.DEFAULTS.withMaxAliases(4), query)).doesNotContainKey("errors");
        Map<String, Object> refused = firstError(run(QueryLimits.DEFAULTS.withMaxAliases(3), query));
        assertThat(code(refused)).isEqualTo("TOO_MANY_ALIASES");
        assertThat((String) refused.get("message")).contains("4 aliases").contains("limit is 3");
        // counted before validation: an unknown field does not matter once there are too many aliases
        assertThat(code(firstError(run(QueryLimits.DEFAULTS.withMaxAliases(0), "{ x: nosuchfield }")))).isEqualTo("TOO_MANY_ALIASES");
    }

    @Test
    void tooDeepIsRefusedWithItsCode() {
        Map<String, Object> e = firstError(run(QueryLimits.DEFAULTS.withMaxDepth(3),
                "{ person(id: \"1\") { vehicles { owner { name } } } }"));
        assertThat(code(e)).isEqualTo("QUERY_TOO_DEEP");
        assertThat((String) e.get("message")).contains("4 levels").contains("depth limit is 3");
    }

    @Test
    void fiveThousandNestedBracesAreASyntaxErrorNotAStackOverflow() {
        GraphQL engine = engine(QueryLimits.DEFAULTS);
        String braces = "{a".repeat(5000) + "}".repeat(5000);
        for (Duration bound : List.of(Duration.ofSeconds(5), Duration.ofSeconds(1))) { // cold (class loading), then warm
            long start = System.nanoTime();
            Map<String, Object> e = firstError(engine.execute(braces).toSpecification());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(bound);
            assertThat(code(e)).isEqualTo("GRAPHQL_PARSE_FAILED");
            assertThat((String) e.get("message")).contains("deep");
        }
    }

    @Test
    void fragmentsSpreadInsideEachOtherAreCountedAsExpandedAndRefusedFast() {
        // F0 has one field; each F(i) spreads F(i-1) twice: 2^30 spreads of the same field. They would merge into
        // one, but validation and the limits walk every spread (a fragment bomb froze the server), so spreads count
        // as written, expanded, before merging
        StringBuilder doc = new StringBuilder("{ person(id: \"1\") { ...F30 } }\nfragment F0 on Person { name }\n");
        for (int i = 1; i <= 30; i++) {
            doc.append("fragment F").append(i).append(" on Person { ...F").append(i - 1).append(" ...F").append(i - 1).append(" }\n");
        }
        long start = System.nanoTime();
        Map<String, Object> r = run(QueryLimits.DEFAULTS, doc.toString());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(code(firstError(r))).isEqualTo("QUERY_TOO_COMPLEX");
        assertThat(FieldCountLimit.count(graphql.parser.Parser.parse(doc.toString()))).isEqualTo((1L << 30) + 1);
    }

    @Test
    void graphiqlsIntrospectionQueryPassesTheDefaultLimits() {
        Map<String, Object> r = run(QueryLimits.DEFAULTS, graphql.introspection.IntrospectionQuery.INTROSPECTION_QUERY);
        assertThat(r).doesNotContainKey("errors");
        assertThat(((Map<?, ?>) r.get("data")).get("__schema")).isNotNull();
        Map<String, Object> twice = firstError(run(QueryLimits.DEFAULTS, "{ a: __schema { types { name } } b: __schema { types { name } } }"));
        assertThat(code(twice)).as("graphql-java's good-faith check still applies").isEqualTo("QUERY_TOO_COMPLEX");
        Map<String, Object> deepData = firstError(run(QueryLimits.DEFAULTS.withMaxDepth(3),
                "{ __schema { types { fields { name } } } person(id: \"1\") { vehicles { owner { name } } } }"));
        assertThat(code(deepData)).as("data fields beside introspection still count").isEqualTo("QUERY_TOO_DEEP");
    }

    @Test
    void aFloodOfTokensIsASyntaxError() {
        Map<String, Object> e = firstError(run(QueryLimits.DEFAULTS, "{ " + "name ".repeat(ParserLimits.MAX_TOKENS + 1) + "}"));
        assertThat(code(e)).isEqualTo("GRAPHQL_PARSE_FAILED");
        assertThat((String) e.get("message")).contains("tokens");
    }

    @Test
    void aQueryAtTheDepthLimitStillParses() {
        String deep = "{ person(id: \"1\") " + "{ vehicles { owner ".repeat(4) + "{ name }" + " } }".repeat(4) + " }";
        assertThat(run(QueryLimits.DEFAULTS.withMaxComplexity(1_000_000), deep)).doesNotContainKey("errors");
    }

    @Test
    void validationAndParseErrorsKeepGraphqlJavasMessageAndGetACode() {
        Map<String, Object> v = firstError(run(QueryLimits.DEFAULTS, "{ person(id: \"1\") { nosuchfield } }"));
        assertThat(code(v)).isEqualTo("GRAPHQL_VALIDATION_FAILED");
        assertThat((String) v.get("message")).contains("nosuchfield");
        Map<String, Object> p = firstError(run(QueryLimits.DEFAULTS, "{ person(id: "));
        assertThat(code(p)).isEqualTo("GRAPHQL_PARSE_FAILED");
        Map<String, Object> var = firstError(engine(QueryLimits.DEFAULTS).execute(graphql.ExecutionInput.newExecutionInput()
                .query("query($n: Int) { persons(first: $n) { totalCount } }").variables(Map.of("n", "many")).build()).toSpecification());
        assertThat(code(var)).isEqualTo("BAD_USER_INPUT");
    }

}

package org.jiedao.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphqlErrorHelper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A document sent again is not parsed again, and gets the same answer, including its errors and its limits. */
class DocumentCacheTest {
    private static QueryFixture.Engine engine;

    @BeforeAll
    static void graph() {
        QueryFixture.write();
        engine = QueryFixture.engine();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static ExecutionResult run(String query, Map<String, Object> variables) {
        return engine.graphql().execute(ExecutionInput.newExecutionInput(query).variables(variables)
                .graphQLContext(Map.of(org.jiedao.hub.api.access.Access.CONTEXT_KEY, QueryFixture.ADMIN)).build());
    }

    private static List<Object> codes(ExecutionResult r) {
        return r.getErrors().stream().map(e -> GraphqlErrorHelper.toSpecification(e).get("extensions"))
                .map(x -> (Object) (x instanceof Map<?, ?> m ? m.get("code") : null)).toList();
    }

    @Test
    void theSameTextAgainGivesTheSameAnswerWithItsVariables() {
        String q = "query($n: Int) { persons(first: $n, sort: [{name: ASC}]) { edges { node { idNumber } } } }";
        ExecutionResult two = run(q, Map.of("n", 2));
        ExecutionResult three = run(q, Map.of("n", 3));
        assertThat(two.getErrors()).isEmpty();
        assertThat(three.getErrors()).isEmpty();
        assertThat(((Map<?, ?>) ((Map<?, ?>) two.getData()).get("persons")).get("edges")).asList().hasSize(2);
        assertThat(((Map<?, ?>) ((Map<?, ?>) three.getData()).get("persons")).get("edges")).asList().hasSize(3);
    }

    @Test
    void anInvalidDocumentIsRefusedEveryTime() {
        String q = "{ persons { edges { node { noSuchField } } } }";
        assertThat(codes(run(q, Map.of()))).containsExactly("GRAPHQL_VALIDATION_FAILED");
        assertThat(codes(run(q, Map.of()))).containsExactly("GRAPHQL_VALIDATION_FAILED");
    }

    @Test
    void limitsThatDependOnVariablesAreCheckedOnEveryRequest() {
        String q = "query($n: Int) { persons(first: $n) { edges { node { household { members(first: $n) {"
                + " vehicles(first: $n) { plate } } } } } } }";
        assertThat(run(q, Map.of("n", 2)).getErrors()).isEmpty();
        assertThat(codes(run(q, Map.of("n", 100)))).containsExactly("QUERY_TOO_COMPLEX");
        assertThat(run(q, Map.of("n", 3)).getErrors()).isEmpty();
    }

    @Test
    void theCacheKeepsAtMostItsCapacity() {
        DocumentCache cache = new DocumentCache(2);
        for (int i = 0; i < 5; i++) {
            String text = "{ person(idNumber: \"" + i + "\") { name } }";
            cache.getDocumentAsync(ExecutionInput.newExecutionInput(text).build(),
                    in -> new graphql.execution.preparsed.PreparsedDocumentEntry(graphql.parser.Parser.parse(in.getQuery())));
        }
        assertThat(cache.size()).isEqualTo(2);
    }
}

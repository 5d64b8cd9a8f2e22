package org.jiedao.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;

import org.jiedao.hub.api.access.Access;
import org.jiedao.hub.api.query.QueryContext;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Schema introspection per role: a role with {@code introspection: false} gets FORBIDDEN for {@code __schema} and
 * {@code __type}, and nothing of its operation runs; {@code __typename} stays allowed. Requests run through the
 * engine with the caller's {@link Access} in their context, as the HTTP layer puts it there.
 */
class IntrospectionByRoleTest {
    private static ExecutorService blocking;
    private static QueryContext context;
    private static GraphQL engine;
    private static String id;

    @BeforeAll
    static void start() throws Exception {
        id = ApiFixture.writeGraph();
        blocking = Executors.newVirtualThreadPerTaskExecutor();
        context = GraphQLFactory.context(ApiFixture.O, TestNeo4j.driver(), blocking, QueryLimits.DEFAULTS);
        engine = GraphQLFactory.create(context);
    }

    @AfterAll
    static void stop() {
        blocking.shutdownNow();
    }

    private static ExecutionResult run(String role, String query) {
        return engine.execute(ExecutionInput.newExecutionInput().query(query)
                .graphQLContext(Map.of(Access.CONTEXT_KEY, HardeningFixture.access(role))).build());
    }

    private static String code(GraphQLError e) {
        return String.valueOf(e.getExtensions().get("code"));
    }

    @Test
    void aRoleWithoutIntrospectionIsRefusedSchemaAndNothingRuns() {
        long before = context.cypher().statementCount();
        ExecutionResult r = run("closed", "{ person(idNumber: \"" + id + "\") { name } __schema { queryType { name } } }");
        assertThat(r.getErrors()).hasSize(1);
        assertThat(code(r.getErrors().getFirst())).isEqualTo("FORBIDDEN");
        assertThat(r.getErrors().getFirst().getMessage()).contains("role closed may not introspect");
        assertThat((Object) r.getData()).isNull();
        assertThat(context.cypher().statementCount()).as("statements run").isEqualTo(before);
    }

    @Test
    void aRoleWithoutIntrospectionIsRefusedType() {
        ExecutionResult r = run("closed", "{ __type(name: \"Person\") { fields { name } } }");
        assertThat(r.getErrors()).extracting(IntrospectionByRoleTest::code).containsExactly("FORBIDDEN");
        assertThat((Object) r.getData()).isNull();
    }

    @Test
    void aRoleWithoutIntrospectionMayStillAskTypename() {
        ExecutionResult r = run("closed", "{ __typename person(idNumber: \"" + id + "\") { __typename name } }");
        assertThat(r.getErrors()).isEmpty();
        assertThat(r.<Map<String, Object>>getData()).containsEntry("__typename", "Query")
                .containsEntry("person", Map.of("__typename", "Person", "name", "林晓雨"));
    }

    @Test
    void aRoleWithIntrospectionReadsTheSchema() {
        ExecutionResult r = run("admin", "{ __schema { queryType { name } } __type(name: \"Person\") { name } }");
        assertThat(r.getErrors()).isEmpty();
        assertThat(r.<Map<String, Object>>getData()).containsEntry("__schema", Map.of("queryType", Map.of("name", "Query")))
                .containsEntry("__type", Map.of("name", "Person"));
    }

    @Test
    void theRefusalIsPerRequestSoOneDocumentServesBothRoles() {
        String query = "{ __schema { types { name } } }"; // the same document, parsed and cached once
        assertThat(run("closed", query).getErrors()).extracting(IntrospectionByRoleTest::code).containsExactly("FORBIDDEN");
        assertThat(run("admin", query).getErrors()).isEmpty();
        assertThat(run("closed", query).getErrors()).extracting(IntrospectionByRoleTest::code).containsExactly("FORBIDDEN");
    }
}

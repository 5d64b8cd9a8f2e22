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
import org.jiedao.hub.api.http.PersistedQueries;
import org.jiedao.hub.api.http.PersistedQueryStore;
import org.jiedao.hub.api.query.QueryContext;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Persisted-only per role: a role with {@code persistedOnly: true} runs only the configured persisted documents,
 * named by hash; a free-form document, or one a client tries to register, gets FORBIDDEN and runs no Cypher.
 * Requests run through the engine as the HTTP server installs it ({@link PersistedQueries}), with the caller's
 * {@link Access} in their context.
 */
class PersistedOnlyByRoleTest {
    private static final String CONFIGURED = "query Person($id: String!) { person(idNumber: $id) { name } }";
    private static ExecutorService blocking;
    private static QueryContext context;
    private static PersistedQueryStore store;
    private static GraphQL engine;
    private static String id;

    @BeforeAll
    static void start() throws Exception {
        id = ApiFixture.writeGraph();
        blocking = Executors.newVirtualThreadPerTaskExecutor();
        context = GraphQLFactory.context(ApiFixture.O, TestNeo4j.driver(), blocking, QueryLimits.DEFAULTS);
        store = new PersistedQueryStore(Map.of(PersistedQueryStore.sha256(CONFIGURED), CONFIGURED), 100);
        engine = PersistedQueries.install(GraphQLFactory.create(context), store);
    }

    @AfterAll
    static void stop() {
        blocking.shutdownNow();
    }

    private static ExecutionResult run(String role, String query, String hash) {
        ExecutionInput.Builder input = ExecutionInput.newExecutionInput().query(query).variables(Map.of("id", id))
                .graphQLContext(Map.of(Access.CONTEXT_KEY, HardeningFixture.access(role)));
        if (hash != null) {
            input.extensions(Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash)));
        }
        return engine.execute(input.build());
    }

    private static String code(GraphQLError e) {
        return String.valueOf(e.getExtensions().get("code"));
    }

    @Test
    void aPersistedOnlyRoleRunsAConfiguredDocumentByItsHash() {
        ExecutionResult r = run("partner", graphql.execution.preparsed.persisted.PersistedQuerySupport.PERSISTED_QUERY_MARKER,
                PersistedQueryStore.sha256(CONFIGURED));
        assertThat(r.getErrors()).isEmpty();
        assertThat(r.<Map<String, Object>>getData()).containsEntry("person", Map.of("name", "林晓雨"));
    }

    @Test
    void aPersistedOnlyRoleIsRefusedAFreeFormDocumentAndNothingRuns() {
        long before = context.cypher().statementCount();
        ExecutionResult r = run("partner", CONFIGURED, null); // even the configured text, sent as text
        assertThat(r.getErrors()).extracting(PersistedOnlyByRoleTest::code).containsExactly("FORBIDDEN");
        assertThat(r.getErrors().getFirst().getMessage()).contains("role partner may run only the hub's persisted documents");
        assertThat((Object) r.getData()).isNull();
        assertThat(context.cypher().statementCount()).as("statements run").isEqualTo(before);
    }

    @Test
    void aPersistedOnlyRoleCannotRegisterADocument() {
        String other = "query Other($id: String!) { person(idNumber: $id) { gender } }";
        String hash = PersistedQueryStore.sha256(other);
        long before = context.cypher().statementCount();
        ExecutionResult r = run("partner", other, hash);
        assertThat(r.getErrors()).extracting(PersistedOnlyByRoleTest::code).containsExactly("FORBIDDEN");
        assertThat(store.text(hash)).as("registered document").isNull();
        assertThat(context.cypher().statementCount()).as("statements run").isEqualTo(before);
    }

    @Test
    void otherRolesStillSendFreeFormDocuments() {
        ExecutionResult r = run("admin", "query($id: String!) { person(idNumber: $id) { name } }", null);
        assertThat(r.getErrors()).isEmpty();
        assertThat(r.<Map<String, Object>>getData()).containsEntry("person", Map.of("name", "林晓雨"));
    }
}

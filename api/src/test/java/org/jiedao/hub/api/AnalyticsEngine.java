package org.jiedao.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import graphql.ExecutionInput;
import graphql.GraphQL;
import org.jiedao.hub.api.access.Access;
import org.jiedao.hub.api.access.AccessPolicy;
import org.jiedao.hub.api.access.Principal;
import org.jiedao.hub.graph.testing.TestNeo4j;

/**
 * The GraphQL engine of the analytics' API tests, on the test Neo4j with the bundled access policy, and requests to it
 * as a role: {@link #run} gives the whole response, {@link #data} asserts there is no error and gives its data.
 */
final class AnalyticsEngine implements AutoCloseable {
    /** The bundled access policy. */
    static final AccessPolicy POLICY = AccessPolicy.bundled(ApiFixture.O);
    private final ExecutorService blocking = Executors.newVirtualThreadPerTaskExecutor();
    private final GraphQL graphql = GraphQLFactory.create(GraphQLFactory.context(ApiFixture.O, TestNeo4j.driver(), blocking, QueryLimits.DEFAULTS));

    /**
     * @param role        a role of the bundled policy
     * @param communities the principal's communities, or null for none
     * @param purpose     the declared purpose
     * @return the access of a JWT principal {@code u1} of that role
     */
    static Access role(String role, List<String> communities, String purpose) {
        return POLICY.access(new Principal("u1", role, communities == null ? Map.of() : Map.of("communities", communities), purpose, "jwt"),
                ApiFixture.O);
    }

    /** @return the response to a query made with the access, as JSON */
    JsonNode run(Access access, String query) {
        return ApiFixture.JSON.valueToTree(graphql.execute(ExecutionInput.newExecutionInput(query)
                .graphQLContext(Map.of(Access.CONTEXT_KEY, access)).build()).toSpecification());
    }

    /** @return the data of the response, after asserting it has no error */
    JsonNode data(Access access, String query) {
        JsonNode r = run(access, query);
        assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
        return r.path("data");
    }

    @Override
    public void close() {
        blocking.shutdownNow();
    }
}

package org.jiedao.hub.api.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import graphql.ExecutionResult;
import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.introspection.Introspection;
import graphql.introspection.IntrospectionDisabledError;

import org.jiedao.hub.api.errors.ErrorCode;

/**
 * Schema introspection per role ({@link Role#introspection()}): for a request whose {@link Access} has a role
 * without introspection, sets graphql-java's own per-request switch ({@link Introspection#INTROSPECTION_DISABLED}
 * in the request's {@link GraphQLContext}), so an operation selecting {@code __schema} or {@code __type} at its root
 * is refused whole before any field is fetched (no Cypher runs); {@code __typename} stays allowed. The refusal is
 * reported as {@code extensions.code = FORBIDDEN} naming the role. Requests without an {@link Access} are left
 * alone (authentication refuses them).
 */
public final class IntrospectionByRole extends SimplePerformantInstrumentation {
    @Override
    public InstrumentationContext<ExecutionResult> beginExecution(InstrumentationExecutionParameters parameters, InstrumentationState state) {
        Access access = access(parameters.getGraphQLContext());
        if (access != null) {
            parameters.getGraphQLContext().put(Introspection.INTROSPECTION_DISABLED, !access.role().introspection());
        }
        return SimpleInstrumentationContext.noOp();
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result, InstrumentationExecutionParameters parameters,
                                                                        InstrumentationState state) {
        if (result.getErrors().stream().noneMatch(IntrospectionDisabledError.class::isInstance)) {
            return CompletableFuture.completedFuture(result);
        }
        Access access = access(parameters.getGraphQLContext());
        String role = access == null ? "of this request" : access.role().name();
        List<GraphQLError> errors = new ArrayList<>();
        for (GraphQLError e : result.getErrors()) {
            if (e instanceof IntrospectionDisabledError) {
                GraphqlErrorBuilder<?> b = GraphqlErrorBuilder.newError().errorType(ErrorCode.FORBIDDEN)
                        .message("role %s may not introspect the schema (__schema, __type); __typename is allowed", role)
                        .extensions(Map.of(ErrorCode.EXTENSION, ErrorCode.FORBIDDEN.name()));
                if (e.getLocations() != null) {
                    b.locations(e.getLocations());
                }
                errors.add(b.build());
            } else {
                errors.add(e);
            }
        }
        return CompletableFuture.completedFuture(result.transform(b -> b.errors(errors)));
    }

    private static Access access(GraphQLContext context) {
        return context == null ? null : context.get(Access.CONTEXT_KEY);
    }
}

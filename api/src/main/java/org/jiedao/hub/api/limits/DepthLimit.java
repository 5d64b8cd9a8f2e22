package org.jiedao.hub.api.limits;

import graphql.ExecutionResult;
import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;

import org.jiedao.hub.api.errors.ErrorCode;

/**
 * Refuses a selection nested deeper than the limit with {@link ErrorCode#QUERY_TOO_DEEP}, after validation and
 * before any field is fetched. The depth is counted as graphql-java's {@code MaxQueryDepthInstrumentation} counts it
 * (with its {@link QueryTraverser}: the root field is level 1, fragments are followed), except that introspection
 * ({@code __schema}, {@code __type} and everything below them) is not counted: GraphiQL's introspection query is 13
 * levels deep, and graphql-java's {@code GoodFaithIntrospection}, on by default, already bounds introspection.
 */
public final class DepthLimit extends SimplePerformantInstrumentation {
    private final int maxDepth;

    /** @param maxDepth deepest accepted selection, root field = 1 */
    public DepthLimit(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                                                                         InstrumentationState state) {
        ExecutionContext ec = parameters.getExecutionContext();
        int depth = QueryTraverser.newQueryTraverser().schema(ec.getGraphQLSchema()).document(ec.getDocument())
                .operationName(ec.getExecutionInput().getOperationName()).coercedVariables(ec.getCoercedVariables()).build()
                .reducePreOrder((env, deepest) -> Math.max(deepest, depth(env)), 0);
        if (depth > maxDepth) {
            throw new LimitExceededException(ErrorCode.QUERY_TOO_DEEP,
                    "the query is nested " + depth + " levels deep; the depth limit is " + maxDepth + " levels");
        }
        return SimpleInstrumentationContext.noOp();
    }

    /** @return the field's level (root field = 1), or 0 inside introspection */
    private static int depth(QueryVisitorFieldEnvironment env) {
        int depth = 0;
        for (QueryVisitorFieldEnvironment e = env; e != null; e = e.getParentEnvironment()) {
            if (ListSizeComplexity.isIntrospection(e.getField().getName())) {
                return 0;
            }
            depth++;
        }
        return depth;
    }
}

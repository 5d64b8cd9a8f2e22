package org.jiedao.hub.api.limits;

import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;

import org.jiedao.hub.api.errors.ErrorCode;

/**
 * graphql-java's {@link MaxQueryDepthInstrumentation} (checked after validation, before any field is fetched; the
 * root field is level 1, fragments are followed), refusing with {@link ErrorCode#QUERY_TOO_DEEP}.
 */
public final class DepthLimit extends MaxQueryDepthInstrumentation {
    /** @param maxDepth deepest accepted selection, root field = 1 */
    public DepthLimit(int maxDepth) {
        super(maxDepth);
    }

    @Override
    protected AbortExecutionException mkAbortException(int depth, int maxDepth) {
        return new LimitExceededException(ErrorCode.QUERY_TOO_DEEP,
                "the query is nested " + depth + " levels deep; the depth limit is " + maxDepth + " levels");
    }
}

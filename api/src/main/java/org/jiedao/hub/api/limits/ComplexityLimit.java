package org.jiedao.hub.api.limits;

import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.execution.AbortExecutionException;

import org.jiedao.hub.api.errors.ErrorCode;

/**
 * graphql-java's {@link MaxQueryComplexityInstrumentation} with {@link ListSizeComplexity} (checked after
 * validation, before any field is fetched), refusing with {@link ErrorCode#QUERY_TOO_COMPLEX}.
 */
public final class ComplexityLimit extends MaxQueryComplexityInstrumentation {
    /** @param maxComplexity the largest accepted complexity, at most {@code Integer.MAX_VALUE - 1} */
    public ComplexityLimit(int maxComplexity) {
        super(maxComplexity, new ListSizeComplexity(maxComplexity + 1));
    }

    @Override
    protected AbortExecutionException mkAbortException(int complexity, int maxComplexity) {
        return new LimitExceededException(ErrorCode.QUERY_TOO_COMPLEX, "the query could return more than "
                + maxComplexity + " values (list sizes multiplied through nesting; a list without 'first' counts as "
                + ListSizeComplexity.DEFAULT_LIST_SIZE + "), the complexity limit;"
                + " ask for smaller pages ('first') or fewer nested lists");
    }
}

package org.jiedao.hub.api.limits;

import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;

import org.jiedao.hub.api.QueryLimits;
import org.jiedao.hub.api.access.IntrospectionByRole;
import org.jiedao.hub.api.errors.ErrorCodeInstrumentation;
import org.jiedao.hub.api.errors.FailureClassifier;

/**
 * The instrumentation the engine runs every request through, in order: introspection per role
 * ({@link IntrospectionByRole}), parser limits ({@link ParserLimits}),
 * alias count before validation ({@link AliasLimit}), depth and complexity after validation and before any field
 * is fetched ({@link DepthLimit}, {@link ComplexityLimit}), the caller's access (refused fields and filters; see
 * {@code org.jiedao.hub.api.access.AccessGuard}), the request deadline ({@link QueryDeadline}), and
 * last the error codes and masking of the result ({@link ErrorCodeInstrumentation}).
 */
public final class QueryGuards {
    private QueryGuards() {
    }

    /**
     * @param limits     the configured limits
     * @param classifier maps failures to what users see
     * @return one instrumentation chaining all the guards
     */
    public static Instrumentation instrumentation(QueryLimits limits, FailureClassifier classifier) {
        return new ChainedInstrumentation(
                new IntrospectionByRole(),
                new ParserLimits(),
                new AliasLimit(limits.maxAliases()),
                new FieldCountLimit(limits.maxComplexity()),
                new DepthLimit(limits.maxDepth()),
                new ComplexityLimit(limits.maxComplexity()),
                new QueryDeadline(limits.timeout()),
                new ErrorCodeInstrumentation(classifier));
    }

    /**
     * @param limits     the configured limits
     * @param classifier maps failures to what users see
     * @param access     the access check ({@code org.jiedao.hub.api.access.AccessGuard}), run after the depth and
     *                   complexity limits and before any field is fetched
     * @return one instrumentation chaining all the guards, the access check included
     */
    public static Instrumentation instrumentation(QueryLimits limits, FailureClassifier classifier, Instrumentation access) {
        return new ChainedInstrumentation(
                new IntrospectionByRole(),
                new ParserLimits(),
                new AliasLimit(limits.maxAliases()),
                new FieldCountLimit(limits.maxComplexity()),
                new DepthLimit(limits.maxDepth()),
                new ComplexityLimit(limits.maxComplexity()),
                access,
                new QueryDeadline(limits.timeout()),
                new ErrorCodeInstrumentation(classifier));
    }
}

package org.jiedao.hub.api.limits;

import java.util.Map;

import graphql.execution.AbortExecutionException;

import org.jiedao.hub.api.errors.ErrorCode;

/**
 * Stops a query before any of it runs because it passes one of the configured limits. graphql-java turns the
 * exception into the result's only error, with no {@code data}; its {@code extensions.code} names the limit
 * ({@link ErrorCode#QUERY_TOO_DEEP}, {@link ErrorCode#QUERY_TOO_COMPLEX}, {@link ErrorCode#TOO_MANY_ALIASES}).
 */
public final class LimitExceededException extends AbortExecutionException {
    private final ErrorCode code;

    /**
     * @param code    the limit's error code
     * @param message what was too large and what the limit is, for the user
     */
    public LimitExceededException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    /** @return the limit's error code */
    public ErrorCode code() {
        return code;
    }

    /** @return {@code {code: <the code>}} */
    @Override
    public Map<String, Object> getExtensions() {
        return Map.of(ErrorCode.EXTENSION, code.name());
    }
}

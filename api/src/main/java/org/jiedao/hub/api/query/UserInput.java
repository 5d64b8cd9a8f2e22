package org.jiedao.hub.api.query;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;

/**
 * A hand-written root field's answer to an argument it cannot use: {@code data} null and one error whose
 * {@code extensions.code} is {@code BAD_USER_INPUT} (the code the hub's GraphQL errors use for wrong arguments).
 */
final class UserInput {
    /** The error code of a wrong argument. */
    static final String BAD_USER_INPUT = "BAD_USER_INPUT";

    private UserInput() {
    }

    /**
     * @param env     the field's environment (path and location of the error)
     * @param message what is wrong and what is accepted, in the user's terms
     * @return an already completed result with the error
     */
    static CompletableFuture<DataFetcherResult<Object>> rejected(DataFetchingEnvironment env, String message) {
        return CompletableFuture.completedFuture(DataFetcherResult.newResult().data(null)
                .error(GraphqlErrorBuilder.newError(env).message(message).extensions(Map.of("code", BAD_USER_INPUT)).build())
                .build());
    }
}

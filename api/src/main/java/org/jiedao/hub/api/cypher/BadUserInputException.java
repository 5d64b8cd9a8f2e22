package org.jiedao.hub.api.cypher;

import java.util.Map;

import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;

/**
 * An argument the user gave cannot be used: a value that does not parse in the stored type of the property it
 * filters, an unknown or malformed cursor, a page size out of range. The message is user-facing: it names the
 * argument path (e.g. {@code where.birthDate.gt}) and the accepted form, and never contains Cypher or class names.
 * Data fetchers answer it with an error whose {@code extensions.code} is {@code BAD_USER_INPUT}.
 */
public final class BadUserInputException extends RuntimeException {
    /** The {@code extensions.code} of the GraphQL error that reports it. */
    public static final String CODE = "BAD_USER_INPUT";

    /**
     * @param message the user-facing reason, naming the argument
     */
    public BadUserInputException(String message) {
        super(message, null, false, false);
    }

    /**
     * @param env the environment of the field whose argument was invalid
     * @return the field's result: null, with an error carrying the message, the field's path and location, and
     *         {@code extensions.code} {@value #CODE}
     */
    public DataFetcherResult<Object> toResult(DataFetchingEnvironment env) {
        return DataFetcherResult.newResult().error(GraphqlErrorBuilder.newError(env).message(getMessage())
                .extensions(Map.of("code", CODE)).build()).build();
    }
}

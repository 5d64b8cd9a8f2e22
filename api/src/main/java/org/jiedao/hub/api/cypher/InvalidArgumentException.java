package org.jiedao.hub.api.cypher;

/**
 * An argument value the user wrote that the API cannot use (e.g. an {@code asOf} that is not a date). The root
 * field's data fetcher answers it as a GraphQL error with {@code extensions.code = BAD_USER_INPUT} and the message
 * as it is: the message names the field and argument and says what is accepted, and never contains internals.
 */
public final class InvalidArgumentException extends RuntimeException {
    /** The error code clients see in {@code errors[].extensions.code}. */
    public static final String CODE = "BAD_USER_INPUT";

    /** @param message what is wrong and what is accepted, naming the field and argument */
    public InvalidArgumentException(String message) {
        super(message, null, false, false);
    }
}

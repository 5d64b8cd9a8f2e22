package org.jiedao.hub.api.errors;

import graphql.ErrorClassification;

/**
 * The machine-readable kind of a GraphQL error, sent as {@code errors[].extensions.code} (the convention of the
 * GraphQL spec's {@code extensions} entry, section 7.1.2 "Errors", with Apollo Server's code names where one
 * exists). Clients branch on the code, never on the message. It is also the graphql-java classification of the
 * errors the hub makes itself (shown as {@code extensions.classification}), in place of graphql-java's
 * {@code DataFetchingException}, which reads like a Java class name.
 */
public enum ErrorCode implements ErrorClassification {
    /** An argument or variable value that cannot be used, e.g. an ID number with a wrong check character. */
    BAD_USER_INPUT,
    /** The document is not valid GraphQL syntax, or is longer or deeper than the parser accepts. */
    GRAPHQL_PARSE_FAILED,
    /** The document does not validate against the schema (unknown field, wrong argument type...). */
    GRAPHQL_VALIDATION_FAILED,
    /** The selection is nested deeper than the configured limit; nothing was run. */
    QUERY_TOO_DEEP,
    /** The estimated number of returned nodes exceeds the configured limit; nothing was run. */
    QUERY_TOO_COMPLEX,
    /** The document uses more aliases than the configured limit; nothing was run. */
    TOO_MANY_ALIASES,
    /** The query ran longer than the configured time limit and was stopped. Carries a trace id. */
    TIMEOUT,
    /** The request carries no valid credential (HTTP 401); nothing was run. */
    UNAUTHENTICATED,
    /**
     * The caller's role does not allow the request: a refused field, a filter or sort on a field it may not read,
     * a missing purpose of use, introspection or a free-form document for a role limited to persisted ones
     * (org.jiedao.hub.api.access.AccessDeniedException); nothing was run.
     */
    FORBIDDEN,
    /**
     * The request contradicts the data: e.g. a merge of two entities that hold different valid ID numbers
     * (two different people); nothing was written.
     */
    CONFLICT,
    /** An entity, record or review item the request names does not exist; nothing was written. */
    NOT_FOUND,
    /** The caller sent more requests than its role's rate limit allows (HTTP 429, with Retry-After). */
    RATE_LIMITED,
    /** The graph database cannot be reached; try again later. Carries a trace id. */
    UNAVAILABLE,
    /** An unexpected failure; the message only gives the trace id under which the cause was logged. */
    INTERNAL;

    /** Key of the code in an error's {@code extensions}. */
    public static final String EXTENSION = "code";
    /** Key of the trace id in an error's {@code extensions}. */
    public static final String TRACE_ID = "traceId";
}

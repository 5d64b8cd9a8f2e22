package org.jiedao.hub.api.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.execution.preparsed.persisted.ApolloPersistedQuerySupport;
import graphql.execution.preparsed.persisted.PersistedQueryError;
import graphql.execution.preparsed.persisted.PersistedQueryNotFound;

import org.jiedao.hub.api.access.Access;
import org.jiedao.hub.api.access.Role;
import org.jiedao.hub.api.errors.ErrorCode;

/**
 * Apollo's automatic persisted queries (a request names its document by {@code extensions.persistedQuery =
 * {"version": 1, "sha256Hash": "<hex>"}}; see Apollo Server's "Automatic persisted queries" documentation) on top of
 * graphql-java's {@link ApolloPersistedQuerySupport}, with the documents of a {@link PersistedQueryStore}.
 * Requests without a hash go to the engine's own document provider unchanged.
 *
 * <p>Errors, as Apollo clients expect them: an unknown hash without text gives
 * {@code {"message": "PersistedQueryNotFound", "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND", ...}}} (the
 * client then sends hash and text); a text whose SHA-256 is not the hash gives code {@code BAD_REQUEST}.
 *
 * <p>A request whose role is limited to persisted documents ({@link Role#persistedOnly()}, read from the
 * {@link Access} in its context) gets only configured documents; anything else is refused with code
 * {@code FORBIDDEN}, nothing run.
 */
public final class PersistedQueries extends ApolloPersistedQuerySupport {
    /** {@code extensions.code} of an unknown hash. */
    public static final String NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND";
    private final PreparsedDocumentProvider others;
    private final PersistedQueryStore store;

    /**
     * @param store  the configured and registered documents
     * @param others the provider of documents sent as text (the engine's own)
     */
    public PersistedQueries(PersistedQueryStore store, PreparsedDocumentProvider others) {
        super(store);
        this.others = others;
        this.store = store;
    }

    /**
     * @param engine the engine
     * @param store  the documents requests may name by hash
     * @return the same engine that also resolves documents by hash
     */
    public static GraphQL install(GraphQL engine, PersistedQueryStore store) {
        PersistedQueries provider = new PersistedQueries(store, engine.getPreparsedDocumentProvider());
        return engine.transform(b -> b.preparsedDocumentProvider(provider));
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput executionInput,
                                                                      Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidateFunction) {
        PreparsedDocumentEntry refused = refusedForRole(executionInput);
        if (refused != null) {
            return CompletableFuture.completedFuture(refused);
        }
        if (getPersistedQueryId(executionInput).isEmpty()) {
            return others.getDocumentAsync(executionInput, parseAndValidateFunction);
        }
        return super.getDocumentAsync(executionInput, parseAndValidateFunction);
    }

    /**
     * Persisted-only per role ({@link Role#persistedOnly()}): a request whose {@link Access} has such a role runs
     * only a configured document named by its hash; a free-form document, or a hash of a document only a client
     * registered (automatic persisted queries), is refused with {@code FORBIDDEN} before it is parsed, registered
     * or run.
     *
     * @return the refusal, or null if the request may go on
     */
    private PreparsedDocumentEntry refusedForRole(ExecutionInput input) {
        Access access = input.getGraphQLContext() == null ? null : input.getGraphQLContext().get(Access.CONTEXT_KEY);
        if (access == null || !access.role().persistedOnly()) {
            return null;
        }
        Object id = getPersistedQueryId(input).orElse(null);
        if (id != null && store.isConfigured(id.toString())) {
            return null;
        }
        return new PreparsedDocumentEntry(GraphqlErrorBuilder.newError().errorType(ErrorCode.FORBIDDEN)
                .message("role %s may run only the hub's persisted documents: send extensions.persistedQuery.sha256Hash"
                        + " of one of them instead of a query text", access.role().name())
                .extensions(Map.of(ErrorCode.EXTENSION, ErrorCode.FORBIDDEN.name())).build());
    }

    @Override
    protected PreparsedDocumentEntry mkMissingError(PersistedQueryError error) {
        GraphQLError graphQLError;
        if (error instanceof PersistedQueryNotFound notFound) {
            Map<String, Object> extensions = new LinkedHashMap<>();
            extensions.put("code", NOT_FOUND);
            extensions.put("persistedQueryId", String.valueOf(notFound.getPersistedQueryId()));
            graphQLError = GraphqlErrorBuilder.newError().errorType(error).message(error.getMessage()).extensions(extensions).build();
        } else {
            graphQLError = GraphqlErrorBuilder.newError().errorType(error)
                    .message("extensions.persistedQuery.sha256Hash is not the SHA-256 of the query text")
                    .extensions(Map.of("code", "BAD_REQUEST")).build();
        }
        return new PreparsedDocumentEntry(graphQLError);
    }
}

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

/**
 * Apollo's automatic persisted queries (a request names its document by {@code extensions.persistedQuery =
 * {"version": 1, "sha256Hash": "<hex>"}}; see Apollo Server's "Automatic persisted queries" documentation) on top of
 * graphql-java's {@link ApolloPersistedQuerySupport}, with the documents of a {@link PersistedQueryStore}.
 * Requests without a hash go to the engine's own document provider unchanged.
 *
 * <p>Errors, as Apollo clients expect them: an unknown hash without text gives
 * {@code {"message": "PersistedQueryNotFound", "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND", ...}}} (the
 * client then sends hash and text); a text whose SHA-256 is not the hash gives code {@code BAD_REQUEST}.
 */
public final class PersistedQueries extends ApolloPersistedQuerySupport {
    /** {@code extensions.code} of an unknown hash. */
    public static final String NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND";
    private final PreparsedDocumentProvider others;

    /**
     * @param store  the configured and registered documents
     * @param others the provider of documents sent as text (the engine's own)
     */
    public PersistedQueries(PersistedQueryStore store, PreparsedDocumentProvider others) {
        super(store);
        this.others = others;
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
        if (getPersistedQueryId(executionInput).isEmpty()) {
            return others.getDocumentAsync(executionInput, parseAndValidateFunction);
        }
        return super.getDocumentAsync(executionInput, parseAndValidateFunction);
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

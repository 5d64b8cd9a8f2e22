package org.jiedao.hub.api.analytics;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;

import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import org.jiedao.hub.api.access.Access;
import org.jiedao.hub.api.errors.ErrorCode;
import org.jiedao.hub.api.query.QueryContext;
import org.jiedao.hub.api.query.RootField;

/**
 * One analytics root field: its SDL, an access check that runs before anything is read, and a blocking computation
 * run on the engine's blocking executor (never an event loop). A refused check becomes a {@code FORBIDDEN} field
 * error, an {@link IllegalArgumentException} (bad dates, unknown case...) a {@code BAD_USER_INPUT} one with its
 * message; anything else is masked by the engine's handler.
 */
final class AnalyticsField implements RootField {
    /** Checks access; returns null when allowed, else why not. */
    interface Check {
        String refusal(AnalyticsAccess access, DataFetchingEnvironment env);
    }

    private final String name;
    private final String sdl;
    private final String types;
    private final Check check;
    private final BiFunction<Request, AnalyticsAccess, Object> compute;

    /** The environment and the context of one call. */
    record Request(DataFetchingEnvironment env, QueryContext context) {
        <T> T argument(String name) {
            return env.getArgument(name);
        }
    }

    AnalyticsField(String name, String sdl, String types, Check check, BiFunction<Request, AnalyticsAccess, Object> compute) {
        this.name = name;
        this.sdl = sdl;
        this.types = types;
        this.check = check;
        this.compute = compute;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String fieldSdl(QueryContext context) {
        return sdl;
    }

    @Override
    public String typesSdl(QueryContext context) {
        return types;
    }

    @Override
    public DataFetcher<?> fetcher(QueryContext context) {
        return env -> {
            AnalyticsAccess access = new AnalyticsAccess(Access.of(env), context.ontology());
            String refusal = check.refusal(access, env);
            if (refusal != null) {
                return CompletableFuture.completedFuture(error(env, ErrorCode.FORBIDDEN, name + ": role " + access.role() + " " + refusal));
            }
            return context.cypher().blocking(() -> compute.apply(new Request(env, context), access)).handle((value, failure) -> {
                if (failure == null) {
                    return DataFetcherResult.newResult().data(value).build();
                }
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                if (cause instanceof IllegalArgumentException || cause instanceof java.time.format.DateTimeParseException) {
                    return error(env, ErrorCode.BAD_USER_INPUT, name + ": " + cause.getMessage());
                }
                throw cause instanceof CompletionException c ? c : new CompletionException(cause);
            });
        };
    }

    private static DataFetcherResult<Object> error(DataFetchingEnvironment env, ErrorCode code, String message) {
        return DataFetcherResult.newResult().error(GraphqlErrorBuilder.newError(env).message("%s", message).errorType(code)
                .extensions(Map.of(ErrorCode.EXTENSION, code.name())).build()).build();
    }
}

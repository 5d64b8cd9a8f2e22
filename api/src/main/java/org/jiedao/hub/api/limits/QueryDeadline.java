package org.jiedao.hub.api.limits;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;

/**
 * Bounds a whole request, not just each statement: the request's deadline is its start plus the query timeout, and
 * every root field's answer that is still pending at the deadline fails with a {@link java.util.concurrent.TimeoutException}
 * (shown as {@code TIMEOUT}). Root fields run concurrently, so a query with several root fields, or a root field
 * that runs several statements, answers within the timeout too (the server still stops each statement at the
 * same timeout through its transaction timeout, see {@code CypherRunner}).
 */
public final class QueryDeadline extends SimplePerformantInstrumentation {
    private final Duration timeout;

    /** @param timeout the longest a request may take from its start, positive */
    public QueryDeadline(Duration timeout) {
        this.timeout = timeout;
    }

    /** The request's deadline on the {@link System#nanoTime()} clock. */
    private record Deadline(long nanos) implements InstrumentationState {
    }

    @Override
    public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
        return new Deadline(System.nanoTime() + timeout.toNanos());
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters,
                                                InstrumentationState state) {
        if (parameters.isTrivialDataFetcher() || !(state instanceof Deadline deadline)
                || parameters.getExecutionStepInfo().getPath().getLevel() != 1) {
            return fetcher;
        }
        return env -> {
            Object value = fetcher.get(env);
            if (value instanceof CompletableFuture<?> pending && !pending.isDone()) {
                long left = Math.max(0, deadline.nanos() - System.nanoTime());
                return pending.copy().orTimeout(left, TimeUnit.NANOSECONDS);
            }
            return value;
        };
    }
}

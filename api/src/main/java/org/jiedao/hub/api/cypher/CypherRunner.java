package org.jiedao.hub.api.cypher;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionConfig;

/**
 * Runs the API's read statements: each in its own read transaction with the query timeout, on the blocking
 * executor (virtual threads), never on a Vert.x event loop (DESIGN.md, decision 7). It counts the statements it
 * runs so that tests and the benchmark can check "one statement per root field" (DESIGN.md, decision 4).
 *
 * <p>Values come back as the driver's Java values with date-times in ISO-8601 text (see {@link Temporals}).
 * Driver exceptions ({@code ServiceUnavailableException}, {@code ClientException} with code
 * {@code Neo.ClientError.Transaction.TransactionTimedOut...}) complete the future exceptionally, unchanged.
 */
public final class CypherRunner {
    private final Driver driver;
    private final ExecutorService blocking;
    private final Duration timeout;
    private final AtomicLong statements = new AtomicLong();

    /**
     * @param driver   the hub's driver
     * @param blocking executor for the blocking driver calls
     * @param timeout  longest a statement's transaction may run; the server stops it after that
     */
    public CypherRunner(Driver driver, ExecutorService blocking, Duration timeout) {
        this.driver = driver;
        this.blocking = blocking;
        this.timeout = timeout;
    }

    /**
     * @param cypher     a read-only statement
     * @param parameters its parameters
     * @return the rows, each a map from column name to value (date-times as ISO text)
     */
    public CompletableFuture<List<Map<String, Object>>> read(String cypher, Map<String, Object> parameters) {
        return CompletableFuture.supplyAsync(() -> readNow(cypher, parameters), blocking);
    }

    /**
     * Runs a statement on the calling thread (which must not be an event loop).
     *
     * @param cypher     a read-only statement
     * @param parameters its parameters
     * @return the rows, each a map from column name to value (date-times as ISO text)
     * @throws IllegalStateException if called on a Vert.x event loop thread (DESIGN.md, decision 7)
     */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> readNow(String cypher, Map<String, Object> parameters) {
        if (io.vertx.core.Context.isOnEventLoopThread()) {
            throw new IllegalStateException("a driver call must not block a Vert.x event loop; use read(...)");
        }
        statements.incrementAndGet();
        try (var session = driver.session()) {
            return session.executeRead(tx -> tx.run(cypher, parameters).list(Record::asMap),
                            TransactionConfig.builder().withTimeout(timeout).build())
                    .stream().map(row -> (Map<String, Object>) Temporals.toIso(row)).toList();
        }
    }

    /**
     * Runs another blocking call (e.g. entity resolution's merge, which opens its own transactions) on the same
     * executor as the statements, never on an event loop. It is not counted as a statement.
     *
     * @param task the blocking call
     * @param <T>  its result type
     * @return its result, or its exception, unchanged
     */
    public <T> CompletableFuture<T> blocking(java.util.function.Supplier<T> task) {
        return CompletableFuture.supplyAsync(task, blocking);
    }

    /** @return the number of statements run so far (monotonic) */
    public long statementCount() {
        return statements.get();
    }

    /** @return the hub's driver, for reads that are not one translated statement (the analytics) */
    public Driver driver() {
        return driver;
    }

    /** @return the statement timeout */
    public Duration timeout() {
        return timeout;
    }
}

package org.jiedao.hub.analytics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionConfig;

/**
 * Runs the analytics' statements in read transactions, each bounded by a timeout (the server stops a transaction
 * that runs longer and the driver throws a {@code ClientException}).
 *
 * @param driver  the hub's driver
 * @param timeout the longest a statement may run, or null for the server's default
 */
record Reads(Driver driver, Duration timeout) {
    /** @return the rows of one statement, each mapped */
    <T> List<T> list(String statement, Map<String, Object> params, Function<Record, T> mapper) {
        TransactionConfig config = timeout == null ? TransactionConfig.empty() : TransactionConfig.builder().withTimeout(timeout).build();
        try (Session session = driver.session()) {
            return session.executeRead(tx -> tx.run(statement, params).list(mapper::apply), config);
        }
    }
}

package org.jiedao.hub.api;

import java.time.Duration;

/**
 * Limits that keep one query from tying up the graph: the deepest selection accepted (checked before anything
 * runs) and the time a query's Cypher may run (the server stops it). Issue 6 adds complexity and alias limits.
 *
 * @param maxDepth deepest accepted selection, counting the root field as 1
 * @param timeout  longest a query's transaction may run
 * @param maxPageSize largest {@code first} accepted on connections and list fields (default 100)
 */
public record QueryLimits(int maxDepth, Duration timeout, int maxPageSize) {
    /** Depth 10, 30 s, pages of at most 100. */
    public static final QueryLimits DEFAULTS = new QueryLimits(10, Duration.ofSeconds(30), 100);

    public QueryLimits {
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be at least 1, was " + maxDepth);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        if (maxPageSize < 1) {
            throw new IllegalArgumentException("maxPageSize must be at least 1, was " + maxPageSize);
        }
    }
}

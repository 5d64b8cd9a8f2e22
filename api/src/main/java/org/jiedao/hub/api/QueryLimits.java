package org.jiedao.hub.api;

import java.time.Duration;

/**
 * Limits that keep one query from tying up the graph: the deepest selection accepted (checked before anything
 * runs) and the time a query's Cypher may run (the server stops it). Issue 6 adds complexity and alias limits.
 *
 * @param maxDepth    deepest accepted selection, counting the root field as 1
 * @param timeout     longest a query's transaction may run
 * @param maxPathHops the largest {@code maxHops} the {@code path} root field accepts (relationships in a path)
 */
public record QueryLimits(int maxDepth, Duration timeout, int maxPathHops) {
    /** Depth 10, 30 s, paths of up to 6 hops. */
    public static final QueryLimits DEFAULTS = new QueryLimits(10, Duration.ofSeconds(30));
    /** The default of {@link #maxPathHops()}. */
    public static final int DEFAULT_MAX_PATH_HOPS = 6;

    /**
     * @throws IllegalArgumentException if a limit is not positive
     */
    public QueryLimits {
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be at least 1, was " + maxDepth);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        if (maxPathHops < 1) {
            throw new IllegalArgumentException("maxPathHops must be at least 1, was " + maxPathHops);
        }
    }

    /**
     * Limits with the default {@link #maxPathHops()} ({@value #DEFAULT_MAX_PATH_HOPS}).
     *
     * @param maxDepth deepest accepted selection, counting the root field as 1
     * @param timeout  longest a query's transaction may run
     */
    public QueryLimits(int maxDepth, Duration timeout) {
        this(maxDepth, timeout, DEFAULT_MAX_PATH_HOPS);
    }
}

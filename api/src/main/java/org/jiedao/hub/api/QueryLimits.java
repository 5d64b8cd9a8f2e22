package org.jiedao.hub.api;

import java.time.Duration;
import java.util.Map;

/**
 * Limits that keep one query from tying up the graph. The depth, complexity and alias limits are checked before
 * anything runs; the timeout stops a query's Cypher (the server ends the transaction) and bounds the whole request.
 * See {@code docs/graphql/limits-and-errors.md}.
 *
 * @param maxDepth      deepest accepted selection, counting the root field as 1 ({@code HUB_GRAPHQL_MAX_DEPTH})
 * @param timeout       longest a query's transaction, and the whole request, may run ({@code HUB_GRAPHQL_TIMEOUT_SECONDS})
 * @param maxComplexity largest accepted complexity: list sizes ({@code first}, else 20) multiplied through nesting
 *                      ({@code HUB_GRAPHQL_MAX_COMPLEXITY}; see {@code org.jiedao.hub.api.limits.ListSizeComplexity})
 * @param maxAliases    most aliases a document may use ({@code HUB_GRAPHQL_MAX_ALIASES})
 * @param maxPathHops   the largest {@code maxHops} the {@code path} root field accepts ({@code HUB_GRAPHQL_MAX_PATH_HOPS})
 * @param maxPageSize   largest {@code first} accepted on connections and list fields ({@code HUB_GRAPHQL_MAX_PAGE_SIZE})
 */
public record QueryLimits(
        int maxDepth,
        Duration timeout,
        int maxComplexity,
        int maxAliases,
        int maxPathHops,
        int maxPageSize) {
    /** Depth 10, 30 s, complexity 10,000, 30 aliases, paths of up to 6 hops, pages of at most 100. */
    public static final QueryLimits DEFAULTS = new QueryLimits(10, Duration.ofSeconds(30), 10_000, 30, 6, 100);
    /** The default of {@link #maxPathHops()}. */
    public static final int DEFAULT_MAX_PATH_HOPS = 6;
    /** Environment variable of {@link #maxPathHops()}, whole number from 1 to 10. */
    public static final String ENV_MAX_PATH_HOPS = "HUB_GRAPHQL_MAX_PATH_HOPS";
    /** Environment variable of {@link #maxPageSize()}, whole number from 1 to 10,000. */
    public static final String ENV_MAX_PAGE_SIZE = "HUB_GRAPHQL_MAX_PAGE_SIZE";
    /** Environment variable of {@link #maxDepth()}, whole number from 1 to 100. */
    public static final String ENV_MAX_DEPTH = "HUB_GRAPHQL_MAX_DEPTH";
    /** Environment variable of {@link #maxComplexity()}, whole number from 1 to 1,000,000. */
    public static final String ENV_MAX_COMPLEXITY = "HUB_GRAPHQL_MAX_COMPLEXITY";
    /** Environment variable of {@link #maxAliases()}, whole number from 0 to 1,000. */
    public static final String ENV_MAX_ALIASES = "HUB_GRAPHQL_MAX_ALIASES";
    /** Environment variable of {@link #timeout()}, whole seconds from 1 to 3,600. */
    public static final String ENV_TIMEOUT_SECONDS = "HUB_GRAPHQL_TIMEOUT_SECONDS";

    /**
     * @throws IllegalArgumentException if a limit is out of its range (depth and complexity at least 1, complexity
     *                                  below {@code Integer.MAX_VALUE}, aliases at least 0, timeout positive)
     */
    public QueryLimits {
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be at least 1, was " + maxDepth);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        if (maxComplexity < 1 || maxComplexity == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxComplexity must be at least 1 and below 2^31-1, was " + maxComplexity);
        }
        if (maxAliases < 0) {
            throw new IllegalArgumentException("maxAliases must be at least 0, was " + maxAliases);
        }
        if (maxPathHops < 1) {
            throw new IllegalArgumentException("maxPathHops must be at least 1, was " + maxPathHops);
        }
        if (maxPageSize < 1) {
            throw new IllegalArgumentException("maxPageSize must be at least 1, was " + maxPageSize);
        }
    }

    /**
     * The default complexity and alias limits with the given depth and timeout.
     *
     * @param maxDepth deepest accepted selection, counting the root field as 1
     * @param timeout  longest a query's transaction may run
     */
    public QueryLimits(int maxDepth, Duration timeout) {
        this(maxDepth, timeout, DEFAULTS.maxComplexity(), DEFAULTS.maxAliases(), DEFAULTS.maxPathHops(), DEFAULTS.maxPageSize());
    }

    /**
     * Reads the limits from environment variables; an unset or blank variable keeps its default of {@link #DEFAULTS}.
     *
     * @param env environment variables, e.g. {@link System#getenv()}
     * @return the limits
     * @throws IllegalArgumentException naming the variable, its accepted range and the value, if a value is not a
     *                                  whole number in range
     */
    public static QueryLimits fromEnvironment(Map<String, String> env) {
        return new QueryLimits(
                within(env, ENV_MAX_DEPTH, DEFAULTS.maxDepth(), 1, 100),
                Duration.ofSeconds(within(env, ENV_TIMEOUT_SECONDS, (int) DEFAULTS.timeout().toSeconds(), 1, 3600)),
                within(env, ENV_MAX_COMPLEXITY, DEFAULTS.maxComplexity(), 1, 1_000_000),
                within(env, ENV_MAX_ALIASES, DEFAULTS.maxAliases(), 0, 1000),
                within(env, ENV_MAX_PATH_HOPS, DEFAULTS.maxPathHops(), 1, 10),
                within(env, ENV_MAX_PAGE_SIZE, DEFAULTS.maxPageSize(), 1, 10_000));
    }

    /** @return these limits with another depth limit */
    public QueryLimits withMaxDepth(int value) {
        return new QueryLimits(value, timeout, maxComplexity, maxAliases, maxPathHops, maxPageSize);
    }

    /** @return these limits with another timeout */
    public QueryLimits withTimeout(Duration value) {
        return new QueryLimits(maxDepth, value, maxComplexity, maxAliases, maxPathHops, maxPageSize);
    }

    /** @return these limits with another complexity limit */
    public QueryLimits withMaxComplexity(int value) {
        return new QueryLimits(maxDepth, timeout, value, maxAliases, maxPathHops, maxPageSize);
    }

    /** @return these limits with another alias limit */
    public QueryLimits withMaxAliases(int value) {
        return new QueryLimits(maxDepth, timeout, maxComplexity, value, maxPathHops, maxPageSize);
    }

    /** @return these limits with another largest {@code maxHops} of {@code path} */
    public QueryLimits withMaxPathHops(int value) {
        return new QueryLimits(maxDepth, timeout, maxComplexity, maxAliases, value, maxPageSize);
    }

    /** @return these limits with another largest page size */
    public QueryLimits withMaxPageSize(int value) {
        return new QueryLimits(maxDepth, timeout, maxComplexity, maxAliases, maxPathHops, value);
    }

    private static int within(Map<String, String> env, String name, int fallback, int min, int max) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        String range = " must be a whole number from " + min + " to " + max + ", was '" + v + "'";
        long n;
        try {
            n = Long.parseLong(v.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + range);
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(name + range);
        }
        return (int) n;
    }
}

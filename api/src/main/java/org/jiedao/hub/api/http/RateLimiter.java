package org.jiedao.hub.api.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * Requests per minute per caller, as the generic cell rate algorithm (GCRA, the "virtual scheduling" form of ITU-T
 * Recommendation I.371, Annex A), which is a token bucket kept as one number: a caller allowed {@code n} requests a
 * minute may send {@code n} at once, then one every {@code 60/n} seconds; after a minute without requests it may
 * again send {@code n} at once.
 *
 * <p>Memory is bounded: a caller's state is dropped after one idle minute (by then its bucket is full again, so
 * dropping it changes nothing) and at most {@code maxCallers} are kept (beyond that the least recently seen are
 * dropped first, which can only let a dropped caller through early). Thread-safe.
 */
public final class RateLimiter {
    private static final long MINUTE_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** Callers kept at most by default. */
    public static final long DEFAULT_MAX_CALLERS = 100_000;

    private final Cache<Key, Cell> cells;
    private final Ticker ticker;

    private record Key(String caller, int perMinute) {
    }

    /** One caller's theoretical arrival time (GCRA's TAT), in {@link Ticker} nanoseconds. */
    private static final class Cell {
        private long tat;
        private boolean used;
    }

    /** A limiter on the system's monotonic clock, keeping up to {@value #DEFAULT_MAX_CALLERS} callers. */
    public RateLimiter() {
        this(Ticker.systemTicker(), DEFAULT_MAX_CALLERS);
    }

    /**
     * @param ticker     the monotonic clock, in nanoseconds
     * @param maxCallers callers kept at most, at least 1
     * @throws IllegalArgumentException if {@code maxCallers < 1}
     */
    public RateLimiter(Ticker ticker, long maxCallers) {
        if (maxCallers < 1) {
            throw new IllegalArgumentException("maxCallers must be at least 1, was " + maxCallers);
        }
        this.ticker = ticker;
        this.cells = Caffeine.newBuilder().ticker(ticker).expireAfterAccess(Duration.ofNanos(MINUTE_NANOS))
                .maximumSize(maxCallers).executor(Runnable::run).build();
    }

    /**
     * Takes one request from a caller's allowance.
     *
     * @param caller    who calls, e.g. a principal's id
     * @param perMinute requests it may send per minute; 0 or less: unlimited
     * @return {@link Duration#ZERO} if the request may go on, else how long the caller must wait before its next
     *         request would be allowed (more than zero)
     */
    public Duration acquire(String caller, int perMinute) {
        if (perMinute <= 0) {
            return Duration.ZERO;
        }
        long interval = MINUTE_NANOS / perMinute;
        long tolerance = MINUTE_NANOS - interval; // n requests at once: the first at once, n-1 within the tolerance
        Cell cell = cells.get(new Key(caller, perMinute), k -> new Cell());
        synchronized (cell) {
            long now = ticker.read();
            long tat = cell.used ? Math.max(cell.tat, now) : now;
            long early = tat - now - tolerance;
            if (early > 0) {
                return Duration.ofNanos(early);
            }
            cell.tat = tat + interval;
            cell.used = true;
            return Duration.ZERO;
        }
    }

    /** @return callers whose state is kept now (after dropping the expired ones) */
    public long callers() {
        cells.cleanUp();
        return cells.estimatedSize();
    }
}

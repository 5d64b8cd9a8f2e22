package org.jiedao.hub.routes;

/**
 * Spaces requests to at most {@code perSecond} per second: each {@link #acquire()} returns no earlier than
 * {@code 1 / perSecond} seconds after the previous one returned. No bursts: unused time is not saved up, so the
 * spacing holds after an idle period too. Thread-safe.
 */
final class RequestSpacing {
    private final long intervalNanos;
    private long next = Long.MIN_VALUE;

    /** @param perSecond requests per second, positive; null for no limit */
    RequestSpacing(Double perSecond) {
        this.intervalNanos = perSecond == null ? 0 : Math.round(1_000_000_000d / perSecond);
    }

    /**
     * Waits for the next free slot.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    synchronized void acquire() throws InterruptedException {
        if (intervalNanos == 0) {
            return;
        }
        long now = System.nanoTime();
        if (next != Long.MIN_VALUE && next - now > 0) {
            long wait = next - now;
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            now = System.nanoTime();
        }
        next = now + intervalNanos;
    }
}

package org.jiedao.hub.graph.feed;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Flow;
import java.util.function.BooleanSupplier;

/**
 * The process's alert feed: producers raise an alert with one call, {@link #publish(String, Alert.Severity, String,
 * String)}, from any module that reaches {@code graph} (ingestion now, crowd density in issue 8); readers such as
 * the GraphQL subscription {@code alerts} subscribe. Like a logger it is one per process (static), so a producer
 * needs no wiring. Publishing never blocks and never throws; a slow reader loses alerts (counted, see {@link Feed}).
 */
public final class Alerts {
    private static final Feed<Alert> FEED = new Feed<>("alerts", Feed.DEFAULT_BUFFER);

    private Alerts() {
    }

    /**
     * Raises an alert now.
     *
     * @param kind     what happened, upper snake case, e.g. {@code RUN_FAILED}
     * @param severity how urgent
     * @param message  one line for people; no stack traces or internals
     * @param source   the source or sensor it is about, or null
     * @return the alert as published (with its id and time)
     */
    public static Alert publish(String kind, Alert.Severity severity, String message, String source) {
        Alert alert = new Alert(UUID.randomUUID().toString(), kind, severity, message, Instant.now(), source);
        publish(alert);
        return alert;
    }

    /** @param alert an alert to publish as it is */
    public static void publish(Alert alert) {
        FEED.publish(alert);
    }

    /**
     * @param minSeverity the least severity wanted, or null for all
     * @param congested   whether the consumer cannot take an alert now (see {@link Feed#publisher})
     * @return a publisher; each subscriber gets the alerts raised after it subscribed at or above {@code minSeverity}
     */
    public static Flow.Publisher<Feed.Delivery<Alert>> subscribe(Alert.Severity minSeverity, BooleanSupplier congested) {
        return FEED.publisher(a -> minSeverity == null || a.severity().compareTo(minSeverity) >= 0, congested);
    }

    /** @return the current number of subscribers */
    public static int subscribers() {
        return FEED.subscribers();
    }

    /** @return alerts dropped so far, once per subscriber that lost them */
    public static long dropped() {
        return FEED.dropped();
    }
}

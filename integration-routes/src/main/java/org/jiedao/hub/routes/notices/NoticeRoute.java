package org.jiedao.hub.routes.notices;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The Camel route of the notices: every {@code period} it asks {@code producer} to create the notices due (the
 * application computes the eligible residents not enrolled and renders their text; the ledger creates only those that
 * do not exist), then sends the due ones through the outbox. Its own Camel context; {@link #close} stops it.
 */
public final class NoticeRoute implements AutoCloseable {
    private final CamelContext camel = new DefaultCamelContext();

    /**
     * Starts the route.
     *
     * @param outbox   the outbox
     * @param producer creates the notices due, returning how many were created (may be a no-op)
     * @param period   how often it runs (the first run is at once)
     * @throws Exception if the route cannot start
     */
    public NoticeRoute(NoticeOutbox outbox, Supplier<Integer> producer, Duration period) throws Exception {
        Objects.requireNonNull(outbox, "outbox");
        Objects.requireNonNull(producer, "producer");
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                fromF("timer:service-notices?period=%d&delay=0", Math.max(1, period.toMillis()))
                        .routeId("service-notices")
                        .process(e -> producer.get())
                        .process(e -> outbox.deliverDue());
            }
        });
        camel.start();
    }

    /** Stops the route (a run in progress finishes first). */
    @Override
    public void close() {
        try {
            camel.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the notice route: " + e.getMessage(), e);
        }
    }
}

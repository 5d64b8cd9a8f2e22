package org.jiedao.hub.app;

import java.time.Clock;
import java.util.function.Supplier;

import org.jiedao.hub.graph.ops.ExchangeLedger;
import org.jiedao.hub.routes.exchange.PartnerAcknowledgements;
import org.neo4j.driver.Driver;

/**
 * The exchange ledger behind the partner delivery endpoints, opened on the first partner request (a Spring context
 * on the hub's driver), so that a hub whose partners never ask starts none. Thread-safe; {@link #close()} closes the
 * ledger if it was opened.
 */
final class LazyAcknowledgements implements Supplier<PartnerAcknowledgements>, AutoCloseable {
    private final Driver driver;
    private final Clock clock;
    private ExchangeLedger ledger;
    private PartnerAcknowledgements acknowledgements;
    private boolean closed;

    /**
     * @param driver the hub's driver (stays open)
     * @param clock  the time recorded for acknowledgements
     */
    LazyAcknowledgements(Driver driver, Clock clock) {
        this.driver = driver;
        this.clock = clock;
    }

    /**
     * @return the acknowledgements over the ledger, opened now if this is the first call
     * @throws IllegalStateException if the hub is closing
     */
    @Override
    public synchronized PartnerAcknowledgements get() {
        if (closed) {
            throw new IllegalStateException("the hub is shutting down");
        }
        if (acknowledgements == null) {
            ledger = ExchangeLedger.create(driver);
            acknowledgements = new PartnerAcknowledgements(ledger, clock);
        }
        return acknowledgements;
    }

    /** Closes the ledger if it was opened; later calls of {@link #get()} fail. */
    @Override
    public synchronized void close() {
        closed = true;
        if (ledger != null) {
            ledger.close();
        }
    }
}

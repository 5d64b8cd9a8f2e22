package org.jiedao.hub.routes;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a JDBC poll that fails before any row is read (database down, bad URL, missing table) in the source's
 * counters and logs it in one line; the next poll tries again.
 */
final class PollFailureRecorder implements PollingConsumerPollStrategy {
    private static final Logger LOG = LoggerFactory.getLogger(PollFailureRecorder.class);
    private final SourceStats stats;

    PollFailureRecorder(SourceStats stats) {
        this.stats = stats;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        return true;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        // successful polls are counted by the processor once their rows are committed
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = "poll of " + stats.sourceId() + " failed: " + root.getMessage();
        stats.pollFailed(why);
        LOG.warn("{} (trying again at the next poll)", why);
        return false;
    }
}

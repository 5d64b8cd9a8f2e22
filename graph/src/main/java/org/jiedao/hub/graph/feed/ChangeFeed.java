package org.jiedao.hub.graph.feed;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Flow;
import java.util.function.BooleanSupplier;

/**
 * The feed of entity changes: the {@link org.jiedao.hub.graph.write.RecordWriter} publishes the nodes of each batch
 * after the batch has committed (never before, nothing for a batch that rolled back), and readers such as the
 * GraphQL subscription {@code entityChanged} subscribe. One per process, shared by the writer and the API; a slow
 * reader loses changes (counted, see {@link Feed}) and never slows the writer.
 */
public final class ChangeFeed implements AutoCloseable {
    private final Feed<EntityChange> feed;

    /** Changes buffered per subscriber by default: a batch of 500 records asserting a few nodes each fits. */
    public static final int DEFAULT_BUFFER = 8192;

    /** A feed buffering {@value #DEFAULT_BUFFER} changes per subscriber. */
    public ChangeFeed() {
        this(DEFAULT_BUFFER);
    }

    /** @param buffer changes buffered per subscriber, at least 1 */
    public ChangeFeed(int buffer) {
        this.feed = new Feed<>("entity changes", buffer);
    }

    /**
     * Publishes the changes of one committed batch, in order; never blocks, never throws.
     *
     * @param changes the batch's changes
     */
    public void publish(List<EntityChange> changes) {
        changes.forEach(feed::publish);
    }

    /**
     * @param labels    node labels wanted (exact ontology labels, e.g. {@code Vehicle}); empty or null for all
     * @param keys      node keys wanted, as stored; empty or null for all
     * @param congested whether the consumer cannot take a change now (see {@link Feed#publisher})
     * @return a publisher; each subscriber gets the matching changes committed after it subscribed
     */
    public Flow.Publisher<Feed.Delivery<EntityChange>> subscribe(Collection<String> labels, Collection<String> keys,
                                                                 BooleanSupplier congested) {
        Set<String> l = labels == null ? Set.of() : Set.copyOf(labels);
        Set<String> k = keys == null ? Set.of() : Set.copyOf(keys);
        return feed.publisher(c -> (l.isEmpty() || l.contains(c.label())) && (k.isEmpty() || k.contains(c.key())), congested);
    }

    /** @return changes published so far */
    public long published() {
        return feed.published();
    }

    /** @return changes dropped so far, once per subscriber that lost them */
    public long dropped() {
        return feed.dropped();
    }

    /** @return current subscribers */
    public int subscribers() {
        return feed.subscribers();
    }

    /** Completes every subscriber; later changes are not published. */
    @Override
    public void close() {
        feed.close();
    }
}

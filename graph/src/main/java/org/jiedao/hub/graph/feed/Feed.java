package org.jiedao.hub.graph.feed;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process publish/subscribe feed with a bounded buffer per subscriber, on the JDK's
 * {@link SubmissionPublisher} (reactive-streams semantics of {@link java.util.concurrent.Flow}: a subscriber gets
 * no more than it requested).
 *
 * <p>{@link #publish} never blocks and never throws. Each subscriber has its own filter, applied before its buffer
 * (items it does not want take no room), and its own buffer: an item that does not fit (the subscriber requested
 * too little) or that arrives while its consumer is congested is dropped for that subscriber only, counted in
 * {@link #dropped()} and in the subscriber's own count, which goes out with every later {@link Delivery}; other
 * subscribers and the publisher are not affected. Items are delivered on virtual threads, in publishing order.
 *
 * @param <T> the item type (immutable)
 */
public final class Feed<T> implements AutoCloseable {
    /** Items buffered per subscriber by default (the JDK rounds a capacity up to a power of two). */
    public static final int DEFAULT_BUFFER = 1024;
    private static final Logger LOG = LoggerFactory.getLogger(Feed.class);
    private final String name;
    private final int buffer;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final CopyOnWriteArrayList<Tap<T>> taps = new CopyOnWriteArrayList<>();
    private final LongAdder published = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private volatile boolean closed;

    /**
     * @param name   what the feed carries, for the log (e.g. {@code entity changes})
     * @param buffer items buffered per subscriber, at least 1
     * @throws IllegalArgumentException if {@code buffer} is less than 1
     */
    public Feed(String name, int buffer) {
        if (buffer < 1) {
            throw new IllegalArgumentException("buffer must be at least 1, was " + buffer);
        }
        this.name = name;
        this.buffer = buffer;
    }

    /**
     * Offers an item to every current subscriber that wants it, without waiting; a subscriber whose buffer is full
     * loses it. Nothing happens once the feed is closed.
     *
     * @param item the item, not null
     */
    public void publish(T item) {
        if (closed) {
            return;
        }
        published.increment();
        for (Tap<T> tap : taps) {
            tap.offer(item);
        }
    }

    /**
     * A publisher of this feed's items for one kind of consumer: each {@code subscribe} on it becomes a new
     * subscriber of the feed, with its own buffer, that sees the items published from then on which pass
     * {@code filter}. An item reaching the head of the buffer while {@code congested} is true (e.g. the consumer's
     * socket cannot take more) is dropped and counted like a full buffer.
     *
     * @param filter    which items the subscriber wants; an exception counts as "no"
     * @param congested whether the consumer cannot take an item now; checked per item
     * @return a publisher of deliveries (item, and the count of items dropped for this subscriber so far)
     */
    public Flow.Publisher<Delivery<T>> publisher(Predicate<? super T> filter, BooleanSupplier congested) {
        return downstream -> {
            Tap<T> tap = new Tap<>(this, filter, congested);
            if (closed) {
                tap.publisher.close();
            } else {
                taps.add(tap);
            }
            tap.publisher.subscribe(tap.new Relay(downstream));
        };
    }

    /** @return items published so far (each counts once, however many subscribers it reached) */
    public long published() {
        return published.sum();
    }

    /** @return items dropped so far, counted once per subscriber that lost them */
    public long dropped() {
        return dropped.sum();
    }

    /** @return the current number of subscribers */
    public int subscribers() {
        return taps.size();
    }

    /** Completes every subscriber (after its buffered items) and publishes nothing more. */
    @Override
    public void close() {
        closed = true;
        taps.forEach(t -> t.publisher.close());
        taps.clear();
        executor.shutdown();
    }

    /**
     * An item as one subscriber receives it.
     *
     * @param item    the item
     * @param dropped items this subscriber has lost so far because it read too slowly (0 if none); when it grows,
     *                the subscriber missed that many items before this one
     * @param <T>     the item type
     */
    public record Delivery<T>(T item, long dropped) {
    }

    /** One subscriber's side of the feed: its filter, its own bounded publisher, its count of dropped items. */
    private static final class Tap<T> {
        private final Feed<T> feed;
        private final Predicate<? super T> filter;
        private final BooleanSupplier congested;
        final SubmissionPublisher<T> publisher;
        final AtomicLong dropped = new AtomicLong();

        Tap(Feed<T> feed, Predicate<? super T> filter, BooleanSupplier congested) {
            this.feed = feed;
            this.filter = filter;
            this.congested = congested;
            this.publisher = new SubmissionPublisher<>(feed.executor, feed.buffer);
        }

        void offer(T item) {
            boolean wanted;
            try {
                wanted = filter.test(item);
            } catch (RuntimeException e) {
                wanted = false;
            }
            if (!wanted) {
                return;
            }
            try {
                publisher.offer(item, (subscriber, lost) -> {
                    drop();
                    return false;
                });
            } catch (RuntimeException e) { // closed meanwhile, or the executor refused: the publisher must go on
                LOG.debug("{}: an item could not be offered to a subscriber: {}", feed.name, e.toString());
            }
        }

        void drop() {
            dropped.incrementAndGet();
            feed.dropped.increment();
        }

        void detach() {
            feed.taps.remove(this);
            publisher.close();
        }

        /** Passes deliveries on to the downstream subscriber; cancelling or ending detaches the tap. */
        final class Relay implements Flow.Subscriber<T> {
            private final Flow.Subscriber<? super Delivery<T>> downstream;
            private volatile Flow.Subscription upstream;

            Relay(Flow.Subscriber<? super Delivery<T>> downstream) {
                this.downstream = downstream;
            }

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                upstream = subscription;
                downstream.onSubscribe(new Flow.Subscription() {
                    @Override
                    public void request(long n) {
                        subscription.request(n);
                    }

                    @Override
                    public void cancel() {
                        subscription.cancel();
                        detach();
                    }
                });
            }

            @Override
            public void onNext(T item) {
                if (congested.getAsBoolean()) {
                    drop();
                    upstream.request(1); // the downstream's demand was not used
                    return;
                }
                downstream.onNext(new Delivery<>(item, dropped.get()));
            }

            @Override
            public void onError(Throwable throwable) {
                detach();
                downstream.onError(throwable);
            }

            @Override
            public void onComplete() {
                detach();
                downstream.onComplete();
            }
        }
    }
}

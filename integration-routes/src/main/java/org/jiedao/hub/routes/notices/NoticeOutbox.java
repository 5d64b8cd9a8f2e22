package org.jiedao.hub.routes.notices;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due notices (docs/analytics.md, "Proactive services"): for each pending notice whose next attempt is due,
 * oldest first: skip it if its resident has opted out since it was created (marked {@code SKIPPED}, never sent); else
 * hand it to the channel, record it in the audit trail, and only then mark it {@code SENT}. A failed attempt counts
 * and waits {@code backoff × 2^(failures−1)} (at most {@code maxBackoff}); after {@code maxAttempts} failures the
 * notice is {@code FAILED}.
 *
 * <p>Exactly once per resident and service: the ledger holds one notice per pair, created once; a sent notice is
 * never sent again, after any restart. If the hub dies after the channel accepted a notice and before it was marked,
 * the notice is sent again under the same id ({@code Idempotency-Key}), which the receiver recognises. Run
 * {@link #deliverDue} from one thread per hub.
 */
public final class NoticeOutbox {
    private static final Logger LOG = LoggerFactory.getLogger(NoticeOutbox.class);
    /** Default first retry delay. */
    public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(30);
    /** Default longest retry delay. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofHours(1);
    /** Default attempts before FAILED. */
    public static final int DEFAULT_MAX_ATTEMPTS = 50;

    private final NoticeLedger ledger;
    private final NoticeChannel channel;
    private final NoticeRecorder recorder;
    private final Clock clock;
    private final Duration backoff;
    private final Duration maxBackoff;
    private final int maxAttempts;

    /**
     * @param ledger      the notices
     * @param channel     where they go
     * @param recorder    the audit trail
     * @param clock       the clock
     * @param backoff     the first retry delay
     * @param maxBackoff  the longest retry delay
     * @param maxAttempts failed attempts before FAILED, at least 1
     */
    public NoticeOutbox(NoticeLedger ledger, NoticeChannel channel, NoticeRecorder recorder, Clock clock, Duration backoff,
                        Duration maxBackoff, int maxAttempts) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.backoff = backoff;
        this.maxBackoff = maxBackoff;
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
    }

    /**
     * What one round did.
     *
     * @param sent    ids of notices sent
     * @param skipped ids of notices skipped (opted out)
     * @param failed  ids of notices whose attempt failed
     */
    public record Round(List<String> sent, List<String> skipped, List<String> failed) {
    }

    /** @return the ledger */
    public NoticeLedger ledger() {
        return ledger;
    }

    /** @return the channel */
    public NoticeChannel channel() {
        return channel;
    }

    /**
     * Sends every due notice once.
     *
     * @return what happened
     */
    public Round deliverDue() {
        List<String> sent = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Notice n : ledger.due(clock.instant(), 500)) {
            if (ledger.optedOut(n)) {
                ledger.markSkipped(n.id(), clock.instant());
                skipped.add(n.id());
                continue;
            }
            try {
                channel.send(n);
                recorder.record(n, channel.describe());
            } catch (Exception e) {
                long failures = n.attempts() + 1;
                boolean last = failures >= maxAttempts;
                Instant next = clock.instant().plus(delay(failures));
                ledger.markFailed(n.id(), e.getClass().getSimpleName() + ": " + e.getMessage(), next, last);
                LOG.warn("notice {} ({}): attempt {} failed ({}){}", n.id(), n.service(), failures, e.getMessage(),
                        last ? "; marked FAILED" : "; next attempt at " + next);
                failed.add(n.id());
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    break;
                }
                continue;
            }
            ledger.markSent(n.id(), clock.instant());
            sent.add(n.id());
        }
        if (!sent.isEmpty() || !skipped.isEmpty()) {
            LOG.info("notices: {} sent to {}, {} skipped (opted out), {} failed", sent.size(), channel.describe(), skipped.size(), failed.size());
        }
        return new Round(sent, skipped, failed);
    }

    /** @return the delay after {@code failures} failed attempts */
    Duration delay(long failures) {
        Duration d = backoff.multipliedBy(1L << Math.min(30, failures - 1));
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}

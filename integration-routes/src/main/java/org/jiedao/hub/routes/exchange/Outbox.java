package org.jiedao.hub.routes.exchange;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jiedao.hub.graph.ops.Delivery;
import org.jiedao.hub.graph.ops.ExchangeLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exchange outbox (docs/exchange.md). {@link #prepare} renders an extract, signs it, archives it and records it
 * as a PENDING {@code Delivery} in Neo4j, in that order and before anything is sent; {@link #deliverDue} sends every
 * PENDING delivery whose next attempt is due, from its archive, under its recorded id.
 *
 * <p>Guarantees: a delivery is never sent before it is recorded, so a restarted hub (a new outbox over the same
 * Neo4j and data folder) finds it and sends it again under the same id; a delivery marked SENT is never sent again;
 * a payload is never sent under a second id. A channel that returns the partner's receipt with its acceptance (the
 * webhook) makes the delivery ACKNOWLEDGED at once, with the receipt, in the same transaction as SENT would be. If the hub dies after the channel took a delivery and before it was
 * marked SENT, the partner may receive it twice under the same id and must keep the first (at-least-once, idempotent
 * by delivery id). A failed attempt counts in {@code attempts} and sets the next attempt after an exponential backoff
 * ({@code retry.backoff} doubled per failed attempt, at most {@code retry.maxBackoff}); after
 * {@code retry.maxAttempts} failures the delivery is FAILED. An archive whose payload no longer matches the recorded
 * hash or signature is never sent: the delivery is FAILED with the reason.
 *
 * <p>Thread-safe as far as its parts are; run {@link #deliverDue} from one thread per hub.
 */
public final class Outbox {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    /** Default first retry delay. */
    public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(30);
    /** Default longest delay between attempts. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofHours(1);
    /** Default attempts before FAILED. */
    public static final int DEFAULT_MAX_ATTEMPTS = 100;

    private final ExchangeLedger ledger;
    private final DeliveryArchive archive;
    private final SigningKey key;
    private final Map<String, AgreementDefinition> agreements = new LinkedHashMap<>();
    private final Map<String, DeliveryChannel> channels;
    private final Clock clock;
    private final DeliveryRecorder recorder;

    /**
     * @param ledger     the agreements and deliveries in Neo4j
     * @param archive    the delivery archive
     * @param key        the hub's signing key
     * @param agreements the declared agreements
     * @param channels   the channel of each agreement, by agreement id
     * @param clock      the clock (creation times, backoff)
     */
    public Outbox(ExchangeLedger ledger, DeliveryArchive archive, SigningKey key, List<AgreementDefinition> agreements,
                  Map<String, DeliveryChannel> channels, Clock clock) {
        this(ledger, archive, key, agreements, channels, clock, DeliveryRecorder.NONE);
    }

    /**
     * @param ledger     the agreements and deliveries in Neo4j
     * @param archive    the delivery archive
     * @param key        the hub's signing key
     * @param agreements the declared agreements
     * @param channels   the channel of each agreement, by agreement id
     * @param clock      the clock (creation times, backoff)
     * @param recorder   told of each delivery a channel accepted, before it is marked SENT (the audit trail)
     */
    public Outbox(ExchangeLedger ledger, DeliveryArchive archive, SigningKey key, List<AgreementDefinition> agreements,
                  Map<String, DeliveryChannel> channels, Clock clock, DeliveryRecorder recorder) {
        this.recorder = recorder;
        this.ledger = ledger;
        this.archive = archive;
        this.key = key;
        agreements.forEach(a -> this.agreements.put(a.id(), a));
        this.channels = Map.copyOf(channels);
        this.clock = clock;
    }

    /**
     * Renders, signs, archives and records a delivery of an extract. Nothing is sent yet.
     *
     * @param agreement a declared agreement (stored in the ledger)
     * @param extract   what it carries
     * @return the new delivery's id
     * @throws java.io.UncheckedIOException if the archive cannot be written (nothing is recorded)
     * @throws IllegalArgumentException     if the agreement is not stored (the archive files are removed)
     */
    public String prepare(AgreementDefinition agreement, Extract extract) {
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        byte[] payload = PayloadRenderer.render(agreement, extract);
        String sha = DeliveryArchive.sha256(payload);
        String fileName = agreement.id() + "-" + id + "." + PayloadRenderer.extension(agreement);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("deliveryId", id);
        manifest.put("agreement", agreement.id());
        manifest.put("partner", agreement.partner());
        manifest.put("purpose", agreement.purpose());
        manifest.put("legalBasis", agreement.legalBasis());
        manifest.put("entity", agreement.entity());
        manifest.put("fields", agreement.fields());
        manifest.put("fileName", fileName);
        manifest.put("contentType", PayloadRenderer.contentType(agreement));
        manifest.put("contentSha256", sha);
        manifest.put("records", extract.rows().size());
        manifest.put("createdAt", now.toString());
        manifest.put("signatureAlgorithm", "ES256");
        manifest.put("keyId", key.keyId());
        DeliveryPackage p = new DeliveryPackage(id, agreement.id(), fileName, PayloadRenderer.contentType(agreement),
                payload, sha, key.sign(payload, id, sha), DeliveryArchive.manifestBytes(manifest));
        archive.store(p);
        try {
            ledger.recordDelivery(id, agreement.id(), sha, extract.keys(), fileName, now, extract.watermark());
        } catch (RuntimeException e) {
            archive.delete(id, fileName);
            throw e;
        }
        return id;
    }

    /**
     * Sends every due PENDING delivery once (oldest first), marking each SENT or counting its failed attempt.
     *
     * @return what happened
     */
    public Round deliverDue() {
        Instant now = clock.instant();
        List<String> sent = new ArrayList<>();
        List<String> retrying = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Delivery d : ledger.due(now, 1000)) {
            switch (attempt(d)) {
                case SENT -> sent.add(d.id());
                case RETRY -> retrying.add(d.id());
                case FAILED -> failed.add(d.id());
            }
        }
        return new Round(sent, retrying, failed);
    }

    private enum Outcome { SENT, RETRY, FAILED }

    private Outcome attempt(Delivery d) {
        AgreementDefinition agreement = agreements.get(d.agreementId());
        DeliveryChannel channel = channels.get(d.agreementId());
        if (agreement == null || channel == null) {
            return fail(d, "agreement " + d.agreementId() + " is no longer declared", false);
        }
        DeliveryPackage p;
        try {
            p = archive.load(d.id(), d.fileName());
        } catch (IOException e) {
            return fail(d, "archive unreadable: " + e, true);
        }
        String actual = DeliveryArchive.sha256(p.payload());
        if (!actual.equals(d.contentSha256()) || !actual.equals(p.sha256())) {
            return fail(d, "archived payload does not match the recorded content hash", true);
        }
        String bad = key.verify(p.payload(), p.jws(), d.id(), d.contentSha256());
        if (bad != null) {
            return fail(d, "archived signature invalid: " + bad, true);
        }
        java.util.Optional<String> receipt;
        try {
            receipt = channel.deliver(p);
        } catch (Exception e) {
            return fail(d, e.getClass().getSimpleName() + ": " + e.getMessage(), false, agreement);
        }
        try {
            recorder.record(agreement, d, p);
        } catch (RuntimeException e) {
            return fail(d, "sent, but not recorded in the audit trail (will be sent again): " + e.getMessage(), false, agreement);
        }
        if (receipt.isPresent()) {
            ledger.markSentAndAcknowledged(d.id(), clock.instant(), receipt.get());
            LOG.info("delivery {} of agreement {} sent and acknowledged by the partner, receipt {} (attempt {})", d.id(),
                    d.agreementId(), receipt.get(), d.attempts() + 1);
            return Outcome.SENT;
        }
        ledger.markSent(d.id(), clock.instant());
        LOG.info("delivery {} of agreement {} sent (attempt {})", d.id(), d.agreementId(), d.attempts() + 1);
        return Outcome.SENT;
    }

    private Outcome fail(Delivery d, String why, boolean giveUp) {
        return fail(d, why, giveUp, agreements.get(d.agreementId()));
    }

    private Outcome fail(Delivery d, String why, boolean giveUp, AgreementDefinition agreement) {
        long failures = d.attempts() + 1;
        int maxAttempts = agreement == null || agreement.retry() == null || agreement.retry().maxAttempts() == null
                ? DEFAULT_MAX_ATTEMPTS : agreement.retry().maxAttempts();
        boolean last = giveUp || failures >= maxAttempts;
        Instant next = clock.instant().plus(backoff(agreement, failures));
        ledger.markAttemptFailed(d.id(), why, next, last);
        LOG.warn("delivery {} of agreement {}: attempt {} failed ({}){}", d.id(), d.agreementId(), failures, why,
                last ? "; marked FAILED" : "; next attempt at " + next);
        return last ? Outcome.FAILED : Outcome.RETRY;
    }

    /**
     * @param agreement the agreement (its {@code retry} policy), or null for the defaults
     * @param failures  failed attempts so far, at least 1
     * @return the delay before the next attempt: backoff × 2^(failures−1), at most the maximum
     */
    static Duration backoff(AgreementDefinition agreement, long failures) {
        AgreementDefinition.Retry r = agreement == null ? null : agreement.retry();
        Duration base = r == null || r.backoff() == null ? DEFAULT_BACKOFF : AgreementDefinitions.parseDuration(r.backoff());
        Duration max = r == null || r.maxBackoff() == null ? DEFAULT_MAX_BACKOFF : AgreementDefinitions.parseDuration(r.maxBackoff());
        long shift = Math.min(Math.max(0, failures - 1), 30);
        Duration d = base.multipliedBy(1L << shift);
        return d.compareTo(max) > 0 ? max : d;
    }

    /**
     * Runs an agreement's extract now and prepares its delivery, if the agreement is valid today.
     *
     * @param agreement the agreement
     * @param extract   supplies the extract (e.g. {@link Extract#run})
     * @param today     today's date in the hub's zone
     * @return the delivery id, or null when the agreement is not valid today, or when a changes extract
     *         ({@code mode: changes}) found no change (no empty delivery is made)
     */
    public String extractIfValid(AgreementDefinition agreement, java.util.function.Supplier<Extract> extract, LocalDate today) {
        if (!agreement.validOn(today)) {
            LOG.info("agreement {} is not valid on {}: no extract", agreement.id(), today);
            return null;
        }
        Extract e = extract.get();
        if (agreement.changesOnly() && e.rows().isEmpty()) {
            LOG.info("agreement {}: no changes since the last delivery: nothing to deliver", agreement.id());
            return null;
        }
        return prepare(agreement, e);
    }

    /**
     * One pass of {@link #deliverDue}.
     *
     * @param sent     deliveries accepted by their channel
     * @param retrying deliveries whose attempt failed and stay PENDING
     * @param failed   deliveries marked FAILED
     */
    public record Round(List<String> sent, List<String> retrying, List<String> failed) {
    }
}

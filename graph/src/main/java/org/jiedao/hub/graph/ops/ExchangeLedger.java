package org.jiedao.hub.graph.ops;

import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.neo4j.driver.Driver;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The data-exchange part of the operational model: {@link Agreement}s and the outbox of {@link Delivery}s
 * (docs/exchange.md). Each method is one transaction of SDN's {@code Neo4jTransactionManager}. {@link #create}
 * makes sure the uniqueness constraints {@code Agreement_id_key} and {@code Delivery_id_key} exist, so two hubs
 * can never record two deliveries under one id nor two agreements with one id.
 *
 * <p>Create with {@link #create(Driver)} (a small Spring context on the given driver, as {@link Operations});
 * {@link #close()} stops the context and leaves the driver open. Thread-safe.
 */
public final class ExchangeLedger implements AutoCloseable {
    private final AnnotationConfigApplicationContext context;
    private final AgreementRepository agreements;
    private final DeliveryRepository deliveries;
    private final Neo4jClient client;
    private final TransactionTemplate tx;

    private ExchangeLedger(AnnotationConfigApplicationContext context) {
        this.context = context;
        this.agreements = context.getBean(AgreementRepository.class);
        this.deliveries = context.getBean(DeliveryRepository.class);
        this.client = context.getBean(Neo4jClient.class);
        this.tx = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
    }

    /**
     * @param driver the hub's driver (stays open when this is closed)
     * @return the ledger on that driver's default database, with its constraints in place
     * @throws org.springframework.beans.BeansException if the Spring context cannot start
     * @throws org.neo4j.driver.exceptions.Neo4jException if the constraints cannot be created
     */
    public static ExchangeLedger create(Driver driver) {
        Objects.requireNonNull(driver, "driver");
        try (var session = driver.session()) {
            session.run("CREATE CONSTRAINT Agreement_id_key IF NOT EXISTS FOR (a:Agreement) REQUIRE a.id IS UNIQUE").consume();
            session.run("CREATE CONSTRAINT Delivery_id_key IF NOT EXISTS FOR (d:Delivery) REQUIRE d.id IS UNIQUE").consume();
        }
        AnnotationConfigApplicationContext ctx = new AnnotationConfigApplicationContext();
        ctx.registerBean(OpsConfig.DriverHolder.class, () -> new OpsConfig.DriverHolder(driver));
        ctx.register(OpsConfig.class);
        try {
            ctx.refresh();
        } catch (RuntimeException e) {
            ctx.close();
            throw e;
        }
        return new ExchangeLedger(ctx);
    }

    /**
     * Creates or replaces an agreement (all its mapped properties); its deliveries are kept.
     *
     * @param agreement the agreement as declared
     * @return the stored agreement
     * @throws org.springframework.dao.DataAccessException if Neo4j refuses the write
     */
    public Agreement saveAgreement(Agreement agreement) {
        return tx.execute(status -> agreements.save(agreement));
    }

    /** @return every stored agreement, by id */
    public List<Agreement> agreements() {
        return agreements.findAll().stream().sorted(Comparator.comparing(Agreement::id)).toList();
    }

    /**
     * @param id agreement id
     * @return the agreement, if stored
     */
    public Optional<Agreement> agreement(String id) {
        return agreements.findById(id);
    }

    /**
     * Records a new PENDING delivery, due at once. Call after its payload is archived and before it is sent.
     *
     * @param id          the delivery id (a UUID)
     * @param agreementId a stored agreement's id
     * @param sha256      SHA-256 of the payload, lower-case hex
     * @param entityKeys  keys of the entities carried
     * @param fileName    the payload's file name
     * @param createdAt   when it was made
     * @throws IllegalArgumentException if the agreement is not stored
     * @throws org.springframework.dao.DataAccessException if Neo4j refuses the write (e.g. the id exists)
     */
    public void recordDelivery(String id, String agreementId, String sha256, List<String> entityKeys, String fileName,
                               Instant createdAt) {
        recordDelivery(id, agreementId, sha256, entityKeys, fileName, createdAt, null);
    }

    /**
     * Records a new PENDING delivery, due at once, with the change-feed watermark it covers up to, in the same
     * transaction: so a restarted hub continues the agreement's changes from its last recorded delivery
     * ({@link #lastWatermark}).
     *
     * @param id          the delivery id (a UUID)
     * @param agreementId a stored agreement's id
     * @param sha256      SHA-256 of the payload, lower-case hex
     * @param entityKeys  keys of the entities carried
     * @param fileName    the payload's file name
     * @param createdAt   when it was made
     * @param watermark   the newest change it carries ({@code mode: changes}), or null for a snapshot
     * @throws IllegalArgumentException if the agreement is not stored
     * @throws org.springframework.dao.DataAccessException if Neo4j refuses the write (e.g. the id exists)
     */
    public void recordDelivery(String id, String agreementId, String sha256, List<String> entityKeys, String fileName,
                               Instant createdAt, Instant watermark) {
        Long n = tx.execute(status -> deliveries.record(id, agreementId, sha256, List.copyOf(entityKeys), fileName, createdAt,
                watermark));
        if (n == null || n == 0) {
            throw new IllegalArgumentException("agreement '" + agreementId + "' is not stored in the operational model");
        }
    }

    /**
     * @param agreementId agreement id
     * @return the newest watermark recorded with any of its deliveries, whatever their state; empty when none has one
     *         (no change-feed delivery yet)
     */
    public Optional<Instant> lastWatermark(String agreementId) {
        return client.query("""
                        MATCH (d:Delivery {agreementId: $agreementId}) WHERE d.watermark IS NOT NULL
                        RETURN max(d.watermark) AS w""")
                .bind(agreementId).to("agreementId")
                .fetch().one().map(row -> row.get("w")).map(w -> Instant.from((java.time.temporal.TemporalAccessor) w));
    }

    /**
     * @param id delivery id
     * @return the delivery, if recorded
     */
    public Optional<Delivery> delivery(String id) {
        return deliveries.findById(id);
    }

    /**
     * @param now   the current time
     * @param limit at most this many
     * @return PENDING deliveries whose next attempt is at or before {@code now}, oldest first
     */
    public List<Delivery> due(Instant now, int limit) {
        return tx.execute(status -> deliveries.due(now, limit));
    }

    /**
     * @param agreementId agreement id
     * @return its deliveries, newest first
     */
    public List<Delivery> deliveriesOf(String agreementId) {
        return tx.execute(status -> deliveries.ofAgreement(agreementId));
    }

    /**
     * @param id delivery id
     * @param at when the channel accepted it
     * @return true if it was PENDING and is now SENT; false if it was in another state or unknown
     */
    public boolean markSent(String id, Instant at) {
        Long n = tx.execute(status -> deliveries.markSent(id, at));
        return n != null && n > 0;
    }

    /**
     * Records that a channel delivered a PENDING delivery and the partner answered with its receipt: SENT and
     * ACKNOWLEDGED in one transaction.
     *
     * @param id      delivery id
     * @param at      when the channel accepted it (also the acknowledgement time)
     * @param receipt the partner's receipt reference
     * @return true if it was PENDING and is now ACKNOWLEDGED; false if it was in another state or unknown
     */
    public boolean markSentAndAcknowledged(String id, Instant at, String receipt) {
        Long n = tx.execute(status -> deliveries.markSentAndAcknowledged(id, at, receipt));
        return n != null && n > 0;
    }

    /**
     * Counts a failed attempt.
     *
     * @param id     delivery id
     * @param error  what went wrong (no payload values)
     * @param next   the next attempt's time, when not giving up
     * @param giveUp true to mark it FAILED
     * @return true if it was PENDING
     */
    public boolean markAttemptFailed(String id, String error, Instant next, boolean giveUp) {
        Long n = tx.execute(status -> deliveries.markAttemptFailed(id, error, next, giveUp));
        return n != null && n > 0;
    }

    /**
     * Records the partner's acknowledgement.
     *
     * @param id delivery id
     * @param at when it was acknowledged
     * @return true if it was SENT or PENDING and is now ACKNOWLEDGED
     */
    public boolean markAcknowledged(String id, Instant at) {
        return markAcknowledged(id, at, null);
    }

    /**
     * Records the partner's acknowledgement with its own reference for what it received.
     *
     * @param id      delivery id
     * @param at      when it was acknowledged
     * @param receipt the partner's receipt reference, or null
     * @return true if it was SENT or PENDING and is now ACKNOWLEDGED
     */
    public boolean markAcknowledged(String id, Instant at, String receipt) {
        Long n = tx.execute(status -> deliveries.markAcknowledged(id, at, receipt));
        return n != null && n > 0;
    }

    /**
     * @return per stored agreement id (sorted), the number of its deliveries in each state (every state present,
     *         zero when none)
     */
    public Map<String, Map<DeliveryState, Long>> counts() {
        Map<String, Map<DeliveryState, Long>> out = new LinkedHashMap<>();
        for (Agreement a : agreements()) {
            Map<DeliveryState, Long> zero = new EnumMap<>(DeliveryState.class);
            for (DeliveryState s : DeliveryState.values()) {
                zero.put(s, 0L);
            }
            out.put(a.id(), zero);
        }
        client.query("MATCH (d:Delivery) RETURN d.agreementId AS agreement, d.state AS state, count(*) AS n")
                .fetch().all().forEach(row -> {
                    Map<DeliveryState, Long> m = out.get((String) row.get("agreement"));
                    if (m != null) {
                        m.put(DeliveryState.valueOf((String) row.get("state")), ((Number) row.get("n")).longValue());
                    }
                });
        return out;
    }

    /** Stops the Spring context; the driver stays open. */
    @Override
    public void close() {
        context.close();
    }
}

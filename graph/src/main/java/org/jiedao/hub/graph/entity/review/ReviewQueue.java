package org.jiedao.hub.graph.entity.review;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.neo4j.driver.Driver;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The review queue of entity resolution and the clerks' remembered decisions, in the operational model (Spring
 * Data Neo4j). Create with {@link #create(Driver)}; {@link #close()} stops its Spring context and leaves the driver
 * open. Thread-safe. Deciding an item (merging the entities when accepted) is the caller's job
 * ({@code EntityResolution}); this class stores.
 */
public final class ReviewQueue implements AutoCloseable {
    private final AnnotationConfigApplicationContext context;
    private final ReviewItemRepository items;
    private final MatchDecisionRepository decisions;
    private final TransactionTemplate tx;
    private final Clock clock;

    private ReviewQueue(AnnotationConfigApplicationContext context, Clock clock) {
        this.context = context;
        this.items = context.getBean(ReviewItemRepository.class);
        this.decisions = context.getBean(MatchDecisionRepository.class);
        this.tx = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        this.clock = clock;
    }

    /**
     * @param driver the hub's driver (stays open when this is closed)
     * @return the queue
     * @throws org.springframework.beans.BeansException if the Spring context cannot start
     */
    public static ReviewQueue create(Driver driver) {
        Objects.requireNonNull(driver, "driver");
        AnnotationConfigApplicationContext ctx = new AnnotationConfigApplicationContext();
        ctx.registerBean(ReviewConfig.DriverHolder.class, () -> new ReviewConfig.DriverHolder(driver));
        ctx.register(ReviewConfig.class);
        try {
            ctx.refresh();
        } catch (RuntimeException e) {
            ctx.close();
            throw e;
        }
        return new ReviewQueue(ctx, Clock.systemUTC());
    }

    /**
     * Raises an item, unless one is already pending for the same pair.
     *
     * @param entityId    the entity under review
     * @param candidateId the candidate
     * @param weight      the match weight in bits
     * @param evidence    the evidence JSON
     * @param reason      why a person must decide
     * @return the pending item for the pair
     */
    public ReviewItem raise(String entityId, String candidateId, Double weight, String evidence, String reason) {
        return tx.execute(status -> items.findByEntityIdAndStatus(entityId, ReviewItem.PENDING).stream()
                .filter(i -> i.candidateId().equals(candidateId)).findFirst()
                .orElseGet(() -> items.save(new ReviewItem(idOf(entityId, candidateId), entityId, candidateId, weight,
                        evidence, reason, clock.instant()))));
    }

    /**
     * The id of the item about a pair: a name-based UUID (RFC 9562 version 3) of the two entity ids, so that the
     * same pair raised again, by this process or another, is the same item.
     *
     * @param entityId    the entity under review
     * @param candidateId the candidate
     * @return the id
     */
    public static String idOf(String entityId, String candidateId) {
        return "r-" + UUID.nameUUIDFromBytes((entityId + "|" + candidateId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Deletes the pending items about an entity that no longer needs a clerk (it was linked meanwhile: merged into
     * another entity, so it no longer exists). Decided items are kept.
     *
     * @param entityId the entity
     * @return the number of items withdrawn
     */
    public int withdraw(String entityId) {
        return tx.execute(s -> {
            List<ReviewItem> pending = items.findByEntityIdAndStatus(entityId, ReviewItem.PENDING);
            items.deleteAll(pending);
            return pending.size();
        });
    }

    /** @return the pending items, oldest first */
    public List<ReviewItem> pending() {
        return items.findByStatusOrderByCreatedAtAsc(ReviewItem.PENDING);
    }

    /**
     * @param id an item id
     * @return the item
     */
    public Optional<ReviewItem> item(String id) {
        return items.findById(id);
    }

    /**
     * Records the outcome of an item.
     *
     * @param id     the item
     * @param status {@link ReviewItem#ACCEPTED} or {@link ReviewItem#REJECTED}
     * @param by     who decided
     * @return the item
     * @throws IllegalArgumentException if there is no such item, or it is already decided
     */
    public ReviewItem close(String id, String status, String by) {
        return tx.execute(s -> {
            ReviewItem i = items.findById(id).orElseThrow(() -> new IllegalArgumentException("no review item " + id));
            if (!ReviewItem.PENDING.equals(i.status())) {
                throw new IllegalArgumentException("review item " + id + " is already " + i.status());
            }
            i.decide(status, by, clock.instant());
            return items.save(i);
        });
    }

    /**
     * Remembers a decision about records and an entity (one decision per record).
     *
     * @param recordUids the records
     * @param entityId   the entity
     * @param decision   {@link MatchDecision#ACCEPT} or {@link MatchDecision#REJECT}
     * @param by         who decided
     * @param reason     why, or null
     */
    public void remember(Collection<String> recordUids, String entityId, String decision, String by, String reason) {
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> decisions.saveAll(recordUids.stream()
                .map(r -> new MatchDecision(r, entityId, decision, by, now, reason)).toList()));
    }

    /**
     * @param recordUids records
     * @return their remembered decisions, by {@code recordUid|entityId}
     */
    public Map<String, MatchDecision> decisions(Collection<String> recordUids) {
        if (recordUids.isEmpty()) {
            return Map.of();
        }
        return decisions.findByRecordUidIn(recordUids).stream()
                .collect(Collectors.toMap(d -> MatchDecision.idOf(d.recordUid(), d.entityId()), d -> d, (a, b) -> b));
    }

    @Override
    public void close() {
        context.close();
    }
}

package org.jiedao.hub.graph.entity.review;

import java.time.Instant;

import org.springframework.data.neo4j.core.schema.Id;
import org.springframework.data.neo4j.core.schema.Node;

/**
 * A pair of entities that entity resolution could not decide, waiting for a clerk: ontology class
 * {@code jd:ReviewItem}, label {@code ReviewItem}, key {@code id}. Raised when the best candidate's match weight
 * falls between the review and link thresholds, when two candidates are too close to call, or when linking would
 * make an entity larger than allowed.
 */
@Node("ReviewItem")
public class ReviewItem {

    /** The statuses of an item. */
    public static final String PENDING = "pending";
    /** Accepted: the two are one person, and were merged. */
    public static final String ACCEPTED = "accepted";
    /** Rejected: the two are different people. */
    public static final String REJECTED = "rejected";

    @Id
    private String id;
    private String entityId;
    private String candidateId;
    private Double weight;
    private String evidence;
    private String reason;
    private String status;
    private Instant createdAt;
    private Instant decidedAt;
    private String decidedBy;

    /** For Spring Data. */
    protected ReviewItem() {
    }

    /**
     * @param id          the item's id
     * @param entityId    the entity under review
     * @param candidateId the entity it may be
     * @param weight      the match weight in bits
     * @param evidence    the comparison vector as JSON
     * @param reason      why a person must decide
     * @param createdAt   when raised
     */
    public ReviewItem(String id, String entityId, String candidateId, Double weight, String evidence, String reason,
                      Instant createdAt) {
        this.id = id;
        this.entityId = entityId;
        this.candidateId = candidateId;
        this.weight = weight;
        this.evidence = evidence;
        this.reason = reason;
        this.status = PENDING;
        this.createdAt = createdAt;
    }

    /** @return the id */
    public String id() {
        return id;
    }

    /** @return the entity under review */
    public String entityId() {
        return entityId;
    }

    /** @return the candidate entity */
    public String candidateId() {
        return candidateId;
    }

    /** @return the match weight in bits, or null */
    public Double weight() {
        return weight;
    }

    /** @return the evidence JSON, or null */
    public String evidence() {
        return evidence;
    }

    /** @return why a person must decide */
    public String reason() {
        return reason;
    }

    /** @return {@link #PENDING}, {@link #ACCEPTED} or {@link #REJECTED} */
    public String status() {
        return status;
    }

    /** @return when raised */
    public Instant createdAt() {
        return createdAt;
    }

    /** @return when decided, or null */
    public Instant decidedAt() {
        return decidedAt;
    }

    /** @return who decided, or null */
    public String decidedBy() {
        return decidedBy;
    }

    void decide(String status, String by, Instant at) {
        this.status = status;
        this.decidedBy = by;
        this.decidedAt = at;
    }
}

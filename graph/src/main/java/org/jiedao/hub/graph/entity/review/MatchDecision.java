package org.jiedao.hub.graph.entity.review;

import java.time.Instant;

import org.springframework.data.neo4j.core.schema.Id;
import org.springframework.data.neo4j.core.schema.Node;

/**
 * A clerk's remembered decision that a record is, or is not, an entity: ontology class {@code jd:MatchDecision},
 * label {@code MatchDecision}, key {@code id} ({@code recordUid|entityId}). Made by accepting or rejecting a review
 * item, by a manual merge (accept) or an unmerge (reject). When resolution runs again, a decision wins over the
 * algorithm: a rejected pair is never linked, an accepted one always is.
 */
@Node("MatchDecision")
public class MatchDecision {

    /** The record is the entity. */
    public static final String ACCEPT = "accept";
    /** The record is not the entity. */
    public static final String REJECT = "reject";

    @Id
    private String id;
    private String recordUid;
    private String entityId;
    private String decision;
    private String decidedBy;
    private Instant decidedAt;
    private String reason;

    /** For Spring Data. */
    protected MatchDecision() {
    }

    /**
     * @param recordUid the record
     * @param entityId  the entity
     * @param decision  {@link #ACCEPT} or {@link #REJECT}
     * @param decidedBy who decided
     * @param decidedAt when
     * @param reason    why, or null
     */
    public MatchDecision(String recordUid, String entityId, String decision, String decidedBy, Instant decidedAt,
                         String reason) {
        this.id = idOf(recordUid, entityId);
        this.recordUid = recordUid;
        this.entityId = entityId;
        this.decision = decision;
        this.decidedBy = decidedBy;
        this.decidedAt = decidedAt;
        this.reason = reason;
    }

    /**
     * @param recordUid a record uid
     * @param entityId  an entity id
     * @return the decision id for the pair
     */
    public static String idOf(String recordUid, String entityId) {
        return recordUid + "|" + entityId;
    }

    /** @return the record */
    public String recordUid() {
        return recordUid;
    }

    /** @return the entity */
    public String entityId() {
        return entityId;
    }

    /** @return {@link #ACCEPT} or {@link #REJECT} */
    public String decision() {
        return decision;
    }

    /** @return who decided */
    public String decidedBy() {
        return decidedBy;
    }

    /** @return when */
    public Instant decidedAt() {
        return decidedAt;
    }

    /** @return why, or null */
    public String reason() {
        return reason;
    }
}

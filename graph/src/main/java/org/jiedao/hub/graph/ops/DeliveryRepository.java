package org.jiedao.hub.graph.ops;

import java.time.Instant;
import java.util.List;

import org.springframework.data.neo4j.repository.Neo4jRepository;
import org.springframework.data.neo4j.repository.query.Query;
import org.springframework.data.repository.query.Param;

/**
 * Spring Data repository of {@link Delivery} nodes. State changes are single queries guarded by the current state,
 * so a delivery never goes back from SENT to PENDING and a late failure report cannot undo a success.
 */
interface DeliveryRepository extends Neo4jRepository<Delivery, String> {

    /**
     * Creates a PENDING delivery linked to an existing agreement, with the change-feed watermark it covers up to (null
     * for a snapshot: no property); returns 0 if the agreement is unknown.
     */
    @Query("""
            MATCH (a:Agreement {id: $agreementId})
            CREATE (d:Delivery {id: $id, agreementId: $agreementId, contentSha256: $sha256, entityKeys: $keys,
                fileName: $fileName, createdAt: $createdAt, state: 'PENDING', attempts: 0, nextAttemptAt: $createdAt,
                watermark: $watermark})
            CREATE (d)-[:DELIVERY_OF]->(a)
            RETURN count(d)""")
    long record(@Param("id") String id, @Param("agreementId") String agreementId, @Param("sha256") String sha256,
                @Param("keys") List<String> keys, @Param("fileName") String fileName,
                @Param("createdAt") Instant createdAt, @Param("watermark") Instant watermark);

    /** PENDING deliveries whose next attempt is due, oldest first. */
    @Query("""
            MATCH (d:Delivery {state: 'PENDING'}) WHERE d.nextAttemptAt <= $now
            RETURN d ORDER BY d.createdAt, d.id LIMIT $limit""")
    List<Delivery> due(@Param("now") Instant now, @Param("limit") long limit);

    /** Marks a PENDING delivery SENT, counting the attempt; returns 0 if it is not PENDING. */
    @Query("""
            MATCH (d:Delivery {id: $id, state: 'PENDING'})
            SET d.state = 'SENT', d.sentAt = $at, d.attempts = d.attempts + 1, d.nextAttemptAt = null, d.lastError = null
            RETURN count(d)""")
    long markSent(@Param("id") String id, @Param("at") Instant at);

    /**
     * Marks a PENDING delivery SENT and at once ACKNOWLEDGED with the partner's receipt (a channel that answers with
     * one), counting the attempt; returns 0 if it is not PENDING.
     */
    @Query("""
            MATCH (d:Delivery {id: $id, state: 'PENDING'})
            SET d.state = 'ACKNOWLEDGED', d.sentAt = $at, d.acknowledgedAt = $at, d.receipt = $receipt,
                d.attempts = d.attempts + 1, d.nextAttemptAt = null, d.lastError = null
            RETURN count(d)""")
    long markSentAndAcknowledged(@Param("id") String id, @Param("at") Instant at, @Param("receipt") String receipt);

    /**
     * Counts a failed attempt of a PENDING delivery: it stays PENDING until {@code nextAttemptAt}, or becomes FAILED
     * when {@code give up} is true. Returns 0 if it is not PENDING.
     */
    @Query("""
            MATCH (d:Delivery {id: $id, state: 'PENDING'})
            SET d.attempts = d.attempts + 1, d.lastError = $error,
                d.state = CASE WHEN $giveUp THEN 'FAILED' ELSE 'PENDING' END,
                d.nextAttemptAt = CASE WHEN $giveUp THEN null ELSE $next END
            RETURN count(d)""")
    long markAttemptFailed(@Param("id") String id, @Param("error") String error, @Param("next") Instant next,
                           @Param("giveUp") boolean giveUp);

    /** Marks a SENT (or still PENDING) delivery ACKNOWLEDGED, with the partner's receipt if given; returns 0 otherwise. */
    @Query("""
            MATCH (d:Delivery {id: $id}) WHERE d.state IN ['SENT', 'PENDING']
            SET d.state = 'ACKNOWLEDGED', d.acknowledgedAt = $at, d.nextAttemptAt = null,
                d.receipt = coalesce($receipt, d.receipt)
            RETURN count(d)""")
    long markAcknowledged(@Param("id") String id, @Param("at") Instant at, @Param("receipt") String receipt);

    /** Deliveries of one agreement, newest first. */
    @Query("""
            MATCH (d:Delivery {agreementId: $agreementId})
            RETURN d ORDER BY d.createdAt DESC, d.id""")
    List<Delivery> ofAgreement(@Param("agreementId") String agreementId);
}

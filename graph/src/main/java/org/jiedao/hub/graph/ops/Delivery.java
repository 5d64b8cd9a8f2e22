package org.jiedao.hub.graph.ops;

import java.time.Instant;
import java.util.List;

import org.springframework.data.neo4j.core.schema.Id;
import org.springframework.data.neo4j.core.schema.Node;

/**
 * One delivery of the exchange outbox: label {@code Delivery}, key {@code id} (a UUID, unique by the constraint
 * {@code Delivery_id_key}), linked {@code (:Delivery)-[:DELIVERY_OF]->(:Agreement)}. It is recorded before the
 * payload is sent, and every (re)send uses its id, so a partner never receives the same content under two ids.
 *
 * <p>Written only through {@link ExchangeLedger}'s queries, never by saving the entity.
 */
@Node("Delivery")
public class Delivery {
    @Id
    private String id;
    private String agreementId;
    private String contentSha256;
    private List<String> entityKeys;
    private String fileName;
    private Instant createdAt;
    private String state;
    private long attempts;
    private Instant nextAttemptAt;
    private Instant sentAt;
    private Instant acknowledgedAt;
    private String lastError;
    private String receipt;
    private Instant watermark;

    /** For Spring Data. */
    protected Delivery() {
    }

    /** @return the delivery id (UUID text) */
    public String id() {
        return id;
    }

    /** @return the agreement it delivers under */
    public String agreementId() {
        return agreementId;
    }

    /** @return SHA-256 of the payload bytes, lower-case hex */
    public String contentSha256() {
        return contentSha256;
    }

    /** @return the keys of the entities it carries (e.g. ID numbers), in payload order */
    public List<String> entityKeys() {
        return entityKeys == null ? List.of() : List.copyOf(entityKeys);
    }

    /** @return the payload's file name as delivered, e.g. {@code civil-affairs-residents-<id>.csv} */
    public String fileName() {
        return fileName;
    }

    /** @return when it was recorded */
    public Instant createdAt() {
        return createdAt;
    }

    /** @return its state */
    public DeliveryState state() {
        return DeliveryState.valueOf(state);
    }

    /** @return how many send attempts failed or succeeded so far */
    public long attempts() {
        return attempts;
    }

    /** @return the earliest time of the next attempt (PENDING only), else null */
    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    /** @return when the channel accepted it, or null */
    public Instant sentAt() {
        return sentAt;
    }

    /** @return when the partner acknowledged it, or null */
    public Instant acknowledgedAt() {
        return acknowledgedAt;
    }

    /** @return the last send error, or null */
    public String lastError() {
        return lastError;
    }

    /** @return the partner's receipt reference from its answer to the delivery (webhook), or null */
    public String receipt() {
        return receipt;
    }

    /**
     * @return for a change-feed delivery ({@code mode: changes}), the newest change it covers: the next extract of its
     *         agreement carries the changes after it; null for a snapshot
     */
    public Instant watermark() {
        return watermark;
    }

    @Override
    public String toString() {
        return "Delivery[" + id + ", " + agreementId + ", " + state + ", attempts " + attempts + "]";
    }
}

package org.jiedao.hub.graph.ops;

/** Where a {@link Delivery} stands in the outbox. */
public enum DeliveryState {
    /** Recorded and archived, not yet accepted by the partner's channel; retried with backoff. */
    PENDING,
    /** The channel accepted it (file renamed into the drop folder, broker confirmed the message). */
    SENT,
    /** The partner acknowledged it. */
    ACKNOWLEDGED,
    /** Given up: attempts exhausted, or its archive is missing or does not match its recorded hash. */
    FAILED
}

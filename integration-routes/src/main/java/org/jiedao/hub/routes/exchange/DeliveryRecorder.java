package org.jiedao.hub.routes.exchange;

import org.jiedao.hub.graph.ops.Delivery;

/**
 * Where the outbox reports each delivery its channel accepted, before marking it SENT: the app records it in the
 * hash-chained audit trail (docs/security/audit.md, kind {@code delivery}) with the entities it carried. If recording
 * throws, the attempt counts as failed and the delivery is sent again later under the same id.
 */
@FunctionalInterface
public interface DeliveryRecorder {
    /** Records nothing. */
    DeliveryRecorder NONE = (agreement, delivery, sent) -> { };

    /**
     * @param agreement the agreement it was delivered under
     * @param delivery  its record (id, entity keys, hash, attempts before this one)
     * @param sent      what was sent
     * @throws RuntimeException if it cannot be recorded (the delivery then stays PENDING)
     */
    void record(AgreementDefinition agreement, Delivery delivery, DeliveryPackage sent);
}

package org.jiedao.hub.routes.exchange;

/** A way of handing a delivery to a partner. Sending the same package again must be harmless (same id, same bytes). */
public interface DeliveryChannel {
    /**
     * Sends a delivery and returns only when the partner's side has it (a file renamed into place, a broker confirm).
     *
     * @param delivery what to send
     * @throws Exception if the peer is unreachable or refuses it; the outbox retries later under the same id
     */
    void send(DeliveryPackage delivery) throws Exception;
}

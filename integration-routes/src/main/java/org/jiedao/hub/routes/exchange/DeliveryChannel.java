package org.jiedao.hub.routes.exchange;

import java.util.Optional;

/** A way of handing a delivery to a partner. Sending the same package again must be harmless (same id, same bytes). */
public interface DeliveryChannel {
    /**
     * Sends a delivery and returns only when the partner's side has it (a file renamed into place, a broker confirm).
     *
     * @param delivery what to send
     * @throws Exception if the peer is unreachable or refuses it; the outbox retries later under the same id
     */
    void send(DeliveryPackage delivery) throws Exception;

    /**
     * Sends a delivery as {@link #send} does, and returns the partner's receipt when the channel carries one (the
     * webhook's answer {@code {"receipt": "..."}}); the outbox then records the delivery as acknowledged.
     *
     * @param delivery what to send
     * @return the partner's receipt reference, or empty when the channel has none (the default)
     * @throws Exception if the peer is unreachable or refuses it; the outbox retries later under the same id
     */
    default Optional<String> deliver(DeliveryPackage delivery) throws Exception {
        send(delivery);
        return Optional.empty();
    }
}

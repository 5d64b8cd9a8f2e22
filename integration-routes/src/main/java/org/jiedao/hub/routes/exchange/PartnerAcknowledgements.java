package org.jiedao.hub.routes.exchange;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

import org.jiedao.hub.graph.ops.Agreement;
import org.jiedao.hub.graph.ops.Delivery;
import org.jiedao.hub.graph.ops.DeliveryState;
import org.jiedao.hub.graph.ops.ExchangeLedger;

/**
 * A partner agency's view of its deliveries and its acknowledgements of them (issue 10, item 3; docs/exchange.md,
 * "Receipts"). A delivery belongs to the partner role its agreement names ({@code partner}); to any other role it
 * does not exist, so one partner cannot learn another's delivery ids.
 *
 * <p>Acknowledging records {@link DeliveryState#ACKNOWLEDGED} and the time against the delivery, which also stops the
 * outbox from sending it again. It is idempotent: a second acknowledgement changes nothing and answers the first one's
 * time. A delivery still {@code PENDING} may be acknowledged (the partner received it but the hub had not recorded
 * the send, e.g. it was stopped between sending and recording). A {@code FAILED} delivery cannot be: the hub gave up
 * on it, or its archive no longer matches. If the partner names the SHA-256 of the content it received, it must be
 * the delivery's, else nothing is recorded.
 */
public final class PartnerAcknowledgements {
    private final ExchangeLedger ledger;
    private final Clock clock;

    /** What an acknowledgement did. */
    public sealed interface Outcome {
    }

    /**
     * Recorded now, or earlier.
     *
     * @param delivery the delivery as it stands afterwards (ACKNOWLEDGED)
     * @param already  true if it had been acknowledged before (nothing changed)
     */
    public record Acknowledged(Delivery delivery, boolean already) implements Outcome {
    }

    /** No delivery of that id for the asking role. */
    public record NotFound() implements Outcome {
    }

    /**
     * Refused, nothing recorded.
     *
     * @param reason why, for the partner's developer
     */
    public record Refused(String reason) implements Outcome {
    }

    /**
     * @param ledger the exchange ledger
     * @param clock  the time recorded for acknowledgements
     */
    public PartnerAcknowledgements(ExchangeLedger ledger, Clock clock) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param deliveryId a delivery id
     * @param role       the asking role
     * @return the delivery, if it exists and its agreement's partner is that role
     * @throws org.springframework.dao.DataAccessException if Neo4j cannot be read
     */
    public Optional<Delivery> delivery(String deliveryId, String role) {
        return ledger.delivery(deliveryId).filter(d -> ledger.agreement(d.agreementId())
                .map(Agreement::partner).filter(role::equals).isPresent());
    }

    /**
     * @param deliveryId    a delivery id
     * @param role          the acknowledging role
     * @param contentSha256 the SHA-256 (hex) of the content the partner received, or null to not check it
     * @param receipt       the partner's own reference for what it received, or null; kept on the delivery
     * @return what was done
     * @throws org.springframework.dao.DataAccessException if Neo4j cannot be read or written
     */
    public Outcome acknowledge(String deliveryId, String role, String contentSha256, String receipt) {
        Optional<Delivery> found = delivery(deliveryId, role);
        if (found.isEmpty()) {
            return new NotFound();
        }
        Delivery d = found.get();
        if (contentSha256 != null && !contentSha256.equalsIgnoreCase(d.contentSha256())) {
            return new Refused("delivery " + deliveryId + " has content SHA-256 " + d.contentSha256()
                    + ", not the " + contentSha256 + " acknowledged; nothing was recorded (verify the signature of what"
                    + " you received; the hub sends the same delivery again until it is acknowledged)");
        }
        return switch (d.state()) {
            case ACKNOWLEDGED -> new Acknowledged(d, true);
            case FAILED -> new Refused("delivery " + deliveryId + " failed on the hub's side (" + d.lastError()
                    + ") and cannot be acknowledged; ask the hub's operators");
            case PENDING, SENT -> {
                if (ledger.markAcknowledged(deliveryId, clock.instant(), receipt)) {
                    yield new Acknowledged(ledger.delivery(deliveryId).orElseThrow(), false);
                }
                // changed state meanwhile (sent, acknowledged or given up by another thread): answer what it is now
                Delivery now = ledger.delivery(deliveryId).orElseThrow();
                yield now.state() == DeliveryState.ACKNOWLEDGED ? new Acknowledged(now, true)
                        : new Refused("delivery " + deliveryId + " is " + now.state() + " and cannot be acknowledged");
            }
        };
    }
}

package org.jiedao.hub.app;

import java.util.List;
import java.util.Map;

import org.jiedao.hub.api.access.Principal;
import org.jiedao.hub.api.audit.AuditEvent;
import org.jiedao.hub.api.audit.AuditLog;
import org.jiedao.hub.api.audit.EntityRef;
import org.jiedao.hub.graph.ops.Delivery;
import org.jiedao.hub.routes.exchange.AgreementDefinition;
import org.jiedao.hub.routes.exchange.DeliveryPackage;
import org.jiedao.hub.routes.exchange.DeliveryRecorder;

/**
 * Records each delivery in the audit trail (docs/security/audit.md, "The delivery API"): kind {@code delivery}, the
 * partner's role as principal and role (authenticated {@code internal}: the hub pushes), the agreement's purpose, the
 * agreement id as {@code operation}, the entities carried (pseudonymised by the log), the payload size, and as
 * details the delivery id, channel, content hash and attempt. {@code hub audit search --person} then shows which
 * partner received a resident, when and under which agreement.
 */
final class AuditedDeliveries implements DeliveryRecorder {
    private final AuditLog audit;

    /** @param audit the hub's audit trail */
    AuditedDeliveries(AuditLog audit) {
        this.audit = audit;
    }

    /**
     * @throws org.jiedao.hub.api.audit.AuditUnavailableException if the record cannot be written (the outbox then
     *                                                            retries the delivery under the same id)
     */
    @Override
    public void record(AgreementDefinition agreement, Delivery delivery, DeliveryPackage sent) {
        Principal partner = new Principal(agreement.partner(), agreement.partner(), Map.of(), agreement.purpose(), "internal");
        List<EntityRef> entities = delivery.entityKeys().stream().map(k -> new EntityRef(agreement.entity(), k)).toList();
        audit.record(AuditEvent.builder(AuditEvent.Kind.DELIVERY)
                .principal(partner)
                .operation(agreement.id())
                .entities(entities)
                .resultBytes(sent.payload().length)
                .detail("deliveryId", delivery.id())
                .detail("channel", agreement.channel())
                .detail("contentSha256", delivery.contentSha256())
                .detail("attempt", delivery.attempts() + 1)
                .build());
    }
}

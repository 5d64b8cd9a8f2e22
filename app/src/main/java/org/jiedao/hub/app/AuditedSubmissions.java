package org.jiedao.hub.app;

import java.util.Map;

import org.jiedao.hub.api.access.Principal;
import org.jiedao.hub.api.audit.AuditEvent;
import org.jiedao.hub.api.audit.AuditLog;
import org.jiedao.hub.routes.exchange.SubmissionRecorder;

/**
 * Records each submission taken from a partner's queue in the audit trail, as the REST endpoint does
 * ({@link SubmissionEndpoints}): kind {@code submission}, the source id as operation, the body's size, and as details
 * the receipt id, the record count and the transport {@code amqp}. The principal is the broker-validated AMQP
 * user id, authenticated {@code amqp}.
 */
final class AuditedSubmissions implements SubmissionRecorder {
    private final AuditLog audit;

    /** @param audit the hub's audit trail */
    AuditedSubmissions(AuditLog audit) {
        this.audit = audit;
    }

    /**
     * @throws org.jiedao.hub.api.audit.AuditUnavailableException if the record cannot be written (the message is then
     *                                                            delivered again and nothing is written)
     */
    @Override
    public void record(String source, String role, String principal, String receiptId, int records, long bytes) {
        audit.record(AuditEvent.builder(AuditEvent.Kind.SUBMISSION)
                .principal(new Principal(principal, role, Map.of(), null, "amqp"))
                .operation(source)
                .resultBytes(bytes)
                .detail("records", records)
                .detail("receiptId", receiptId)
                .detail("transport", "amqp")
                .build());
    }
}

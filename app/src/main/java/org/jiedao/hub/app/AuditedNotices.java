package org.jiedao.hub.app;

import java.util.List;
import java.util.Map;

import org.jiedao.hub.api.access.Principal;
import org.jiedao.hub.api.audit.AuditEvent;
import org.jiedao.hub.api.audit.AuditLog;
import org.jiedao.hub.api.audit.EntityRef;
import org.jiedao.hub.routes.notices.Notice;
import org.jiedao.hub.routes.notices.NoticeRecorder;

/**
 * Records each notice sent in the audit trail (docs/security/audit.md): kind {@code notice}, the hub itself as
 * principal (role {@code internal}, purpose {@code proactive-outreach}), the service code as operation, the resident as
 * entity (pseudonymised by the log), and as details the notice id and channel. {@code hub audit search --person} then
 * shows which notices a resident was sent.
 */
final class AuditedNotices implements NoticeRecorder {
    private final AuditLog audit;

    /** @param audit the hub's audit trail */
    AuditedNotices(AuditLog audit) {
        this.audit = audit;
    }

    /**
     * @throws org.jiedao.hub.api.audit.AuditUnavailableException if the record cannot be written (the outbox then
     *                                                            sends the notice again under the same id)
     */
    @Override
    public void record(Notice notice, String channel) {
        Principal hub = new Principal("hub", "internal", Map.of(), "proactive-outreach", "internal");
        audit.record(AuditEvent.builder(AuditEvent.Kind.NOTICE)
                .principal(hub)
                .operation(notice.service())
                .entities(List.of(new EntityRef("Person", notice.idNumber())))
                .resultBytes(notice.text().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .detail("noticeId", notice.id())
                .detail("channel", channel)
                .build());
    }
}

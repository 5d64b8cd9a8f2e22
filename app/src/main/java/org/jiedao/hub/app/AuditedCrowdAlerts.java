package org.jiedao.hub.app;

import java.util.Map;

import org.jiedao.hub.analytics.CrowdAlert;
import org.jiedao.hub.analytics.CrowdMonitor;
import org.jiedao.hub.api.access.Principal;
import org.jiedao.hub.api.audit.AuditEvent;
import org.jiedao.hub.api.audit.AuditLog;
import org.jiedao.hub.graph.feed.Alert;
import org.jiedao.hub.graph.feed.Alerts;

/**
 * Where the crowd monitor's alerts go (docs/analytics.md, "Crowd density"): first the audit trail (kind
 * {@code alert}, principal {@code crowd-monitor} authenticated {@code internal}, the zone as operation, and as details
 * the alert id, kind, bucket, density, forecast and threshold), then the process's alert feed, which the GraphQL
 * subscription {@code alerts} serves with the zone code as {@code source}. Severity: {@code CRITICAL} when exceeded,
 * {@code WARNING} when forecast, {@code INFO} when cleared.
 */
final class AuditedCrowdAlerts implements CrowdMonitor.Sink {
    private static final Principal MONITOR = new Principal("crowd-monitor", "crowd-monitor", Map.of(), "public safety", "internal");
    private final AuditLog audit;

    /** @param audit the hub's audit trail */
    AuditedCrowdAlerts(AuditLog audit) {
        this.audit = audit;
    }

    /**
     * @throws org.jiedao.hub.api.audit.AuditUnavailableException if the audit record cannot be written (the alert is
     *                                                            then not published; it stays in the graph)
     */
    @Override
    public void raised(CrowdAlert alert) {
        AuditEvent.Builder event = AuditEvent.builder(AuditEvent.Kind.ALERT)
                .principal(MONITOR)
                .operation(alert.zone())
                .detail("alertId", alert.id())
                .detail("kind", alert.kind())
                .detail("bucket", alert.bucket().toString())
                .detail("density", alert.density())
                .detail("threshold", alert.threshold());
        if (!Double.isNaN(alert.forecastMax())) {
            event.detail("forecastMax", alert.forecastMax());
        }
        audit.record(event.build());
        Alert.Severity severity = switch (alert.kind()) {
            case "CROWD_DENSITY_EXCEEDED" -> Alert.Severity.CRITICAL;
            case "CROWD_DENSITY_FORECAST" -> Alert.Severity.WARNING;
            default -> Alert.Severity.INFO;
        };
        Alerts.publish(new Alert(alert.id(), alert.kind(), severity, alert.message(), alert.raisedAt(), alert.zone()));
    }
}

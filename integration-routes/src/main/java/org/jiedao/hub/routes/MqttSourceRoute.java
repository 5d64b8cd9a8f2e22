package org.jiedao.hub.routes;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Constants;
import org.jiedao.hub.loaders.source.Durations;
import org.jiedao.hub.loaders.source.SourceDefinition;
import org.jiedao.hub.loaders.source.SourceDefinition.MqttOptions;

/**
 * The route of a {@code kind: mqtt} source: camel-paho-mqtt5 subscribed to {@code mqtt.topic} with QoS 1 or 2 in a
 * persistent session (MQTT 5: Clean Start 0, session expiry one week, client id {@code mqtt.clientId}, default
 * {@code jiedao-hub-<source id>}), so events published while the hub is down are delivered when it reconnects.
 *
 * <p>Acknowledgement after commit: manual acknowledgements are on, and the PUBACK (QoS 1) or PUBREC (QoS 2) is sent
 * when the route completed without error, i.e. after {@link EventMessageProcessor} saw the write commit. A failing
 * write is retried {@code errorPolicy.retries} times with exponential backoff from {@code errorPolicy.backoff};
 * then the message stays unacknowledged. MQTT 5 (section 4.4) lets a server resend an unacknowledged message only
 * when the session is resumed, so it is delivered again on the next connection of the same client id (the hub's
 * restart, or a reconnect after a network failure) and loaded then; until then the broker keeps it. A redelivered
 * event has the same record key (the event id) and content, so writing it again changes nothing.
 * Route id {@code source-<id>}.
 */
final class MqttSourceRoute extends RouteBuilder {
    /** Session expiry interval: how long the broker keeps the session (and queued QoS 1/2 messages) while the hub is away. */
    static final long SESSION_EXPIRY_SECONDS = Duration.ofDays(7).toSeconds();
    private final Ingester ingester;

    MqttSourceRoute(Ingester ingester) {
        this.ingester = ingester;
    }

    @Override
    public void configure() {
        SourceDefinition d = ingester.mapping().definition();
        MqttOptions m = d.mqtt();
        Duration backoff = Durations.parse(d.errorPolicy().backoff());
        errorHandler(defaultErrorHandler().maximumRedeliveries(d.errorPolicy().retries())
                .redeliveryDelay(Math.max(1, backoff.toMillis())).useExponentialBackOff().backOffMultiplier(2)
                .maximumRedeliveryDelay(Duration.ofMinutes(5).toMillis())
                .logStackTrace(false).logExhaustedMessageHistory(false).logRetryAttempted(false));
        String clientId = m.clientId() != null ? m.clientId() : "jiedao-hub-" + d.id();
        StringBuilder uri = new StringBuilder("paho-mqtt5:").append(URLEncoder.encode(m.topic(), StandardCharsets.UTF_8))
                .append("?brokerUrl=RAW(").append(m.broker()).append(")")
                .append("&clientId=RAW(").append(clientId).append(")")
                .append("&qos=").append(m.qos() == null ? 1 : m.qos())
                .append("&cleanStart=false&sessionExpiryInterval=").append(SESSION_EXPIRY_SECONDS)
                .append("&manualAcksEnabled=true&automaticReconnect=true");
        if (m.username() != null) {
            uri.append("&userName=RAW(").append(m.username()).append(")");
        }
        if (m.password() != null) {
            uri.append("&password=RAW(").append(m.password()).append(")");
        }
        from(uri.toString())
                .routeId("source-" + d.id())
                .process(new EventMessageProcessor(ingester, e -> "topic " + e.getIn().getHeader(PahoMqtt5Constants.MQTT_TOPIC)));
    }
}

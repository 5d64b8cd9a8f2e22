package org.jiedao.hub.routes;

import java.time.Duration;

import org.apache.camel.builder.RouteBuilder;
import org.jiedao.hub.loaders.source.Durations;
import org.jiedao.hub.loaders.source.SourceDefinition;
import org.jiedao.hub.loaders.source.SourceDefinition.MqttOptions;

/**
 * The route of a {@code kind: mqtt} source: an {@link MqttSubscriber} (Eclipse Paho, MQTT 5) subscribed to
 * {@code mqtt.topic} with QoS 1 or 2 in a persistent session (Clean Start 0, session expiry one week, client id
 * {@code mqtt.clientId}, default {@code jiedao-hub-<source id>}), so events published while the hub is down are
 * delivered when it reconnects; it hands each message to the route {@code direct:source-<id>}.
 *
 * <p>Acknowledgement after commit: the PUBACK (QoS 1) or PUBREC (QoS 2) is sent only when the route completed,
 * i.e. after {@link EventMessageProcessor} saw the write commit. A failing write is retried
 * {@code errorPolicy.retries} times with exponential backoff from {@code errorPolicy.backoff}; then the message
 * stays unacknowledged and the subscriber resumes its session after {@code errorPolicy.backoff}, which makes the
 * broker deliver it again (MQTT 5 lets a server resend an unacknowledged message only on session resumption). A
 * redelivered event has the same record key (the event id) and content, so writing it again changes nothing.
 * Route id {@code source-<id>}.
 */
final class MqttSourceRoute extends RouteBuilder {
    /** Session expiry interval: how long the broker keeps the session (and queued QoS 1/2 messages) while the hub is away. */
    static final Duration SESSION_EXPIRY = Duration.ofDays(7);
    /** Header carrying the topic a message was published to. */
    static final String TOPIC_HEADER = "JiedaoMqttTopic";
    private final Ingester ingester;

    MqttSourceRoute(Ingester ingester) {
        this.ingester = ingester;
    }

    @Override
    public void configure() throws Exception {
        SourceDefinition d = ingester.mapping().definition();
        MqttOptions m = d.mqtt();
        Duration backoff = Durations.parse(d.errorPolicy().backoff());
        errorHandler(defaultErrorHandler().maximumRedeliveries(d.errorPolicy().retries())
                .redeliveryDelay(Math.max(1, backoff.toMillis())).useExponentialBackOff().backOffMultiplier(2)
                .maximumRedeliveryDelay(Duration.ofMinutes(5).toMillis())
                .logStackTrace(false).logExhaustedMessageHistory(false).logRetryAttempted(false));
        MqttSubscriber subscriber = new MqttSubscriber(d.id(), m.broker(), m.clientId() != null ? m.clientId() : "jiedao-hub-" + d.id(),
                m.topic(), m.qos() == null ? 1 : m.qos(), m.username(), m.password(), SESSION_EXPIRY,
                backoff.isZero() ? Duration.ofSeconds(1) : backoff);
        getContext().addService(subscriber, true, true);
        getContext().addStartupListener(subscriber);
        from("direct:source-" + d.id())
                .routeId("source-" + d.id())
                .process(new EventMessageProcessor(ingester, e -> "topic " + e.getIn().getHeader(TOPIC_HEADER)));
    }
}

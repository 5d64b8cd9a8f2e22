package org.jiedao.hub.routes;

import java.time.Duration;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.springrabbit.SpringRabbitMQConstants;
import org.jiedao.hub.loaders.source.Durations;
import org.jiedao.hub.loaders.source.SourceDefinition;
import org.jiedao.hub.loaders.source.SourceDefinition.AmqpOptions;

/**
 * The route of a {@code kind: amqp} source: camel-spring-rabbitmq consuming {@code amqp.queue} (declared durable,
 * and bound to {@code amqp.exchange}, a direct exchange, with {@code amqp.routingKey} — default the queue name —
 * when an exchange is given), one consumer, messages in order.
 *
 * <p>Acknowledgement after commit: the listener container acknowledges a message (AMQP 0-9-1 {@code basic.ack})
 * only when the route returned without error, i.e. after {@link EventMessageProcessor} saw the write commit. A
 * failing write is retried by the route {@code errorPolicy.retries} times with exponential backoff from
 * {@code errorPolicy.backoff}; then the message is rejected with requeue ({@code basic.nack requeue=true}) and
 * delivered again, so it is loaded once the graph is back. A redelivered event has the same record key (the
 * event id) and content, so writing it again changes nothing. Route id {@code source-<id>}.
 */
final class AmqpSourceRoute extends RouteBuilder {
    private final Ingester ingester;

    AmqpSourceRoute(Ingester ingester) {
        this.ingester = ingester;
    }

    @Override
    public void configure() throws Exception {
        SourceDefinition d = ingester.mapping().definition();
        AmqpOptions a = d.amqp();
        Duration backoff = Durations.parse(d.errorPolicy().backoff());
        errorHandler(defaultErrorHandler().maximumRedeliveries(d.errorPolicy().retries())
                .redeliveryDelay(Math.max(1, backoff.toMillis())).useExponentialBackOff().backOffMultiplier(2)
                .maximumRedeliveryDelay(Duration.ofMinutes(5).toMillis())
                .logStackTrace(false).logExhaustedMessageHistory(false).logRetryAttempted(false));
        AmqpConsumers.bind(getContext(), d.id(), a);
        from(AmqpConsumers.consumerUri(d.id(), a))
                .routeId("source-" + d.id())
                .process(new EventMessageProcessor(ingester, e -> location(a.queue(), e.getIn().getHeader(SpringRabbitMQConstants.MESSAGE_ID))));
    }

    /**
     * A message's location: {@code queue <name>}, with {@code message <id>} when the publisher set a message id. It is
     * the same on every delivery of the message, so a bad message delivered twice is quarantined once.
     */
    private static String location(String queue, Object messageId) {
        return "queue " + queue + (messageId == null ? "" : " message " + messageId);
    }
}

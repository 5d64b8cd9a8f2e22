package org.jiedao.hub.routes;

import java.time.Duration;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.springrabbit.SpringRabbitMQConstants;
import org.apache.camel.support.service.ServiceSupport;
import org.jiedao.hub.loaders.source.Durations;
import org.jiedao.hub.loaders.source.SourceDefinition;
import org.jiedao.hub.loaders.source.SourceDefinition.AmqpOptions;
import org.springframework.amqp.rabbit.config.RetryInterceptorBuilder;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.retry.ImmediateRequeueMessageRecoverer;

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
        CachingConnectionFactory connections = new CachingConnectionFactory(a.host(), a.port() == null ? 5672 : a.port());
        connections.setUsername(a.username() == null ? "guest" : a.username());
        connections.setPassword(a.password() == null ? "guest" : a.password());
        connections.setVirtualHost(a.virtualHost() == null ? "/" : a.virtualHost());
        getContext().getRegistry().bind("amqpConnections-" + d.id(), connections);
        // the route retries (with backoff); once it gives up, the container rejects the message WITH requeue.
        // (camel-spring-rabbitmq's own retry settings would discard it: no recoverer means reject, no requeue)
        getContext().getRegistry().bind("amqpRequeue-" + d.id(), RetryInterceptorBuilder.stateless().maxAttempts(1)
                .recoverer(new ImmediateRequeueMessageRecoverer()).build());
        getContext().addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                connections.destroy();
            }
        }, true, true);
        boolean ownExchange = a.exchange() != null && !a.exchange().isBlank();
        String routingKey = a.routingKey() != null ? a.routingKey() : a.queue();
        fromF("spring-rabbitmq:%s?queues=%s&connectionFactory=#%s&autoDeclare=true&acknowledgeMode=AUTO"
                        + "&concurrentConsumers=1&prefetchCount=50&retry=#%s&arg.queue.durable=true%s",
                ownExchange ? a.exchange() : "default", "RAW(" + a.queue() + ")", "amqpConnections-" + d.id(), "amqpRequeue-" + d.id(),
                ownExchange ? "&routingKey=RAW(" + routingKey + ")" : "")
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

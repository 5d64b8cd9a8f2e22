package org.jiedao.hub.routes;

import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.jiedao.hub.loaders.source.SourceDefinition.AmqpOptions;
import org.springframework.amqp.rabbit.config.RetryInterceptorBuilder;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.retry.ImmediateRequeueMessageRecoverer;

/**
 * The hub's way of consuming an AMQP 0-9-1 queue (RabbitMQ) with camel-spring-rabbitmq, shared by the routes of
 * {@code kind: amqp} sources and of partners' submission queues: a connection factory per route (defaults
 * {@code guest}/{@code guest}, port 5672, virtual host {@code /}), closed with the Camel context; the queue declared
 * durable, and bound to {@code exchange} (a direct exchange) with {@code routingKey} (default the queue name) when an
 * exchange is given (else partners publish to it through the default exchange); one consumer, in order, acknowledged ({@code basic.ack}) only when the route returned without
 * error, and rejected WITH requeue once the route's own retries are exhausted (camel-spring-rabbitmq's retry without
 * a recoverer would reject without requeue, i.e. lose the message).
 */
public final class AmqpConsumers {
    private AmqpConsumers() {
    }

    /**
     * Binds the connection factory and the requeue policy of one consuming route into the context's registry.
     *
     * @param context the Camel context (the factory is destroyed when it stops)
     * @param name    a name unique in the context, e.g. the source id
     * @param a       the queue's options
     * @return the connection factory, also usable to publish replies
     */
    public static CachingConnectionFactory bind(CamelContext context, String name, AmqpOptions a) {
        CachingConnectionFactory connections = new CachingConnectionFactory(a.host(), a.port() == null ? 5672 : a.port());
        connections.setUsername(a.username() == null ? "guest" : a.username());
        connections.setPassword(a.password() == null ? "guest" : a.password());
        connections.setVirtualHost(a.virtualHost() == null ? "/" : a.virtualHost());
        if (a.exchange() == null || a.exchange().isBlank()) {
            // camel-spring-rabbitmq's autoDeclare would bind the queue to the default exchange, which RabbitMQ refuses;
            // declare the durable queue on every (re)connection instead
            connections.addConnectionListener(connection -> {
                try (var channel = connection.createChannel(false)) {
                    channel.queueDeclare(a.queue(), true, false, false, null);
                } catch (java.io.IOException | java.util.concurrent.TimeoutException e) {
                    throw new IllegalStateException("cannot declare queue " + a.queue() + ": " + e.getMessage(), e);
                }
            });
        }
        context.getRegistry().bind("amqpConnections-" + name, connections);
        context.getRegistry().bind("amqpRequeue-" + name, RetryInterceptorBuilder.stateless().maxAttempts(1)
                .recoverer(new ImmediateRequeueMessageRecoverer()).build());
        try {
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() {
                    connections.destroy();
                }
            }, true, true);
        } catch (Exception e) {
            connections.destroy();
            throw new IllegalStateException("cannot register the AMQP connections of " + name + ": " + e.getMessage(), e);
        }
        return connections;
    }

    /**
     * @param name the name given to {@link #bind}
     * @param a    the queue's options
     * @return the consumer endpoint URI
     */
    public static String consumerUri(String name, AmqpOptions a) {
        boolean ownExchange = a.exchange() != null && !a.exchange().isBlank();
        String routingKey = a.routingKey() != null ? a.routingKey() : a.queue();
        return String.format("spring-rabbitmq:%s?queues=%s&connectionFactory=#%s&autoDeclare=%s&acknowledgeMode=AUTO"
                        + "&concurrentConsumers=1&prefetchCount=50&retry=#%s&arg.queue.durable=true%s",
                ownExchange ? a.exchange() : "default", "RAW(" + a.queue() + ")", "amqpConnections-" + name, ownExchange,
                "amqpRequeue-" + name, ownExchange ? "&routingKey=RAW(" + routingKey + ")" : "");
    }
}

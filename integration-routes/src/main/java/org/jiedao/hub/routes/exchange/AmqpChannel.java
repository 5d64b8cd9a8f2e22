package org.jiedao.hub.routes.exchange;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.springrabbit.SpringRabbitMQConstants;
import org.apache.camel.support.service.ServiceSupport;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

/**
 * The AMQP channel: a Camel route {@code exchange-<agreement>} from {@code direct:exchange-<agreement>} to
 * camel-spring-rabbitmq (the component the AMQP source route uses), publishing to the agreement's exchange with its
 * routing key, persistent, with publisher confirms ({@code confirm=enabled}: the send returns only when the broker
 * confirmed the message, and fails if it nacks, times out, or the exchange does not exist). The message body is the
 * payload; its AMQP message id is the delivery id; headers {@code delivery-id}, {@code content-sha256},
 * {@code jws} (detached signature), {@code agreement} and {@code file-name} carry the proof. The hub does not
 * declare the partner's exchange.
 */
public final class AmqpChannel implements DeliveryChannel {
    private final String endpoint;
    private final ProducerTemplate producer;
    private final CachingConnectionFactory connections;
    private final String exchange;

    private AmqpChannel(String endpoint, ProducerTemplate producer, CachingConnectionFactory connections, String exchange) {
        this.endpoint = endpoint;
        this.producer = producer;
        this.connections = connections;
        this.exchange = exchange;
    }

    /**
     * Adds the agreement's route to a Camel context (before or after it starts).
     *
     * @param camel     the exchange runtime's Camel context
     * @param agreement an agreement with channel amqp
     * @return the channel
     * @throws Exception if the route cannot be added
     */
    public static AmqpChannel create(org.apache.camel.CamelContext camel, AgreementDefinition agreement) throws Exception {
        AgreementDefinition.Amqp a = agreement.amqp();
        CachingConnectionFactory connections = new CachingConnectionFactory(a.host(), a.port() == null ? 5672 : a.port());
        connections.setUsername(a.username() == null ? "guest" : a.username());
        connections.setPassword(a.password() == null ? "guest" : a.password());
        connections.setVirtualHost(a.virtualHost() == null ? "/" : a.virtualHost());
        connections.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
        String bean = "exchangeAmqp-" + agreement.id();
        camel.getRegistry().bind(bean, connections);
        camel.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                connections.destroy();
            }
        }, true, true);
        String routingKey = a.routingKey() == null ? agreement.id() : a.routingKey();
        String direct = "direct:exchange-" + agreement.id();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler()); // the outbox retries, with backoff, under the same delivery id
                from(direct).routeId("exchange-" + agreement.id())
                        .toF("spring-rabbitmq:%s?routingKey=RAW(%s)&connectionFactory=#%s&confirm=enabled&confirmTimeout=10000"
                                + "&autoDeclareProducer=false", a.exchange(), routingKey, bean);
            }
        });
        return new AmqpChannel(direct, camel.createProducerTemplate(), connections, a.exchange());
    }

    /**
     * @param delivery what to send
     * @throws Exception the broker's refusal, a confirm timeout or a connection failure
     */
    @Override
    public void send(DeliveryPackage delivery) throws Exception {
        // a publish to a missing exchange is refused only asynchronously (the broker closes the channel), which a
        // confirm can race; ask the broker first, so a missing exchange always fails the attempt
        try (var connection = connections.createConnection(); var channel = connection.createChannel(false)) {
            channel.exchangeDeclarePassive(exchange);
        } catch (java.io.IOException e) {
            throw new java.io.IOException("the partner's exchange '" + exchange + "' does not exist (or cannot be"
                    + " reached): " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
        Exchange done = producer.send(endpoint, ExchangePattern.InOnly, e -> {
            e.getIn().setBody(delivery.payload());
            e.getIn().setHeader(SpringRabbitMQConstants.MESSAGE_ID, delivery.deliveryId());
            e.getIn().setHeader(SpringRabbitMQConstants.CONTENT_TYPE, delivery.contentType());
            e.getIn().setHeader(SpringRabbitMQConstants.DELIVERY_MODE, MessageDeliveryMode.PERSISTENT);
            e.getIn().setHeader("delivery-id", delivery.deliveryId());
            e.getIn().setHeader("content-sha256", delivery.sha256());
            e.getIn().setHeader("jws", delivery.jws());
            e.getIn().setHeader("agreement", delivery.agreementId());
            e.getIn().setHeader("file-name", delivery.fileName());
        });
        if (done.getException() != null) {
            throw done.getException();
        }
    }
}

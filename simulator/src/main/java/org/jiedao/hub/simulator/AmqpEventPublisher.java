package org.jiedao.hub.simulator;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * Publishes events to RabbitMQ (AMQP 0-9-1, RabbitMQ Java client) the way the patrol system does: a durable direct
 * exchange, a durable queue bound to it with the routing key (declared here too, so that nothing published before
 * the hub first connects is dropped), one persistent JSON message (UTF-8, {@code application/json}) per event with
 * the event id as AMQP {@code message-id}. Publisher confirms: {@link #publish} returns once the broker has taken
 * every message.
 */
public final class AmqpEventPublisher implements AutoCloseable {
    private final Connection connection;
    private final Channel channel;
    private final String exchange;
    private final String routingKey;

    /**
     * @param host       broker host
     * @param port       broker port
     * @param username   user
     * @param password   password
     * @param exchange   exchange name (a direct exchange, declared durable)
     * @param queue      queue name (declared durable and bound)
     * @param routingKey routing key
     * @throws IOException      if the broker refuses a declaration
     * @throws TimeoutException if the connection times out
     */
    public AmqpEventPublisher(String host, int port, String username, String password, String exchange, String queue,
                              String routingKey) throws IOException, TimeoutException {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(host);
        f.setPort(port);
        f.setUsername(username);
        f.setPassword(password);
        this.connection = f.newConnection("jiedao-simulator");
        this.channel = connection.createChannel();
        this.exchange = exchange;
        this.routingKey = routingKey;
        channel.exchangeDeclare(exchange, BuiltinExchangeType.DIRECT, true);
        channel.queueDeclare(queue, true, false, false, null);
        channel.queueBind(queue, exchange, routingKey);
        channel.confirmSelect();
    }

    /**
     * @param events events with an {@code eventId}, in order (duplicates included)
     * @return the number of messages published
     * @throws IOException          if publishing fails or the broker does not confirm within 30 s
     * @throws InterruptedException if interrupted while waiting for confirms
     */
    public int publish(List<ObjectNode> events) throws IOException, InterruptedException {
        for (ObjectNode e : events) {
            publishRaw(e.path("eventId").asText(null), MqttEventPublisher.json(e));
        }
        confirm();
        return events.size();
    }

    /**
     * Publishes one message as it is (also for broken messages, to exercise quarantine); call {@link #confirm()}.
     *
     * @param messageId AMQP message-id, or null
     * @param body      the bytes sent
     * @throws IOException if publishing fails
     */
    public void publishRaw(String messageId, byte[] body) throws IOException {
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().contentType("application/json")
                .contentEncoding("UTF-8").deliveryMode(2).messageId(messageId).build();
        channel.basicPublish(exchange, routingKey, props, body);
    }

    /**
     * Waits until the broker has confirmed every message published so far.
     *
     * @throws IOException          if a message was refused or not confirmed within 30 s
     * @throws InterruptedException if interrupted
     */
    public void confirm() throws IOException, InterruptedException {
        try {
            channel.waitForConfirmsOrDie(30_000);
        } catch (TimeoutException e) {
            throw new IOException("RabbitMQ did not confirm the messages within 30 s", e);
        }
    }

    /** Closes the channel and connection. */
    @Override
    public void close() throws IOException {
        connection.close();
    }
}

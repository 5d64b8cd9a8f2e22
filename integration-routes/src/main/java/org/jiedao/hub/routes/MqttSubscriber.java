package org.jiedao.hub.routes;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.StartupListener;
import org.apache.camel.support.service.ServiceSupport;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT 5 session of a {@code kind: mqtt} source (Eclipse Paho): manual acknowledgements, Clean Start 0, a
 * session expiry, and its callback installed <em>before</em> connecting, so that the messages a broker resends when
 * the session resumes (MQTT 5 section 4.4) reach it. (camel-paho-mqtt5 4.17 installs its callback after
 * connecting, and those resent messages were dropped; measured with Mosquitto 2.)
 *
 * <p>Each message is sent, in the Paho callback thread, one at a time, to the source's route
 * ({@code direct:source-<id>}), which retries the write; the message is acknowledged (PUBACK/PUBREC) only when the
 * route completed. If it failed, the message stays unacknowledged and the client reconnects after
 * {@code retryAfter}, so that the broker delivers it again.
 */
final class MqttSubscriber extends ServiceSupport implements StartupListener {
    private static final Logger LOG = LoggerFactory.getLogger(MqttSubscriber.class);
    private final String sourceId;
    private final String broker;
    private final String clientId;
    private final String topic;
    private final int qos;
    private final MqttConnectionOptions options = new MqttConnectionOptions();
    private final Duration retryAfter;
    private final ScheduledExecutorService reconnects;
    private final AtomicBoolean reconnectPending = new AtomicBoolean();
    private volatile MqttClient client;
    private volatile ProducerTemplate template;

    /**
     * @param sourceId       the source id (route {@code direct:source-<id>})
     * @param broker         broker URL
     * @param clientId       client id, naming the persistent session
     * @param topic          topic filter
     * @param qos            1 or 2
     * @param username       user or null
     * @param password       password or null
     * @param sessionExpiry  how long the broker keeps the session while the hub is away
     * @param retryAfter     wait before reconnecting after a message failed
     */
    MqttSubscriber(String sourceId, String broker, String clientId, String topic, int qos, String username, String password,
                   Duration sessionExpiry, Duration retryAfter) {
        this.sourceId = sourceId;
        this.broker = broker;
        this.clientId = clientId;
        this.topic = topic;
        this.qos = qos;
        this.retryAfter = retryAfter;
        options.setCleanStart(false);
        options.setSessionExpiryInterval(sessionExpiry.toSeconds());
        options.setAutomaticReconnect(true);
        if (username != null) {
            options.setUserName(username);
        }
        if (password != null) {
            options.setPassword(password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        reconnects = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("mqtt-reconnect-" + sourceId).unstarted(r));
    }

    /**
     * Connects and subscribes once the routes have started (so the first message finds its route). If the broker
     * cannot be reached, logs it and keeps trying every {@code retryAfter}.
     */
    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) throws Exception {
        template = context.createProducerTemplate();
        MqttClient c = new MqttClient(broker, clientId, new MemoryPersistence());
        c.setManualAcks(true);
        c.setCallback(new Callback());
        client = c;
        try {
            c.connect(options);
            c.subscribe(topic, qos);
        } catch (MqttException e) {
            // like the AMQP consumer, keep trying in the background rather than stopping the hub
            LOG.warn("source {}: cannot subscribe to {} at {} ({}); retrying every {}", sourceId, topic, broker, e.getMessage(), retryAfter);
            scheduleReconnect();
        }
    }

    private void deliver(String topicName, MqttMessage message) throws MqttException {
        Exchange done = template.send("direct:source-" + sourceId, e -> {
            e.getIn().setBody(message.getPayload());
            e.getIn().setHeader(MqttSourceRoute.TOPIC_HEADER, topicName);
        });
        if (done.isFailed()) {
            // not acknowledged: the broker resends it when the session resumes, so resume it after a pause
            scheduleReconnect();
            return;
        }
        client.messageArrivedComplete(message.getId(), message.getQos());
    }

    private void scheduleReconnect() {
        if (reconnectPending.compareAndSet(false, true)) {
            try {
                reconnects.schedule(this::reconnect, retryAfter.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // the hub is stopping: the broker keeps the message for the next session
            }
        }
    }

    private void reconnect() {
        reconnectPending.set(false);
        MqttClient c = client;
        if (c == null || !isRunAllowed()) {
            return;
        }
        try {
            if (c.isConnected()) {
                c.disconnect();
            }
            c.connect(options);
            c.subscribe(topic, qos);
        } catch (MqttException e) {
            LOG.warn("source {}: MQTT reconnect to {} failed ({}); retrying in {}", sourceId, broker, e.getMessage(), retryAfter);
            scheduleReconnect();
        }
    }

    @Override
    protected void doStart() {
        // connecting waits for onCamelContextStarted
    }

    @Override
    protected void doStop() throws Exception {
        reconnects.shutdownNow();
        MqttClient c = client;
        client = null;
        if (c != null) {
            try {
                if (c.isConnected()) {
                    c.disconnect();
                }
            } finally {
                c.close();
            }
        }
        if (template != null) {
            template.stop();
        }
    }

    private final class Callback implements MqttCallback {
        @Override
        public void messageArrived(String topicName, MqttMessage message) throws Exception {
            deliver(topicName, message);
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            LOG.debug("source {}: disconnected from {}: {}", sourceId, broker, response.getReasonString());
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("source {}: MQTT error: {}", sourceId, exception.getMessage());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // this client does not publish
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            LOG.debug("source {}: connected to {} (reconnect {})", sourceId, serverURI, reconnect);
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }
}

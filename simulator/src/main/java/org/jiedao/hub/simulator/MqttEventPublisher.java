package org.jiedao.hub.simulator;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Publishes events to an MQTT broker (MQTT 5, Eclipse Paho) the way parking sensors do: one JSON message (UTF-8)
 * per event on {@code <topicPrefix>/<device id>}, QoS 1, not retained. Each publish waits for the broker's PUBACK.
 */
public final class MqttEventPublisher implements AutoCloseable {
    private final MqttClient client;
    private final String topicPrefix;

    /**
     * Connects with a clean session.
     *
     * @param brokerUrl   e.g. {@code tcp://127.0.0.1:1883}
     * @param clientId    this publisher's client id
     * @param topicPrefix e.g. {@code jiedao/parking}
     * @throws MqttException if the broker cannot be reached
     */
    public MqttEventPublisher(String brokerUrl, String clientId, String topicPrefix) throws MqttException {
        this.topicPrefix = topicPrefix;
        this.client = new MqttClient(brokerUrl, clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        client.connect(options);
    }

    /**
     * @param events parking events of {@link EventSilo#parkingEvents}, in order (duplicates included)
     * @return the number of messages published
     * @throws MqttException if a publish fails
     */
    public int publish(List<ObjectNode> events) throws MqttException {
        for (ObjectNode e : events) {
            publishRaw(topicPrefix + "/" + e.path("device").path("id").asText("unknown"), json(e));
        }
        return events.size();
    }

    /**
     * Publishes one message as it is (also for broken messages, to exercise quarantine).
     *
     * @param topic   the topic
     * @param payload the bytes sent
     * @throws MqttException if the publish fails
     */
    public void publishRaw(String topic, byte[] payload) throws MqttException {
        MqttMessage m = new MqttMessage(payload);
        m.setQos(1);
        for (int attempt = 1; ; attempt++) {
            try {
                client.publish(topic, m);
                return;
            } catch (MqttException e) {
                // Paho counts a publish as in flight until its PUBACK has been processed on its own thread, so a
                // fast sender can find the window (the broker's Receive Maximum) full: wait a little and send again
                if (e.getReasonCode() != org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_MAX_INFLIGHT || attempt >= 200) {
                    throw e;
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    static byte[] json(ObjectNode e) {
        try {
            return EventSilo.JSON.writeValueAsBytes(e);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Disconnects. */
    @Override
    public void close() throws MqttException {
        try {
            if (client.isConnected()) {
                client.disconnect();
            }
        } finally {
            client.close();
        }
    }
}

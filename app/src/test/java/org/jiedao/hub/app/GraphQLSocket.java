package org.jiedao.hub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A GraphQL client over WebSocket ({@code graphql-transport-ws}) to a running hub in a test, connected as the admin:
 * {@link #subscribe} sends a subscription, {@link #poll} takes the next message the server sent.
 */
final class GraphQLSocket implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final WebSocket ws;

    /**
     * Connects and initialises with the hub's admin key; asserts the server acknowledges within 10 s.
     *
     * @param hub a running hub
     */
    GraphQLSocket(Hub hub) throws Exception {
        StringBuilder partial = new StringBuilder();
        ws = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("graphql-transport-ws")
                .buildAsync(URI.create("ws://127.0.0.1:" + hub.api().port() + "/graphql"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            try {
                                received.add(JSON.readTree(partial.toString()));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            partial.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        send(Map.of("type", "connection_init", "payload", Map.of("X-API-Key", AdminKey.of(hub))));
        assertThat(poll(10).path("type").asText()).isEqualTo("connection_ack");
    }

    /**
     * @param id    the operation id
     * @param query the subscription document
     */
    void subscribe(String id, String query) throws Exception {
        send(Map.of("id", id, "type", "subscribe", "payload", Map.of("query", query)));
    }

    /**
     * @param seconds how long to wait at most
     * @return the next message, or null if none came in time
     */
    JsonNode poll(long seconds) throws InterruptedException {
        return received.poll(seconds, TimeUnit.SECONDS);
    }

    private void send(Map<String, ?> message) throws Exception {
        ws.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
    }

    /** Drops the connection. */
    @Override
    public void close() {
        ws.abort();
    }
}

package org.jiedao.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A {@code graphql-transport-ws} client for tests on the JDK's WebSocket: sends protocol messages, collects the
 * server's messages and its close code. With {@code reading == false} it stops reading after the first message, as a
 * client that hangs would.
 */
final class WsClient implements WebSocket.Listener, AutoCloseable {
    final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final boolean reading;
    private final WebSocket socket;

    private WsClient(int port, boolean reading) throws Exception {
        this.reading = reading;
        this.socket = ApiFixture.HTTP.newWebSocketBuilder().subprotocols("graphql-transport-ws")
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/graphql"), this).get(10, TimeUnit.SECONDS);
        assertThat(socket.getSubprotocol()).isEqualTo("graphql-transport-ws");
    }

    /** @return a connected client, before {@code connection_init} */
    static WsClient connect(int port) throws Exception {
        return new WsClient(port, true);
    }

    /** @return a client that has been acknowledged, and stops reading after the ack */
    static WsClient stalled(int port) throws Exception {
        WsClient c = new WsClient(port, false);
        c.send(Map.of("type", "connection_init", "payload", TestCredentials.adminInit()));
        assertThat(c.next().path("type").asText()).isEqualTo("connection_ack");
        return c;
    }

    /** @return a connected, acknowledged client */
    static WsClient initialised(int port) throws Exception {
        WsClient c = connect(port);
        c.send(Map.of("type", "connection_init", "payload", TestCredentials.adminInit()));
        assertThat(c.next().path("type").asText()).isEqualTo("connection_ack");
        return c;
    }

    void send(Map<String, ?> message) throws Exception {
        socket.sendText(ApiFixture.JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
    }

    void subscribe(String id, String query) throws Exception {
        send(Map.of("id", id, "type", "subscribe", "payload", Map.of("query", query)));
    }

    /** @return the next server message (within 15 s) */
    JsonNode next() throws InterruptedException {
        JsonNode m = received.poll(15, TimeUnit.SECONDS);
        assertThat(m).as("a message from the server within 15 s").isNotNull();
        return m;
    }

    /** @return the close code the server sent (within 10 s) */
    int closeCode() throws Exception {
        return closed.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                received.add(ApiFixture.JSON.readTree(partial.toString()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            partial.setLength(0);
        }
        if (reading || !last) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    @Override
    public void close() {
        socket.abort();
    }
}

package org.jiedao.hub.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A departmental REST API served locally with the JDK's HTTP server: {@code GET /api/kindergartens} answers pages of
 * a fixed list of records as {@code {"items": [...], "page": n, "size": s, "total": t, "nextCursor": c}}
 * (UTF-8 JSON). Two pagination styles on one endpoint:
 * <ul>
 * <li>page numbers: {@code ?page=1&size=20} (pages from 1; a page past the end has no items);</li>
 * <li>cursors: {@code ?size=20}, then {@code ?cursor=<nextCursor>&size=20}; {@code nextCursor} is absent on the
 * last page. Cursors are opaque (base64 of an offset).</li>
 * </ul>
 * {@code size} defaults to 20 and is capped at 100. A bad parameter answers 400 with a JSON error.
 */
public final class RestSiloServer implements AutoCloseable {
    /** Path of the kindergarten directory. */
    public static final String KINDERGARTENS_PATH = "/api/kindergartens";
    private final HttpServer server;
    private final List<ObjectNode> records;

    /**
     * Starts serving on 127.0.0.1.
     *
     * @param port    TCP port, 0 for any free one
     * @param records the records served, in order
     * @throws IOException if the port cannot be bound
     */
    public RestSiloServer(int port, List<ObjectNode> records) throws IOException {
        this.records = List.copyOf(records);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext(KINDERGARTENS_PATH, this::page);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    /** @return the base URL of the kindergarten directory, e.g. {@code http://127.0.0.1:41234/api/kindergartens} */
    public String kindergartensUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + KINDERGARTENS_PATH;
    }

    /** @return the port listened on */
    public int port() {
        return server.getAddress().getPort();
    }

    private void page(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> q = query(exchange.getRequestURI().getRawQuery());
            int size;
            int offset;
            int page;
            try {
                size = Math.min(100, Integer.parseInt(q.getOrDefault("size", "20")));
                if (size < 1) {
                    throw new NumberFormatException("size must be positive");
                }
                if (q.containsKey("page")) {
                    page = Integer.parseInt(q.get("page"));
                    if (page < 1) {
                        throw new NumberFormatException("page counts from 1");
                    }
                    offset = (page - 1) * size;
                } else {
                    offset = q.containsKey("cursor") ? Integer.parseInt(new String(Base64.getUrlDecoder().decode(q.get("cursor")),
                            StandardCharsets.US_ASCII)) : 0;
                    page = offset / size + 1;
                }
            } catch (IllegalArgumentException e) {
                send(exchange, 400, EventSilo.JSON.createObjectNode().put("error", "bad parameter: " + e.getMessage()));
                return;
            }
            ObjectNode body = EventSilo.JSON.createObjectNode();
            ArrayNode items = body.putArray("items");
            int end = Math.min(records.size(), offset + size);
            for (int i = Math.max(0, offset); i < end; i++) {
                items.add(records.get(i));
            }
            body.put("page", page).put("size", size).put("total", records.size());
            if (end < records.size()) {
                body.put("nextCursor", Base64.getUrlEncoder().withoutPadding().encodeToString(String.valueOf(end).getBytes(StandardCharsets.US_ASCII)));
            }
            send(exchange, 200, body);
        }
    }

    private static void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = EventSilo.JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw == null) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    /** Stops serving (waits up to a second for exchanges in progress). */
    @Override
    public void close() {
        server.stop(1);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}

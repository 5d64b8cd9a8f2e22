package org.jiedao.hub.routes.exchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PfxOptions;

/**
 * A partner's webhook endpoint for tests: a Vert.x {@link HttpServer} with TLS on 127.0.0.1 only. It reads each
 * request's whole body, records it, then answers as told ({@link #answer}) or holds the answer ({@link #hold}): the
 * request stays open until the receiver is closed or the client gives up.
 *
 * <p>Its key pair is made by the JDK's {@code keytool} ({@link Tls#generate}): EC P-256, subject {@code CN=127.0.0.1},
 * {@code SubjectAltName IP:127.0.0.1}, so a client that verifies host names accepts it for
 * {@code https://127.0.0.1:<port>/} when it trusts the exported PEM certificate.
 */
public final class HttpsReceiver implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(30);

    /**
     * @param keyStore       PKCS#12 key store with the private key and certificate (password {@link #PASSWORD})
     * @param certificatePem the certificate alone, PEM (what a hub trusts)
     */
    public record Tls(Path keyStore, Path certificatePem) {
        /** Key store password. */
        public static final String PASSWORD = "receiver-test";

        /**
         * Runs {@code keytool -genkeypair} and {@code keytool -exportcert -rfc} into a folder.
         *
         * @param dir  the folder (exists)
         * @param name file name stem, e.g. {@code partner}
         * @return the key store and the PEM certificate
         * @throws IOException if keytool fails (its output is in the message)
         * @throws InterruptedException if interrupted while keytool runs
         */
        public static Tls generate(Path dir, String name) throws IOException, InterruptedException {
            return generate(dir, name, "ip:127.0.0.1");
        }

        /**
         * As {@link #generate(Path, String)}, for another subject alternative name.
         *
         * @param dir  the folder (exists)
         * @param name file name stem
         * @param san  the certificate's subject alternative name in keytool's form, e.g. {@code dns:partner.example}
         * @return the key store and the PEM certificate
         * @throws IOException if keytool fails (its output is in the message)
         * @throws InterruptedException if interrupted while keytool runs
         */
        public static Tls generate(Path dir, String name, String san) throws IOException, InterruptedException {
            Path store = dir.resolve(name + ".p12");
            Path pem = dir.resolve(name + ".pem");
            keytool("-genkeypair", "-alias", "receiver", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                    "-dname", "CN=" + san.substring(san.indexOf(':') + 1), "-ext", "SAN=" + san, "-keystore", store.toString(), "-storetype", "PKCS12",
                    "-storepass", PASSWORD);
            keytool("-exportcert", "-rfc", "-alias", "receiver", "-keystore", store.toString(), "-storetype", "PKCS12",
                    "-storepass", PASSWORD, "-file", pem.toString());
            return new Tls(store, pem);
        }

        private static void keytool(String... args) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
            }
        }
    }

    /**
     * One request as received.
     *
     * @param headers header values by lower-case name (the first value of each)
     * @param body    the whole body
     */
    public record Received(Map<String, String> headers, byte[] body) {
        /** @return the {@code Hub-Delivery-Id} header */
        public String deliveryId() {
            return headers.get(WebhookChannel.DELIVERY_ID.toLowerCase(Locale.ROOT));
        }

        /**
         * @param name a header name, any case
         * @return its value, or null
         */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final Vertx vertx;
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String answerBody = "";
    private volatile boolean holding;

    private HttpsReceiver(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /**
     * @param tls  its key pair
     * @param port the port on 127.0.0.1, 0 for any free one
     * @return the listening receiver, answering 200 with an empty body
     * @throws Exception if it cannot listen within 30 s
     */
    public static HttpsReceiver start(Tls tls, int port) throws Exception {
        Vertx vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port).setSsl(true)
                .setKeyCertOptions(new PfxOptions().setPath(tls.keyStore().toString()).setPassword(Tls.PASSWORD)));
        HttpsReceiver receiver = new HttpsReceiver(vertx, server);
        server.requestHandler(receiver::handle);
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw e;
        }
        return receiver;
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            Map<String, String> headers = new LinkedHashMap<>();
            request.headers().forEach(h -> headers.putIfAbsent(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
            received.add(new Received(Map.copyOf(headers), body.getBytes()));
            if (!holding) {
                request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(answerBody);
            }
        });
    }

    /**
     * Answers every following request with this status and body.
     *
     * @param status an HTTP status
     * @param body   the body (JSON when not empty)
     */
    public void answer(int status, String body) {
        this.status = status;
        this.answerBody = body;
        this.holding = false;
    }

    /** Reads every following request completely and never answers it. */
    public void hold() {
        this.holding = true;
    }

    /** @return the port it listens on */
    public int port() {
        return server.actualPort();
    }

    /** @return the webhook URL of this receiver, {@code https://127.0.0.1:<port>/deliveries} */
    public String url() {
        return "https://127.0.0.1:" + port() + "/deliveries";
    }

    /** @return every request received so far, in arrival order */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /**
     * What a partner keeps when it deduplicates by delivery id: the first copy of each.
     *
     * @return the first request of each delivery id, by id in arrival order
     */
    public Map<String, Received> keptByDeliveryId() {
        Map<String, Received> kept = new LinkedHashMap<>();
        received.forEach(r -> kept.putIfAbsent(r.deliveryId(), r));
        return kept;
    }

    /**
     * Polls until at least {@code n} requests have been received.
     *
     * @param n       how many
     * @param timeout the longest wait
     * @return whether they were received in time
     * @throws InterruptedException if interrupted
     */
    public boolean awaitReceived(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.size() < n) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** Stops listening, dropping held requests, and stops Vert.x. */
    @Override
    public void close() throws Exception {
        try {
            server.close().toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }
}

package org.jiedao.hub.routes.exchange;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS webhook channel: POSTs each delivery's payload bytes to the partner's {@code https://} URL with the JDK's
 * {@link HttpClient}, over TLS that trusts only the agreement's certificate ({@link PemTrust}) and checks the host name
 * (RFC 2818/RFC 9110 §4.3.4: the URL's host or IP address must be in the certificate). Redirects are not followed.
 *
 * <p>The request carries the same proof as the AMQP channel, as headers: {@value #DELIVERY_ID} (the delivery id),
 * {@value #AGREEMENT}, {@value #CONTENT_SHA256} (lower-case hex), {@value #JWS} (the detached compact JWS, see
 * {@link SigningKey}), {@value #FILE_NAME}, and {@code Content-Type} (the payload's) and {@code Content-Digest}
 * ({@code sha-256=:<base64>:}, RFC 9530).
 *
 * <p>A 2xx answer means the partner has the delivery. Any other status, a connection or TLS failure, or no complete
 * answer within the timeout throws, and the outbox sends it again later under the same id. A 2xx answer whose body is
 * the JSON object {@code {"receipt": "<reference>"}} (at most {@value #MAX_RECEIPT_CHARS} characters, no control
 * characters) is the partner's acknowledgement, returned by {@link #deliver}. Answers are read up to
 * {@value #MAX_ANSWER_BYTES} bytes; a longer one fails the attempt.
 */
public final class WebhookChannel implements DeliveryChannel, AutoCloseable {
    /** Header with the delivery id (a UUID). */
    public static final String DELIVERY_ID = "Hub-Delivery-Id";
    /** Header with the agreement id. */
    public static final String AGREEMENT = "Hub-Agreement";
    /** Header with the payload's SHA-256, lower-case hex. */
    public static final String CONTENT_SHA256 = "Hub-Content-SHA256";
    /** Header with the detached compact JWS over the payload. */
    public static final String JWS = "Hub-JWS";
    /** Header with the payload's file name, {@code <agreement>-<deliveryId>.<ext>}. */
    public static final String FILE_NAME = "Hub-File-Name";
    /** Default timeout: to connect, and for the whole answer. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** The longest answer read, in bytes. */
    public static final int MAX_ANSWER_BYTES = 64 * 1024;
    /** The longest receipt reference kept, in characters. */
    public static final int MAX_RECEIPT_CHARS = 256;

    private static final Logger LOG = LoggerFactory.getLogger(WebhookChannel.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final Duration timeout;
    private final HttpClient client;

    /**
     * @param url     the partner's {@code https://} endpoint
     * @param tls     the TLS context (trusting only the partner's certificate or CA)
     * @param timeout to connect, and for the whole answer
     * @throws IllegalArgumentException if the URL is not {@code https}
     */
    public WebhookChannel(URI url, SSLContext tls, Duration timeout) {
        if (!"https".equalsIgnoreCase(url.getScheme())) {
            throw new IllegalArgumentException("a webhook must be an https:// URL, was " + url);
        }
        this.url = url;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().sslContext(tls).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Makes the channel of an agreement and closes its HTTP client when the Camel context stops.
     *
     * @param camel     the exchange runtime's Camel context
     * @param agreement a checked agreement with channel webhook ({@link AgreementDefinitions})
     * @return the channel
     * @throws IllegalArgumentException if the trust file cannot be read (it was checked when the agreement was read)
     * @throws Exception                if the closing service cannot be added
     */
    public static WebhookChannel create(CamelContext camel, AgreementDefinition agreement) throws Exception {
        AgreementDefinition.Webhook w = agreement.webhook();
        Duration timeout = w.timeout() == null ? DEFAULT_TIMEOUT : AgreementDefinitions.parseDuration(w.timeout());
        WebhookChannel channel = new WebhookChannel(URI.create(w.url()), PemTrust.sslContext(PemTrust.read(Path.of(w.trust()))),
                timeout);
        camel.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                channel.close();
            }
        }, true, true);
        return channel;
    }

    /**
     * @param delivery what to send
     * @throws IOException the failure: a status other than 2xx, a TLS or connection failure, a timeout
     */
    @Override
    public void send(DeliveryPackage delivery) throws IOException {
        deliver(delivery);
    }

    /**
     * @param delivery what to send
     * @return the partner's receipt reference, when its 2xx answer carries one
     * @throws IOException the failure: a status other than 2xx, a TLS or connection failure, or a timeout
     *                     ({@link HttpTimeoutException})
     */
    @Override
    public Optional<String> deliver(DeliveryPackage delivery) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", delivery.contentType())
                .header("Content-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(delivery.sha256())) + ":")
                .header(DELIVERY_ID, delivery.deliveryId())
                .header(AGREEMENT, delivery.agreementId())
                .header(CONTENT_SHA256, delivery.sha256())
                .header(JWS, delivery.jws())
                .header(FILE_NAME, delivery.fileName())
                .header("User-Agent", "jiedao-hub")
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.payload()))
                .build();
        HttpResponse<byte[]> answer = exchange(request);
        int status = answer.statusCode();
        if (status < 200 || status > 299) {
            throw new IOException("the partner answered HTTP " + status + " to POST " + url + excerpt(answer.body()));
        }
        return receipt(answer.body(), delivery.deliveryId());
    }

    private HttpResponse<byte[]> exchange(HttpRequest request) throws IOException {
        CompletableFuture<HttpResponse<byte[]>> pending = client.sendAsync(request,
                HttpResponse.BodyHandlers.limiting(HttpResponse.BodyHandlers.ofByteArray(), MAX_ANSWER_BYTES));
        try {
            return pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new HttpTimeoutException("no complete answer to POST " + url + " within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending to " + url, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw new HttpTimeoutException("no complete answer to POST " + url + " within " + timeout.toMillis() + " ms");
            }
            throw new IOException("POST " + url + " failed: " + describe(cause), cause);
        }
    }

    private static String describe(Throwable t) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (Throwable c = t; c != null && depth < 4; c = c.getCause(), depth++) {
            out.append(out.isEmpty() ? "" : "; caused by ").append(c.getClass().getSimpleName());
            if (c.getMessage() != null) {
                out.append(" (").append(c.getMessage()).append(')');
            }
        }
        return out.toString();
    }

    private static String excerpt(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}+", " ").strip();
        return text.isEmpty() ? "" : ": " + text;
    }

    private static Optional<String> receipt(byte[] body, String deliveryId) {
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        JsonNode doc;
        try {
            doc = JSON.readTree(body);
        } catch (IOException e) {
            return Optional.empty(); // an answer that is not JSON carries no receipt; the delivery is still accepted
        }
        JsonNode r = doc == null ? null : doc.get("receipt");
        if (r == null || r.isNull()) {
            return Optional.empty();
        }
        String text = r.isTextual() ? r.asText() : null;
        if (text == null || text.isBlank() || text.length() > MAX_RECEIPT_CHARS || text.chars().anyMatch(Character::isISOControl)) {
            LOG.warn("delivery {}: the partner's receipt is not a string of 1 to {} characters without control characters; not recorded",
                    deliveryId, MAX_RECEIPT_CHARS);
            return Optional.empty();
        }
        return Optional.of(text);
    }

    /** @return the endpoint */
    public URI url() {
        return url;
    }

    /** Closes the HTTP client, aborting a send in progress (its delivery stays PENDING), and waits up to 5 s for it. */
    @Override
    public void close() {
        client.shutdownNow();
        try {
            client.awaitTermination(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

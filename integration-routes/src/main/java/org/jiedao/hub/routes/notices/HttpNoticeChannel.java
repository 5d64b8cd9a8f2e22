package org.jiedao.hub.routes.notices;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Delivers a notice as one HTTP {@code POST} of a JSON object, with the header {@value #IDEMPOTENCY_KEY} (the
 * notice's id, the same on every attempt; the IETF draft "The Idempotency-Key HTTP Header Field") so that the receiver
 * keeps the first of two requests a crash may cause. Accepted when the answer is 2xx; any other status, a timeout or a
 * connection error is a failed attempt. Two body shapes:
 * <ul>
 *   <li>{@code notice} (a notification service): {@code {"noticeId", "service", "idNumber", "name", "phone", "text"}};</li>
 *   <li>{@code sms} (an SMS gateway): {@code {"messageId", "phone", "text"}}; a notice without a phone fails every
 *       attempt with that reason (it stays visible in {@code hub services notices status}).</li>
 * </ul>
 */
public final class HttpNoticeChannel implements NoticeChannel {
    /** The idempotency header. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final boolean sms;
    private final Duration timeout;
    private final HttpClient client;

    /**
     * @param url     the endpoint ({@code http} or {@code https})
     * @param sms     whether to send the SMS gateway's body
     * @param timeout the longest an attempt may take
     * @throws IllegalArgumentException if the URL is not http(s)
     */
    public HttpNoticeChannel(URI url, boolean sms, Duration timeout) {
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("notice channel URL must be http or https: " + url);
        }
        this.url = url;
        this.sms = sms;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public void send(Notice notice) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        if (sms) {
            if (notice.phone() == null) {
                throw new IOException("no phone number for the resident: an SMS cannot be sent");
            }
            body.put("messageId", notice.id());
            body.put("phone", notice.phone());
            body.put("text", notice.text());
        } else {
            body.put("noticeId", notice.id());
            body.put("service", notice.service());
            body.put("idNumber", notice.idNumber());
            body.put("name", notice.name());
            body.put("phone", notice.phone());
            body.put("text", notice.text());
        }
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header(IDEMPOTENCY_KEY, notice.id())
                .POST(HttpRequest.BodyPublishers.ofString(json(body))).build();
        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("HTTP " + response.statusCode() + " from " + url);
        }
    }

    private static String json(Map<String, Object> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String describe() {
        return (sms ? "sms " : "http ") + url;
    }
}

package org.jiedao.hub.routes;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * GETs one page of a REST API with the JDK's HTTP client, retrying connection errors, 5xx and 429 answers with
 * exponential backoff ({@code backoff}, doubled each attempt) or, when the server sends {@code Retry-After}
 * (delay in seconds or an HTTP date, RFC 9110 section 10.2.3), after the time it asks for. Every attempt, retries
 * included, takes a slot of the source's {@link RequestSpacing}. Other 4xx answers fail at once. The body is read
 * as UTF-8 (JSON, RFC 8259 section 8.1).
 */
final class RestFetcher {
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(10);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final Map<String, String> headers;
    private final int retries;
    private final Duration backoff;
    private final RequestSpacing spacing;

    /**
     * @param headers extra request headers, may be null
     * @param retries retries after the first attempt
     * @param backoff first wait between attempts
     * @param spacing the source's request spacing (rate limit)
     */
    RestFetcher(Map<String, String> headers, int retries, Duration backoff, RequestSpacing spacing) {
        this.headers = headers == null ? Map.of() : Map.copyOf(headers);
        this.retries = retries;
        this.backoff = backoff;
        this.spacing = spacing;
    }

    /**
     * @param uri the page's URI
     * @return the 2xx response body
     * @throws RestFetchException   on a 4xx other than 429, or when every attempt failed; the message names the URI
     *                              and the last answer or error
     * @throws InterruptedException if interrupted while waiting
     */
    String get(URI uri) throws RestFetchException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Accept", "application/json");
        headers.forEach(request::header);
        for (int attempt = 0; ; attempt++) {
            Duration wait = backoff.multipliedBy(1L << Math.min(attempt, 20));
            String why;
            spacing.acquire();
            try {
                HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return new String(response.body(), StandardCharsets.UTF_8);
                }
                why = "GET " + uri + " answered " + status + snippet(response.body());
                if (status != 429 && status < 500) {
                    throw new RestFetchException(why);
                }
                Optional<Duration> asked = retryAfter(response);
                if (asked.isPresent()) {
                    wait = asked.get();
                }
            } catch (IOException e) {
                why = "GET " + uri + " failed: " + e;
            }
            if (attempt >= retries) {
                throw new RestFetchException(why + " (gave up after " + (attempt + 1) + " attempts)");
            }
            Thread.sleep(wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait);
        }
    }

    /** @return the wait a {@code Retry-After} header asks for (delay-seconds or HTTP-date), if any and readable */
    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        Optional<String> header = response.headers().firstValue("Retry-After").map(String::strip);
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String v = header.get();
        if (v.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        }
        try {
            Duration d = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String snippet(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        String s = new String(body, StandardCharsets.UTF_8).strip();
        return ": " + (s.length() > 200 ? s.substring(0, 200) + "..." : s);
    }
}

package org.jiedao.hub.api.auth;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;

/**
 * What a request presents to prove who sends it, taken from its headers and its TLS session, before its body is
 * read. Never logged: it holds secrets.
 *
 * @param authorization      the {@value #AUTHORIZATION} header ({@code Bearer <JWT>}, RFC 6750 section 2.1), or null
 * @param apiKey             the {@value #API_KEY} header, or null
 * @param clientCertificates the client certificate chain the TLS handshake verified against the configured client
 *                           CA, the client's own certificate first; empty on plain HTTP or without a certificate
 * @param purpose            the {@value #PURPOSE} header, or null
 */
public record Credentials(String authorization, String apiKey, List<X509Certificate> clientCertificates, String purpose) {
    /** Header of a bearer token. */
    public static final String AUTHORIZATION = "Authorization";
    /** Header of a partner system's API key. */
    public static final String API_KEY = "X-API-Key";
    /** Header stating the purpose of use of one request; overrides a token's {@code purpose} claim. */
    public static final String PURPOSE = "X-Purpose-Of-Use";

    /** Copies the chain; blank header values count as absent. */
    public Credentials {
        authorization = blankToNull(authorization);
        apiKey = blankToNull(apiKey);
        purpose = blankToNull(purpose);
        clientCertificates = List.copyOf(clientCertificates);
    }

    /**
     * @param request an HTTP request (its headers and its connection's TLS session)
     * @return its credentials
     */
    public static Credentials of(HttpServerRequest request) {
        return of(request.headers(), request.isSSL() ? request.connection().sslSession() : null);
    }

    /**
     * The credentials of a GraphQL-over-WebSocket connection: the {@code connection_init} payload's
     * {@code Authorization}, {@code X-API-Key} and {@code X-Purpose-Of-Use} members (names compared ignoring case;
     * browsers cannot set headers on a WebSocket), else the upgrade request's headers; the TLS session's client
     * certificate either way.
     *
     * @param socket  the socket
     * @param payload the {@code connection_init} payload, or null
     * @return the credentials
     */
    public static Credentials of(ServerWebSocket socket, JsonObject payload) {
        Credentials headers = of(socket.headers(), socket.isSsl() ? socket.sslSession() : null);
        if (payload == null) {
            return headers;
        }
        String authorization = member(payload, AUTHORIZATION);
        String apiKey = member(payload, API_KEY);
        String purpose = member(payload, PURPOSE);
        if (authorization == null && apiKey == null) {
            return new Credentials(headers.authorization(), headers.apiKey(), headers.clientCertificates(),
                    purpose != null ? purpose : headers.purpose());
        }
        return new Credentials(authorization, apiKey, headers.clientCertificates(), purpose != null ? purpose : headers.purpose());
    }

    private static Credentials of(MultiMap headers, SSLSession ssl) {
        return new Credentials(headers.get(AUTHORIZATION), headers.get(API_KEY), chain(ssl), headers.get(PURPOSE));
    }

    private static List<X509Certificate> chain(SSLSession ssl) {
        if (ssl == null) {
            return List.of();
        }
        try {
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : ssl.getPeerCertificates()) {
                if (c instanceof X509Certificate x) {
                    out.add(x);
                }
            }
            return out;
        } catch (SSLPeerUnverifiedException e) {
            return List.of(); // the client sent no certificate
        }
    }

    private static String member(JsonObject payload, String name) {
        for (String key : payload.fieldNames()) {
            if (key.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)) && payload.getValue(key) instanceof String s) {
                return s;
            }
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** @return whether the request presents no credential at all (a purpose alone is none) */
    public boolean isEmpty() {
        return authorization == null && apiKey == null && clientCertificates.isEmpty();
    }

    /** @return the credentials without their secrets, for a log line */
    @Override
    public String toString() {
        return "Credentials[authorization=" + (authorization == null ? "none" : "present") + ", apiKey="
                + (apiKey == null ? "none" : "present") + ", clientCertificates=" + clientCertificates.size() + "]";
    }
}

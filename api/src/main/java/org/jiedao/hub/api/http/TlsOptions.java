package org.jiedao.hub.api.http;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;

/**
 * HTTPS for the API, and mutual TLS for partner systems. With a certificate and key the API serves HTTPS only; with a
 * client CA as well it asks every client for a certificate ({@code ClientAuth.REQUEST}): a client that sends one must
 * present a chain that the CA verifies (else the handshake fails), and a verified certificate authenticates the
 * request when its fingerprint is registered ({@link org.jiedao.hub.api.auth.ClientCertificateAuthenticator}); clients
 * without a certificate authenticate with a token or an API key as on plain HTTP.
 *
 * <table>
 * <caption>Settings</caption>
 * <tr><th>variable</th><th>meaning</th></tr>
 * <tr><td>HUB_TLS_CERT</td><td>PEM file with the server's certificate chain</td></tr>
 * <tr><td>HUB_TLS_KEY</td><td>PEM file with its private key (PKCS#8 {@code BEGIN PRIVATE KEY} or PKCS#1 RSA)</td></tr>
 * <tr><td>HUB_TLS_CLIENT_CA</td><td>PEM file with the CA certificate(s) client certificates must chain to</td></tr>
 * </table>
 *
 * @param cert     the server certificate chain (PEM)
 * @param key      its private key (PEM)
 * @param clientCa CA certificates for client certificates (PEM), or null for no mutual TLS
 */
public record TlsOptions(Path cert, Path key, Path clientCa) {
    /**
     * @throws IllegalArgumentException if the certificate or key is missing or a named file does not exist
     */
    public TlsOptions {
        if (cert == null || key == null) {
            throw new IllegalArgumentException("HTTPS needs both HUB_TLS_CERT and HUB_TLS_KEY");
        }
        for (Path p : new Path[] {cert, key, clientCa}) {
            if (p != null && !Files.isRegularFile(p)) {
                throw new IllegalArgumentException("TLS file not found: " + p);
            }
        }
    }

    /**
     * @param env environment variables
     * @return the TLS settings, or null when HUB_TLS_CERT and HUB_TLS_KEY are unset (plain HTTP)
     * @throws IllegalArgumentException if only one of them is set, HUB_TLS_CLIENT_CA is set without them, or a file
     *                                  does not exist
     */
    public static TlsOptions fromEnvironment(Map<String, String> env) {
        Path cert = path(env, "HUB_TLS_CERT");
        Path key = path(env, "HUB_TLS_KEY");
        Path ca = path(env, "HUB_TLS_CLIENT_CA");
        if (cert == null && key == null) {
            if (ca != null) {
                throw new IllegalArgumentException("HUB_TLS_CLIENT_CA needs HUB_TLS_CERT and HUB_TLS_KEY (mutual TLS runs over HTTPS)");
            }
            return null;
        }
        return new TlsOptions(cert, key, ca);
    }

    private static Path path(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : Path.of(v.strip()).toAbsolutePath().normalize();
    }

    /**
     * @param options the server's options
     * @return them with HTTPS on, and client certificates requested when a client CA is set
     */
    HttpServerOptions applyTo(HttpServerOptions options) {
        options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions().setCertPath(cert.toString()).setKeyPath(key.toString()));
        if (clientCa != null) {
            options.setTrustOptions(new PemTrustOptions().addCertPath(clientCa.toString())).setClientAuth(ClientAuth.REQUEST);
        }
        return options;
    }
}

package org.jiedao.hub.api;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.jiedao.hub.api.access.AccessPolicy;
import org.jiedao.hub.api.auth.ApiKeyFile;
import org.jiedao.hub.api.auth.AuthSettings;
import org.jiedao.hub.api.auth.Authentication;

/**
 * Real credentials for the API tests, made once per test JVM in a temporary folder: an API key file with an
 * {@code admin} key ({@link #ADMIN_KEY}), an HS256 secret and an RSA key pair whose public key the server trusts.
 */
final class TestCredentials {
    static final Path DIR;
    static final Path API_KEYS;
    static final Path HS256_SECRET;
    static final Path RS256_PUBLIC;
    static final PrivateKey RS256_PRIVATE;
    static final String RS256_PRIVATE_PEM;
    /** The clear admin key, sent as {@code X-API-Key}. */
    static final String ADMIN_KEY;
    static final String ISSUER = "https://idp.test.jiedao";
    static final String AUDIENCE = "jiedao-hub-test";

    static {
        try {
            DIR = Files.createTempDirectory("hub-credentials");
            API_KEYS = DIR.resolve("api-keys.yaml");
            ADMIN_KEY = ApiKeyFile.createKey(API_KEYS, "admin", AccessPolicy.ADMIN, Map.of());
            HS256_SECRET = Files.writeString(DIR.resolve("jwt-hs256.secret"), "test-secret-" + "x".repeat(40) + "\n");
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair pair = g.generateKeyPair();
            RS256_PRIVATE = pair.getPrivate();
            RS256_PRIVATE_PEM = pem("PRIVATE KEY", pair.getPrivate().getEncoded());
            RS256_PUBLIC = Files.writeString(DIR.resolve("jwt-rs256.pub.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private TestCredentials() {
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** @return settings with every kind of credential: HS256 and RS256 tokens (issuer and audience checked), API keys */
    static AuthSettings settings() {
        return new AuthSettings(null, HS256_SECRET, RS256_PUBLIC, ISSUER, AUDIENCE, API_KEYS);
    }

    /** @return the authentication of the test servers, over the bundled policy */
    static Authentication authentication() {
        return Authentication.of(settings(), AccessPolicy.bundled(ApiFixture.O), ApiFixture.O);
    }

    /** @return a {@code connection_init} payload authenticating as admin */
    static Map<String, String> adminInit() {
        return Map.of("X-API-Key", ADMIN_KEY);
    }

    /** @return the admin key header, as name and value */
    static List<String> adminHeader() {
        return List.of("X-API-Key", ADMIN_KEY);
    }
}

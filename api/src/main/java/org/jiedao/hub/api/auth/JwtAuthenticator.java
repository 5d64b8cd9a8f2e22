package org.jiedao.hub.api.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

import org.jiedao.hub.api.access.Principal;

/**
 * Bearer tokens ({@code Authorization: Bearer <JWT>}, RFC 6750) signed with HS256 (a shared secret) and/or RS256 (an
 * RSA key pair; the hub holds only the public key), verified with vertx-auth-jwt (RFC 7519, algorithms of RFC 7518
 * section 3). A token is accepted when its signature verifies with the key of its {@code alg}, it has an {@code exp}
 * that has not passed, its {@code nbf}/{@code iat} are not in the future, and its {@code iss} and {@code aud} match
 * when configured; {@value #LEEWAY_SECONDS} s of clock skew are allowed. Unsigned tokens ({@code alg: none}) are
 * refused.
 *
 * <p>Claims: {@code sub} (required) is the principal's id; {@code role} (required) its role; {@code purpose} the
 * purpose of use; each attribute claim (e.g. {@code communities}: a string or a list of strings) becomes a principal
 * attribute of the same name.
 */
public final class JwtAuthenticator implements Authenticator {
    /** Allowed clock skew between the token's issuer and the hub, in seconds. */
    public static final int LEEWAY_SECONDS = 30;
    /** The shortest HS256 secret, in bytes (RFC 7518 section 3.2: a key at least as long as the hash output). */
    public static final int MIN_SECRET_BYTES = 32;
    private static final String BEARER = "bearer ";

    private final JWTAuth jwt;
    private final Set<String> attributeClaims;

    /**
     * @param hs256SecretFile    file whose text (trimmed, as UTF-8 bytes) is the HS256 secret, or null for none
     * @param rs256PublicKeyFile PEM file with the RS256 public key ({@code -----BEGIN PUBLIC KEY-----}), or null
     * @param issuer             the required {@code iss}, or null to accept any
     * @param audience           the {@code aud} that must be among the token's, or null to accept any
     * @param attributeClaims    claims copied into principal attributes, e.g. {@code communities}
     * @throws IllegalArgumentException if both files are null, a file cannot be read, the secret is shorter than
     *                                  {@value #MIN_SECRET_BYTES} bytes or the key is not a PEM public key (the message
     *                                  names the file, never its content)
     */
    public JwtAuthenticator(Path hs256SecretFile, Path rs256PublicKeyFile, String issuer, String audience,
                            Set<String> attributeClaims) {
        if (hs256SecretFile == null && rs256PublicKeyFile == null) {
            throw new IllegalArgumentException("a JWT authenticator needs an HS256 secret file or an RS256 public key file");
        }
        JWTAuthOptions options = new JWTAuthOptions();
        if (hs256SecretFile != null) {
            options.addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret(hs256SecretFile)));
        }
        if (rs256PublicKeyFile != null) {
            String pem = read(rs256PublicKeyFile);
            if (!pem.contains("-----BEGIN PUBLIC KEY-----")) {
                throw new IllegalArgumentException(rs256PublicKeyFile + ": expected a PEM public key (-----BEGIN PUBLIC KEY-----)");
            }
            options.addPubSecKey(new PubSecKeyOptions().setAlgorithm("RS256").setBuffer(pem));
        }
        JWTOptions checks = new JWTOptions().setLeeway(LEEWAY_SECONDS);
        if (issuer != null && !issuer.isBlank()) {
            checks.setIssuer(issuer.strip());
        }
        if (audience != null && !audience.isBlank()) {
            checks.addAudience(audience.strip());
        }
        options.setJWTOptions(checks);
        try {
            this.jwt = JWTAuth.create(null, options);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot use the JWT keys (" + hs256SecretFile + ", " + rs256PublicKeyFile + "): "
                    + e.getClass().getSimpleName(), e);
        }
        this.attributeClaims = Set.copyOf(attributeClaims);
    }

    /**
     * @param file an HS256 secret file
     * @return its secret: the text, trimmed
     * @throws IllegalArgumentException if it cannot be read or is shorter than {@value #MIN_SECRET_BYTES} bytes
     */
    static String secret(Path file) {
        String secret = read(file).strip();
        if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException(file + ": an HS256 secret must be at least " + MIN_SECRET_BYTES + " bytes long");
        }
        return secret;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Principal> authenticate(Credentials credentials) {
        String header = credentials.authorization();
        if (header == null) {
            return Optional.empty();
        }
        if (!header.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            throw new InvalidCredentialException("Authorization header without the Bearer scheme");
        }
        Future<User> verified;
        try {
            verified = jwt.authenticate(new TokenCredentials(header.substring(BEARER.length()).strip()));
        } catch (RuntimeException e) {
            throw new InvalidCredentialException("token refused: " + e.getClass().getSimpleName());
        }
        if (!verified.isComplete()) {
            throw new IllegalStateException("vertx-auth-jwt verified a token asynchronously");
        }
        if (verified.failed()) {
            throw new InvalidCredentialException("token refused: " + verified.cause().getMessage());
        }
        JsonObject claims = verified.result().attributes().getJsonObject("accessToken");
        if (claims == null || !(claims.getValue("exp") instanceof Number)) {
            throw new InvalidCredentialException("token without exp");
        }
        String subject = text(claims, "sub");
        String role = text(claims, "role");
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        for (String name : attributeClaims) {
            Object v = claims.getValue(name);
            if (v instanceof String s) {
                attributes.put(name, List.of(s));
            } else if (v instanceof JsonArray a) {
                List<String> values = new ArrayList<>();
                for (Object o : a) {
                    if (!(o instanceof String s)) {
                        throw new InvalidCredentialException("claim " + name + " holds a non-string");
                    }
                    values.add(s);
                }
                attributes.put(name, List.copyOf(new LinkedHashSet<>(values)));
            } else if (v != null) {
                throw new InvalidCredentialException("claim " + name + " is neither a string nor a list of strings");
            }
        }
        return Optional.of(new Principal(subject, role, attributes, claims.getValue("purpose") instanceof String p ? p : null, "jwt"));
    }

    private static String text(JsonObject claims, String name) {
        if (claims.getValue(name) instanceof String s && !s.isBlank()) {
            return s;
        }
        throw new InvalidCredentialException("token without " + name);
    }
}

package org.jiedao.hub.api.auth;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

/**
 * Signs HS256 tokens ({@code hub token issue}) that {@link JwtAuthenticator} accepts: claims {@code sub},
 * {@code role}, the attributes (each a list of strings), {@code purpose} if given, {@code iat}, {@code exp}, and
 * {@code iss}/{@code aud} if given (RFC 7519 section 4.1).
 */
public final class TokenIssuer {
    private final JWTAuth jwt;

    /**
     * @param hs256SecretFile the shared secret's file (the text, trimmed)
     * @throws IllegalArgumentException if it cannot be read or is too short ({@link JwtAuthenticator#MIN_SECRET_BYTES})
     */
    public TokenIssuer(Path hs256SecretFile) {
        this.jwt = JWTAuth.create(null, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256")
                .setBuffer(JwtAuthenticator.secret(hs256SecretFile))));
    }

    /**
     * @param subject    the {@code sub}: who the token is for
     * @param role       the {@code role}, a role of the access policy
     * @param attributes further claims, e.g. {@code communities -> [110102001004]}
     * @param purpose    the {@code purpose} claim, or null
     * @param ttl        how long the token is valid, at least one second
     * @param issuer     the {@code iss}, or null
     * @param audience   the {@code aud}, or null
     * @return the compact JWS (three base64url parts)
     * @throws IllegalArgumentException if the subject or role is blank or the ttl shorter than a second
     */
    public String issue(String subject, String role, Map<String, List<String>> attributes, String purpose, Duration ttl,
                        String issuer, String audience) {
        if (subject == null || subject.isBlank() || role == null || role.isBlank()) {
            throw new IllegalArgumentException("a token needs a subject and a role");
        }
        if (ttl.toSeconds() < 1 || ttl.toSeconds() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a token's lifetime must be between 1 s and 68 years, was " + ttl);
        }
        JsonObject claims = new JsonObject().put("sub", subject).put("role", role);
        attributes.forEach((k, v) -> claims.put(k, new JsonArray(List.copyOf(v))));
        if (purpose != null && !purpose.isBlank()) {
            claims.put("purpose", purpose);
        }
        JWTOptions options = new JWTOptions().setAlgorithm("HS256").setExpiresInSeconds((int) ttl.toSeconds());
        if (issuer != null && !issuer.isBlank()) {
            options.setIssuer(issuer);
        }
        if (audience != null && !audience.isBlank()) {
            options.addAudience(audience);
        }
        return jwt.generateToken(claims, options);
    }
}

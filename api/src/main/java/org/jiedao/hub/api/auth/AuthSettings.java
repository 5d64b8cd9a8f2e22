package org.jiedao.hub.api.auth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the API finds its credentials and its access policy, from environment variables.
 *
 * <table>
 * <caption>Settings</caption>
 * <tr><th>variable</th><th>default</th><th>meaning</th></tr>
 * <tr><td>HUB_ACCESS_POLICY</td><td>./config/access.yaml if present, else the bundled policy</td><td>roles, scopes</td></tr>
 * <tr><td>HUB_JWT_HS256_SECRET_FILE</td><td>(none)</td><td>file holding the HS256 secret of bearer tokens</td></tr>
 * <tr><td>HUB_JWT_RS256_PUBLIC_KEY_FILE</td><td>(none)</td><td>PEM public key of RS256 bearer tokens</td></tr>
 * <tr><td>HUB_JWT_ISSUER</td><td>(any)</td><td>required {@code iss} of tokens</td></tr>
 * <tr><td>HUB_JWT_AUDIENCE</td><td>(any)</td><td>required {@code aud} of tokens</td></tr>
 * <tr><td>HUB_API_KEYS_FILE</td><td>(none)</td><td>API keys and client certificates ({@link ApiKeyFile})</td></tr>
 * </table>
 *
 * @param accessPolicy       the policy file, or null for the bundled policy
 * @param hs256SecretFile    HS256 secret file, or null
 * @param rs256PublicKeyFile RS256 public key file, or null
 * @param issuer             required issuer, or null
 * @param audience           required audience, or null
 * @param apiKeysFile        API key file, or null
 */
public record AuthSettings(Path accessPolicy, Path hs256SecretFile, Path rs256PublicKeyFile, String issuer, String audience,
                           Path apiKeysFile) {
    /** Where the policy is looked for when HUB_ACCESS_POLICY is unset. */
    public static final Path DEFAULT_ACCESS_POLICY = Path.of("config", "access.yaml");

    /**
     * @param env environment variables
     * @return the settings; files are resolved against the working directory
     * @throws IllegalArgumentException naming the variable whose file does not exist
     */
    public static AuthSettings fromEnvironment(Map<String, String> env) {
        Path policy = file(env, "HUB_ACCESS_POLICY");
        if (policy == null && Files.isRegularFile(DEFAULT_ACCESS_POLICY)) {
            policy = DEFAULT_ACCESS_POLICY.toAbsolutePath().normalize();
        }
        return new AuthSettings(policy, file(env, "HUB_JWT_HS256_SECRET_FILE"), file(env, "HUB_JWT_RS256_PUBLIC_KEY_FILE"),
                text(env, "HUB_JWT_ISSUER"), text(env, "HUB_JWT_AUDIENCE"), path(env, "HUB_API_KEYS_FILE"));
    }

    /** @return whether any credential is configured (a token key or an API key file) */
    public boolean hasCredentials() {
        return hs256SecretFile != null || rs256PublicKeyFile != null || apiKeysFile != null;
    }

    /**
     * @param secret an HS256 secret file
     * @return these settings with it
     */
    public AuthSettings withHs256SecretFile(Path secret) {
        return new AuthSettings(accessPolicy, secret, rs256PublicKeyFile, issuer, audience, apiKeysFile);
    }

    /**
     * @param keys an API key file
     * @return these settings with it
     */
    public AuthSettings withApiKeysFile(Path keys) {
        return new AuthSettings(accessPolicy, hs256SecretFile, rs256PublicKeyFile, issuer, audience, keys);
    }

    private static Path file(Map<String, String> env, String name) {
        Path p = path(env, name);
        if (p != null && !Files.isRegularFile(p)) {
            throw new IllegalArgumentException(name + " names no file: " + p);
        }
        return p;
    }

    private static Path path(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : Path.of(v.strip()).toAbsolutePath().normalize();
    }

    private static String text(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }
}

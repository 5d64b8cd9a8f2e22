package org.jiedao.hub.api.http;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the API serves GraphQL over HTTP: the request body limit, the origins allowed by CORS, and the persisted
 * documents. Read from environment variables by {@link #fromEnvironment(Map)}.
 *
 * <table>
 * <caption>Settings</caption>
 * <tr><th>variable</th><th>default</th><th>meaning</th></tr>
 * <tr><td>HUB_GRAPHQL_MAX_BODY_BYTES</td><td>1048576 (1 MiB)</td><td>largest request body; larger ones get 413
 *     before the body is read</td></tr>
 * <tr><td>HUB_CORS_ORIGINS</td><td>(none)</td><td>comma-separated origins allowed to call the API from a browser,
 *     e.g. {@code https://app.example.org}; none: no CORS headers are sent, so browsers refuse cross-origin calls</td></tr>
 * <tr><td>HUB_GRAPHQL_PERSISTED_QUERIES_DIR</td><td>./config/persisted-queries (if present)</td><td>folder of
 *     allowed documents, {@code *.graphql}; each is known by the SHA-256 of its text</td></tr>
 * <tr><td>HUB_GRAPHQL_PERSISTED_ONLY</td><td>false</td><td>true: only documents of that folder run</td></tr>
 * <tr><td>HUB_GRAPHQL_APQ_CACHE_SIZE</td><td>1000</td><td>documents registered by clients (automatic persisted
 *     queries) kept at most; the least recently used is dropped first</td></tr>
 * </table>
 *
 * @param maxBodyBytes         largest accepted request body in bytes, at least 1
 * @param corsOrigins          origins allowed by CORS (scheme, host and port, e.g. {@code https://app.example.org}); empty: no CORS
 * @param persistedQueriesDir  folder of allowed documents ({@code *.graphql}), or null for none
 * @param persistedOnly        true to run only the documents of {@code persistedQueriesDir} (requests then carry the hash)
 * @param apqCacheSize         automatic persisted queries kept at most; 0 turns client registration off
 */
public record HttpOptions(long maxBodyBytes, List<String> corsOrigins, Path persistedQueriesDir, boolean persistedOnly,
                          int apqCacheSize) {
    /** 1 MiB. */
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    /** Where the hub looks for allowed documents when the environment names no folder. */
    public static final Path DEFAULT_PERSISTED_QUERIES_DIR = Path.of("config", "persisted-queries");
    /** 1 MiB bodies, no CORS, no configured documents, client registration on (1000 documents). */
    public static final HttpOptions DEFAULTS = new HttpOptions(DEFAULT_MAX_BODY_BYTES, List.of(), null, false, 1000);

    /**
     * @throws IllegalArgumentException if {@code maxBodyBytes < 1}, {@code apqCacheSize < 0}, an origin is not
     *                                  {@code scheme://host[:port]}, or persisted-only has no folder
     */
    public HttpOptions {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 1, was " + maxBodyBytes);
        }
        if (apqCacheSize < 0) {
            throw new IllegalArgumentException("apqCacheSize must not be negative, was " + apqCacheSize);
        }
        corsOrigins = List.copyOf(corsOrigins);
        for (String origin : corsOrigins) {
            if (!origin.matches("https?://[^/\\s,]+")) {
                throw new IllegalArgumentException("a CORS origin is scheme://host[:port] without path, was '" + origin + "'");
            }
        }
        if (persistedOnly && persistedQueriesDir == null) {
            throw new IllegalArgumentException("persisted-only needs a folder of persisted documents");
        }
    }

    /**
     * @param dir the folder of allowed documents
     * @return these options with that folder
     */
    public HttpOptions withPersistedQueriesDir(Path dir) {
        return new HttpOptions(maxBodyBytes, corsOrigins, dir, persistedOnly, apqCacheSize);
    }

    /**
     * @param only true to run only configured documents
     * @return these options with persisted-only set
     */
    public HttpOptions withPersistedOnly(boolean only) {
        return new HttpOptions(maxBodyBytes, corsOrigins, persistedQueriesDir, only, apqCacheSize);
    }

    /**
     * @param origins the origins CORS allows
     * @return these options with those origins
     */
    public HttpOptions withCorsOrigins(List<String> origins) {
        return new HttpOptions(maxBodyBytes, origins, persistedQueriesDir, persistedOnly, apqCacheSize);
    }

    /**
     * @param bytes the largest accepted body
     * @return these options with that limit
     */
    public HttpOptions withMaxBodyBytes(long bytes) {
        return new HttpOptions(bytes, corsOrigins, persistedQueriesDir, persistedOnly, apqCacheSize);
    }

    /**
     * Reads the settings of the table above. A folder named explicitly must exist; the default folder is used
     * only if it exists (relative paths resolve against the working directory).
     *
     * @param env environment variables
     * @return the options
     * @throws IllegalArgumentException naming the variable whose value is malformed or whose folder is missing
     */
    public static HttpOptions fromEnvironment(Map<String, String> env) {
        long maxBody = number(env, "HUB_GRAPHQL_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES);
        int apq = (int) Math.min(Integer.MAX_VALUE, number(env, "HUB_GRAPHQL_APQ_CACHE_SIZE", DEFAULTS.apqCacheSize()));
        String originsText = env.getOrDefault("HUB_CORS_ORIGINS", "");
        List<String> origins = Arrays.stream(originsText.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        String dirText = env.get("HUB_GRAPHQL_PERSISTED_QUERIES_DIR");
        Path dir;
        if (dirText == null || dirText.isBlank()) {
            Path fallback = DEFAULT_PERSISTED_QUERIES_DIR.toAbsolutePath().normalize();
            dir = Files.isDirectory(fallback) ? fallback : null;
        } else {
            dir = Path.of(dirText.strip()).toAbsolutePath().normalize();
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("HUB_GRAPHQL_PERSISTED_QUERIES_DIR names no folder: " + dir);
            }
        }
        String onlyText = env.getOrDefault("HUB_GRAPHQL_PERSISTED_ONLY", "false").strip().toLowerCase(Locale.ROOT);
        boolean only = switch (onlyText) {
            case "", "false", "no", "0" -> false;
            case "true", "yes", "1" -> true;
            default -> throw new IllegalArgumentException("HUB_GRAPHQL_PERSISTED_ONLY must be true or false, was '" + onlyText + "'");
        };
        try {
            return new HttpOptions(maxBody, origins, dir, only, apq);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("HTTP settings: " + e.getMessage(), e);
        }
    }

    private static long number(Map<String, String> env, String name, long fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + v + "'");
        }
    }
}

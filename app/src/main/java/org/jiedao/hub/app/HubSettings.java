package org.jiedao.hub.app;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.jiedao.hub.api.QueryLimits;
import org.jiedao.hub.api.auth.AuthSettings;
import org.jiedao.hub.api.http.HttpOptions;
import org.jiedao.hub.api.http.TlsOptions;
import org.jiedao.hub.graph.server.EmbeddedNeo4j;

/**
 * The hub's configuration, from environment variables with defaults for the embedded set-up.
 *
 * <table>
 * <caption>Settings</caption>
 * <tr><th>variable</th><th>default</th><th>meaning</th></tr>
 * <tr><td>HUB_DATA_DIR</td><td>./data</td><td>Neo4j store, generated silos, logs</td></tr>
 * <tr><td>HUB_SOURCES_DIR</td><td>./config/sources</td><td>source definitions (YAML)</td></tr>
 * <tr><td>HUB_HTTP_HOST / HUB_HTTP_PORT</td><td>127.0.0.1 / 8080</td><td>GraphQL API</td></tr>
 * <tr><td>HUB_BATCH_SIZE</td><td>500</td><td>records per write transaction</td></tr>
 * <tr><td>NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD</td><td>unset</td><td>an external Neo4j; unset starts the embedded one</td></tr>
 * <tr><td>NEO4J_BOLT_PORT / NEO4J_HTTP_PORT</td><td>7687 / 7474</td><td>ports of the embedded Neo4j (loopback only)</td></tr>
 * <tr><td>NEO4J_HEAP</td><td>512m</td><td>heap of the embedded Neo4j's JVM</td></tr>
 * <tr><td>NEO4J_PAGE_CACHE</td><td>64m</td><td>page cache of the embedded Neo4j (k, m or g suffix), for large graphs</td></tr>
 * <tr><td>HUB_GRAPHQL_MAX_DEPTH / _MAX_COMPLEXITY / _MAX_ALIASES / _TIMEOUT_SECONDS</td><td>10 / 10000 / 30 / 30</td>
 * <td>GraphQL query limits, see {@link QueryLimits}</td></tr>
 * <tr><td>HUB_GRAPHQL_MAX_BODY_BYTES, HUB_CORS_ORIGINS, HUB_GRAPHQL_PERSISTED_QUERIES_DIR, HUB_GRAPHQL_PERSISTED_ONLY,
 *     HUB_GRAPHQL_APQ_CACHE_SIZE</td><td>see {@link HttpOptions}</td><td>GraphQL over HTTP</td></tr>
 * <tr><td>HUB_ACCESS_POLICY, HUB_JWT_HS256_SECRET_FILE, HUB_JWT_RS256_PUBLIC_KEY_FILE, HUB_JWT_ISSUER, HUB_JWT_AUDIENCE,
 *     HUB_API_KEYS_FILE</td><td>see {@link AuthSettings}; no credential configured: the hub's own under
 *     {@code <HUB_DATA_DIR>/secrets}</td><td>authentication and the access policy</td></tr>
 * <tr><td>HUB_TLS_CERT, HUB_TLS_KEY, HUB_TLS_CLIENT_CA</td><td>unset (plain HTTP)</td><td>HTTPS and mutual TLS, see
 *     {@link TlsOptions}</td></tr>
 * <tr><td>HUB_AUDIT_DIR</td><td>HUB_DATA_DIR/audit</td><td>the audit trail (docs/security/audit.md); its key is
 *     HUB_DATA_DIR/secrets/audit-hmac.key; node refs are sealed with HUB_DATA_DIR/secrets/explorer-ref.key</td></tr>
 * <tr><td>HUB_AUDIT_NODE</td><td>the host name</td><td>this process's audit chain id</td></tr>
 * </table>
 *
 * @param dataDir    data directory (absolute)
 * @param sourcesDir source definitions directory (absolute)
 * @param httpHost   API bind address
 * @param httpPort   API port
 * @param batchSize  records per transaction
 * @param env        the environment these settings were read from (also used for placeholders and NEO4J_URI)
 */
public record HubSettings(Path dataDir, Path sourcesDir, String httpHost, int httpPort, int batchSize, Map<String, String> env) {

    /**
     * @param env environment variables
     * @return the settings
     * @throws IllegalArgumentException naming the variable whose value is not a number or out of range
     */
    public static HubSettings fromEnvironment(Map<String, String> env) {
        QueryLimits.fromEnvironment(env); // a bad GraphQL limit stops the start here, naming its variable
        AuthSettings.fromEnvironment(env); // so does a credential file that does not exist
        TlsOptions.fromEnvironment(env);
        return new HubSettings(
                Path.of(env.getOrDefault("HUB_DATA_DIR", "data")).toAbsolutePath().normalize(),
                Path.of(env.getOrDefault("HUB_SOURCES_DIR", "config/sources")).toAbsolutePath().normalize(),
                env.getOrDefault("HUB_HTTP_HOST", "127.0.0.1"),
                within(env, "HUB_HTTP_PORT", 8080, 0, 65535),
                within(env, "HUB_BATCH_SIZE", 500, 1, 100_000),
                Map.copyOf(env));
    }

    /**
     * @return the GraphQL query limits from {@code HUB_GRAPHQL_*} (defaults {@link QueryLimits#DEFAULTS})
     * @throws IllegalArgumentException naming the variable whose value is not a whole number in range
     */
    public QueryLimits queryLimits() {
        return QueryLimits.fromEnvironment(env);
    }

    /** @return the audit folder: {@code HUB_AUDIT_DIR}, else {@code <data>/audit} (absolute) */
    public Path auditDir() {
        String dir = env.get("HUB_AUDIT_DIR");
        return dir == null || dir.isBlank() ? dataDir.resolve("audit") : Path.of(dir).toAbsolutePath().normalize();
    }

    /** @return the audit key file, {@code <data>/secrets/audit-hmac.key} */
    public Path auditKeyFile() {
        return dataDir.resolve("secrets").resolve(org.jiedao.hub.api.audit.AuditKey.FILE_NAME);
    }

    /**
     * @return the secret that seals the GraphQL node refs ({@code ref} fields, {@code node(ref:)}),
     *         {@code <data>/secrets/explorer-ref.key}; kept so refs (saved explorer views) survive restarts
     */
    public Path nodeRefKeyFile() {
        return dataDir.resolve("secrets").resolve(org.jiedao.hub.api.refs.NodeRefs.FILE_NAME);
    }

    /** @return how this process writes its audit chain: node id {@code HUB_AUDIT_NODE}, else the host name */
    public org.jiedao.hub.api.audit.AuditLog.Options auditOptions() {
        String node = env.get("HUB_AUDIT_NODE");
        return org.jiedao.hub.api.audit.AuditLog.Options.of(node == null || node.isBlank()
                ? org.jiedao.hub.api.audit.AuditLog.Options.hostName() : node);
    }

    /** @return where the demo's generated silos live */
    public Path silosDir() {
        return dataDir.resolve("silos");
    }

    /** @return values for {@code ${...}} in source definitions: the environment plus {@code HUB_DATA_DIR} */
    public Map<String, String> placeholders() {
        Map<String, String> m = new HashMap<>(env);
        m.put("HUB_DATA_DIR", dataDir.toString());
        return m;
    }

    /**
     * @return how the API serves GraphQL over HTTP (body limit, CORS, persisted documents)
     * @throws IllegalArgumentException naming the variable whose value is malformed
     */
    public HttpOptions http() {
        return HttpOptions.fromEnvironment(env);
    }

    /**
     * @return the configured credentials and access policy file
     * @throws IllegalArgumentException naming the variable whose file does not exist
     */
    public AuthSettings auth() {
        return AuthSettings.fromEnvironment(env);
    }

    /**
     * @return HTTPS settings, or null for plain HTTP
     * @throws IllegalArgumentException naming the variable that is missing or whose file does not exist
     */
    public TlsOptions tls() {
        return TlsOptions.fromEnvironment(env);
    }

    /** @return options of the embedded Neo4j, used when NEO4J_URI is unset */
    public EmbeddedNeo4j.Options embeddedNeo4j() {
        return EmbeddedNeo4j.Options.builder(dataDir.resolve("neo4j"))
                .boltPort(within(env, "NEO4J_BOLT_PORT", EmbeddedNeo4j.Options.DEFAULT_BOLT_PORT, 0, 65535))
                .httpPort(within(env, "NEO4J_HTTP_PORT", EmbeddedNeo4j.Options.DEFAULT_HTTP_PORT, 0, 65535))
                .maxHeap(env.getOrDefault("NEO4J_HEAP", EmbeddedNeo4j.Options.DEFAULT_MAX_HEAP))
                .pageCacheBytes(bytes(env.getOrDefault("NEO4J_PAGE_CACHE", EmbeddedNeo4j.Options.DEFAULT_PAGE_CACHE_BYTES + "")))
                .logFile(dataDir.resolve("logs").resolve("neo4j.log"))
                .build();
    }

    /** A size like {@code 4g}, {@code 512m}, {@code 65536k} or a plain number of bytes. */
    private static long bytes(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)([kKmMgG]?)").matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("NEO4J_PAGE_CACHE: expected a size such as 512m or 4g, got " + text);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
            case "k" -> n << 10;
            case "m" -> n << 20;
            case "g" -> n << 30;
            default -> n;
        };
    }

    private static int within(Map<String, String> env, String name, int fallback, int min, int max) {
        int v = integer(env, name, fallback);
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + v);
        }
        return v;
    }

    private static int integer(Map<String, String> env, String name, int fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + v + "'");
        }
    }
}

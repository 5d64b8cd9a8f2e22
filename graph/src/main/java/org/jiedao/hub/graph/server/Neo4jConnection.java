package org.jiedao.hub.graph.server;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Logging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the hub reaches Neo4j: a connected {@link Driver}, either to a server given by URI (production, any
 * Neo4j server or cluster) or to an {@link EmbeddedNeo4j} child process started for the purpose (the default).
 * Either way the application talks Bolt (DESIGN.md, decision 1).
 *
 * <p>Environment variables read by {@link #fromEnvironment(Map, EmbeddedNeo4j.Options)}:
 * <ul>
 *   <li>{@value #ENV_URI}: for example {@code neo4j://graph.example:7687} (routing, for clusters) or
 *       {@code bolt://host:7687}; {@code +s}/{@code +ssc} schemes for TLS. Unset or blank = start embedded.</li>
 *   <li>{@value #ENV_USERNAME}, {@value #ENV_PASSWORD}: basic authentication; no authentication if the user
 *       name is unset.</li>
 *   <li>{@value #ENV_MAX_RETRY_SECONDS}: how long, in whole seconds (0 to 3600, default 30), a managed transaction
 *       ({@code session.executeWrite}) is retried with exponential backoff after a transient failure (deadlock,
 *       leader switch, lost connection) before the error is thrown. Applies to embedded and external servers.</li>
 * </ul>
 *
 * <p>Thread-safe; the driver is shared. {@link #close()} closes the driver and then stops the embedded server
 * if this connection started one.
 */
public final class Neo4jConnection implements AutoCloseable {

    /** Environment variable with the URI of an external Neo4j. */
    public static final String ENV_URI = "NEO4J_URI";
    /** Environment variable with the user name for basic authentication. */
    public static final String ENV_USERNAME = "NEO4J_USERNAME";
    /** Environment variable with the password for basic authentication. */
    public static final String ENV_PASSWORD = "NEO4J_PASSWORD";
    /** Environment variable with the retry budget of managed transactions, in seconds. */
    public static final String ENV_MAX_RETRY_SECONDS = "NEO4J_MAX_TRANSACTION_RETRY_SECONDS";
    /** Default retry budget of managed transactions (the driver's own default). */
    public static final Duration DEFAULT_MAX_TRANSACTION_RETRY_TIME = Duration.ofSeconds(30);
    /** Timeout for establishing a TCP connection to the server. */
    public static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(15);
    /** Timeout for acquiring a pooled connection. */
    public static final Duration ACQUISITION_TIMEOUT = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(Neo4jConnection.class);

    private final Driver driver;
    private final URI boltUri;
    private final EmbeddedNeo4j server;
    private final Duration maxTransactionRetryTime;
    private boolean closed;

    private Neo4jConnection(Driver driver, URI boltUri, EmbeddedNeo4j server, Duration maxTransactionRetryTime) {
        this.driver = driver;
        this.boltUri = boltUri;
        this.server = server;
        this.maxTransactionRetryTime = maxTransactionRetryTime;
    }

    /**
     * Connects as the environment says: to {@code NEO4J_URI} if set (starting nothing), else to a newly started
     * {@link EmbeddedNeo4j}. Connectivity is verified before returning.
     *
     * @param env              environment variables (usually {@link System#getenv()})
     * @param embeddedDefaults options for the embedded server, used only when {@code NEO4J_URI} is unset
     * @return an open connection; close it when done
     * @throws IllegalArgumentException if {@code NEO4J_URI} is not a valid URI, or
     *                                  {@code NEO4J_MAX_TRANSACTION_RETRY_SECONDS} not a whole number from 0 to 3600
     * @throws IllegalStateException    if the server cannot be reached or the embedded server classpath is missing
     * @throws Neo4jStartException      if the embedded server fails to start
     */
    public static Neo4jConnection fromEnvironment(Map<String, String> env, EmbeddedNeo4j.Options embeddedDefaults) {
        Objects.requireNonNull(env, "env");
        Duration retry = maxRetryTime(env.get(ENV_MAX_RETRY_SECONDS));
        String uri = env.get(ENV_URI);
        if (uri != null && !uri.isBlank()) {
            String user = env.get(ENV_USERNAME);
            AuthToken auth = user == null || user.isBlank()
                    ? AuthTokens.none()
                    : AuthTokens.basic(user, Objects.requireNonNullElse(env.get(ENV_PASSWORD), ""));
            URI target;
            try {
                target = URI.create(uri.strip());
            } catch (IllegalArgumentException e) {
                // the text may carry user:password@; the message names the variable only
                throw new IllegalArgumentException(ENV_URI + " is not a valid URI: " + e.getMessage().replace(uri.strip(), "<" + ENV_URI + ">"), e);
            }
            return connect(target, auth, null, retry);
        }
        Objects.requireNonNull(embeddedDefaults, "embeddedDefaults (needed because " + ENV_URI + " is unset)");
        EmbeddedNeo4j server = EmbeddedNeo4j.start(embeddedDefaults);
        try {
            return connect(server.boltUri(), AuthTokens.none(), server, retry);
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
    }

    private static Duration maxRetryTime(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_MAX_TRANSACTION_RETRY_TIME;
        }
        long seconds;
        try {
            seconds = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(ENV_MAX_RETRY_SECONDS + " must be a whole number of seconds, was '" + value + "'");
        }
        if (seconds < 0 || seconds > 3600) {
            throw new IllegalArgumentException(ENV_MAX_RETRY_SECONDS + " must be between 0 and 3600, was " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    /** @return the URI without a {@code user:password@} part, for messages and the log */
    private static String withoutUserInfo(URI uri) {
        return uri.getRawUserInfo() == null ? uri.toString() : uri.toString().replace(uri.getRawUserInfo() + "@", "");
    }

    private static Neo4jConnection connect(URI uri, AuthToken auth, EmbeddedNeo4j server, Duration retry) {
        Config config = Config.builder()
                .withMaxTransactionRetryTime(retry.toMillis(), TimeUnit.MILLISECONDS)
                .withConnectionTimeout(CONNECTION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .withConnectionAcquisitionTimeout(ACQUISITION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .withLogging(Logging.slf4j())
                .withUserAgent("jiedao-hub")
                .build();
        Driver driver = GraphDatabase.driver(uri, auth, config);
        try {
            driver.verifyConnectivity();
        } catch (RuntimeException e) {
            driver.close();
            throw new IllegalStateException("cannot connect to Neo4j at " + withoutUserInfo(uri)
                    + (server == null ? " (" + ENV_URI + ")" : " (embedded, pid " + server.pid() + ")")
                    + ": " + e.getMessage(), e);
        }
        LOG.info("connected to Neo4j at {}{}", withoutUserInfo(uri), server == null ? "" : " (embedded)");
        return new Neo4jConnection(driver, uri, server, retry);
    }

    /**
     * The shared driver, already verified to reach the server.
     *
     * @return the driver; do not close it, close this connection instead
     */
    public Driver driver() {
        return driver;
    }

    /**
     * How long a managed transaction is retried after transient failures, as configured on the driver.
     *
     * @return the retry budget ({@value #ENV_MAX_RETRY_SECONDS}, default 30 s)
     */
    public Duration maxTransactionRetryTime() {
        return maxTransactionRetryTime;
    }

    /**
     * Whether this connection started its own server.
     *
     * @return true for an {@link EmbeddedNeo4j} child process, false for {@code NEO4J_URI}
     */
    public boolean embedded() {
        return server != null;
    }

    /**
     * The URI the driver connects to.
     *
     * @return the embedded server's {@code bolt://127.0.0.1:port}, or {@code NEO4J_URI}
     */
    public URI boltUri() {
        return boltUri;
    }

    /**
     * The embedded server, for its HTTP/Browser URI, pid or log.
     *
     * @return the server if this connection started one, else empty
     */
    public Optional<EmbeddedNeo4j> server() {
        return Optional.ofNullable(server);
    }

    /** Closes the driver, then stops the embedded server if this connection started one. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            driver.close();
        } finally {
            if (server != null) {
                server.stop();
            }
        }
    }
}

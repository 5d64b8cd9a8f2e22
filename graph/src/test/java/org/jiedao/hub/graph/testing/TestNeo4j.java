package org.jiedao.hub.graph.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jiedao.hub.graph.server.EmbeddedNeo4j;
import org.jiedao.hub.graph.server.Neo4jConnection;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;

/**
 * One Neo4j per test JVM, started on first use and shared by all tests in that JVM (published in graph's
 * test-jar for the modules downstream).
 *
 * <p>By default it starts an {@link EmbeddedNeo4j} child process on free ports with a temporary data directory
 * (deleted at JVM exit), {@code -Xmx384m} and a 16 MiB page cache; the first call takes about 10 s. If the
 * environment variable {@code NEO4J_URI} is set (with {@code NEO4J_USERNAME}/{@code NEO4J_PASSWORD} if needed),
 * that server is used instead: it must be a throw-away server, because {@link #clear()} wipes it.
 *
 * <p>Tests share the database: call {@link #clear()} before each test that needs an empty graph.
 */
public final class TestNeo4j {

    private static final long TEST_PAGE_CACHE = 16L * 1024 * 1024;
    private static final int DELETE_BATCH = 10_000;

    private static Neo4jConnection connection;

    private TestNeo4j() {
    }

    /**
     * The shared driver, starting the server on first use.
     *
     * @return a connected driver; do not close it (it is closed at JVM exit)
     * @throws org.jiedao.hub.graph.server.Neo4jStartException if the embedded server does not start
     * @throws IllegalStateException if the server jars are missing (build {@code neo4j-server}) or
     *                               {@code NEO4J_URI} cannot be reached
     */
    public static Driver driver() {
        return connection().driver();
    }

    /**
     * The Bolt URI of the shared server, starting it on first use.
     *
     * @return for example {@code bolt://127.0.0.1:41234}, or {@code NEO4J_URI}
     */
    public static URI boltUri() {
        return connection().boltUri();
    }

    /**
     * Empties the default database: deletes all nodes and relationships (in batches of 10,000 nodes) and drops
     * all constraints and all indexes except the built-in token lookup indexes.
     *
     * @throws org.neo4j.driver.exceptions.Neo4jException if the server rejects a statement
     */
    public static void clear() {
        try (Session session = driver().session()) {
            long deleted;
            do {
                deleted = session.run("MATCH (n) WITH n LIMIT $batch DETACH DELETE n RETURN count(*) AS deleted",
                        Map.of("batch", DELETE_BATCH)).single().get("deleted").asLong();
            } while (deleted > 0);
            List<String> constraints = session.run("SHOW CONSTRAINTS YIELD name RETURN name")
                    .list(r -> r.get("name").asString());
            for (String name : constraints) {
                session.run("DROP CONSTRAINT " + quote(name) + " IF EXISTS").consume();
            }
            List<String> indexes = session.run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name")
                    .list((Record r) -> r.get("name").asString());
            for (String name : indexes) {
                session.run("DROP INDEX " + quote(name) + " IF EXISTS").consume();
            }
        }
    }

    private static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    private static synchronized Neo4jConnection connection() {
        if (connection == null) {
            connection = open();
        }
        return connection;
    }

    private static Neo4jConnection open() {
        Path root;
        try {
            root = Files.createTempDirectory("jiedao-test-neo4j-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for Neo4j", e);
        }
        EmbeddedNeo4j.Options options = EmbeddedNeo4j.Options.builder(root.resolve("data"))
                .boltPort(0)
                .httpPort(0)
                .maxHeap("384m")
                .pageCacheBytes(TEST_PAGE_CACHE)
                .startTimeout(Duration.ofSeconds(180))
                .logFile(root.resolve("neo4j.log"))
                .build();
        Neo4jConnection opened;
        try {
            opened = Neo4jConnection.fromEnvironment(System.getenv(), options);
        } catch (RuntimeException e) {
            deleteTree(root);
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            opened.close();
            deleteTree(root);
        }, "test-neo4j-cleanup"));
        return opened;
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // Best effort at exit.
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // Best effort at exit.
        }
    }
}

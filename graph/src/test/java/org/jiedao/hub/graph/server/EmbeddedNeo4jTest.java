package org.jiedao.hub.graph.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;

/** Starts real Neo4j child processes (two full starts, about 10 s each) and some that fail fast. */
class EmbeddedNeo4jTest {

    @TempDir
    Path dir;

    @Test
    void writesServesBrowserStopsAndKeepsDataAcrossRestarts() throws Exception {
        EmbeddedNeo4j.Options options = EmbeddedNeo4j.Options.builder(dir.resolve("data"))
                .boltPort(0)
                .httpPort(0)
                .build();
        long pid;
        try (Neo4jConnection connection = Neo4jConnection.fromEnvironment(Map.of(), options)) {
            assertThat(connection.embedded()).isTrue();
            EmbeddedNeo4j server = connection.server().orElseThrow();
            pid = server.pid();
            assertThat(connection.boltUri()).isEqualTo(server.boltUri());
            assertThat(server.boltUri().toString()).matches("bolt://127\\.0\\.0\\.1:\\d+");
            assertThat(server.httpUri().toString()).matches("http://127\\.0\\.0\\.1:\\d+/");

            try (Session session = connection.driver().session()) {
                session.run("CREATE (:Probe {id: 1, name: $name})", Map.of("name", "街道")).consume();
                Record r = session.run("MATCH (p:Probe {id: 1}) RETURN p.name AS name").single();
                assertThat(r.get("name").asString()).isEqualTo("街道");
            }

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> browser = http.send(
                    HttpRequest.newBuilder(server.httpUri().resolve("browser/")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(browser.statusCode()).isEqualTo(200);
            assertThat(browser.body()).containsIgnoringCase("<html");

            System.out.printf("MEASURE default options (-Xmx%s, page cache %d MiB): ready in %d ms, child VmRSS %s%n",
                    options.maxHeap(), options.pageCacheBytes() >> 20, server.startupTime().toMillis(),
                    vmRss(pid));
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .as("server process after close()").isFalse();

        EmbeddedNeo4j again = EmbeddedNeo4j.start(options);
        try (Driver driver = GraphDatabase.driver(again.boltUri(), AuthTokens.none());
             Session session = driver.session()) {
            Record r = session.run("MATCH (p:Probe) RETURN count(p) AS n, collect(p.name) AS names").single();
            assertThat(r.get("n").asLong()).isEqualTo(1);
            assertThat(r.get("names").asList()).containsExactly("街道");
            System.out.printf("MEASURE restart on existing data: ready in %d ms%n", again.startupTime().toMillis());
        } finally {
            again.stop();
        }
        again.stop(); // idempotent
        assertThat(again.isAlive()).isFalse();
        assertThat(ProcessHandle.of(again.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();

        Path log = dir.resolve("neo4j.log");
        assertThat(options.logFile()).isEqualTo(log.toAbsolutePath());
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(text).contains(EmbeddedNeo4j.READY_PREFIX).contains("stopped");
    }

    @Test
    void reportsExitAndOutputWhenTheMainClassIsMissing() throws IOException {
        Path notAServer = Files.createDirectories(dir.resolve("empty"));
        EmbeddedNeo4j.Options options = EmbeddedNeo4j.Options.builder(dir.resolve("data"))
                .serverClasspath(List.of(notAServer))
                .build();
        assertThatThrownBy(() -> EmbeddedNeo4j.start(options))
                .isInstanceOfSatisfying(Neo4jStartException.class, e -> {
                    assertThat(e.exitCode()).hasValue(1);
                    assertThat(e.logTail()).anyMatch(l -> l.contains(EmbeddedNeo4j.MAIN_CLASS));
                })
                .hasMessageContaining("exited with code 1")
                .hasMessageContaining(EmbeddedNeo4j.MAIN_CLASS);
    }

    @Test
    void reportsAPortInUse() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();
            EmbeddedNeo4j.Options options = EmbeddedNeo4j.Options.builder(dir.resolve("data"))
                    .boltPort(port)
                    .httpPort(0)
                    .build();
            assertThatThrownBy(() -> EmbeddedNeo4j.start(options))
                    .isInstanceOfSatisfying(Neo4jStartException.class, e -> assertThat(e.portInUse()).isTrue())
                    .hasMessageContaining("bolt port " + port);
        }
    }

    @Test
    void killsTheProcessOnTimeout() {
        EmbeddedNeo4j.Options options = EmbeddedNeo4j.Options.builder(dir.resolve("data"))
                .boltPort(0)
                .httpPort(0)
                .startTimeout(Duration.ofMillis(300))
                .build();
        assertThatThrownBy(() -> EmbeddedNeo4j.start(options))
                .isInstanceOf(Neo4jStartException.class)
                .hasMessageContaining("not ready within");
        assertThat(ProcessHandle.current().children()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains(EmbeddedNeo4j.MAIN_CLASS)))
                .isEmpty();
    }

    @Test
    void optionsFillInDefaultsAndValidate() {
        EmbeddedNeo4j.Options o = EmbeddedNeo4j.Options.builder(dir.resolve("hub/neo4j")).build();
        assertThat(o.boltPort()).isEqualTo(7687);
        assertThat(o.httpPort()).isEqualTo(7474);
        assertThat(o.maxHeap()).isEqualTo("512m");
        assertThat(o.pageCacheBytes()).isEqualTo(64L << 20);
        assertThat(o.startTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(o.javaHome()).isEqualTo(Path.of(System.getProperty("java.home")));
        assertThat(o.serverClasspath()).isEmpty();
        assertThat(o.logFile()).isEqualTo(dir.resolve("hub/neo4j.log").toAbsolutePath());
        assertThat(o.toBuilder().maxHeap("1g").build().maxHeap()).isEqualTo("1g");

        assertThatThrownBy(() -> o.toBuilder().maxHeap("lots").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> o.toBuilder().boltPort(70000).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> o.toBuilder().boltPort(7000).httpPort(7000).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> o.toBuilder().startTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** VmRSS line of /proc/PID/status, e.g. "354092 kB", or "n/a" off Linux. */
    static String vmRss(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> l.substring("VmRSS:".length()).strip())
                    .findFirst().orElse("n/a");
        } catch (IOException e) {
            return "n/a";
        }
    }
}

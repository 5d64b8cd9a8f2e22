package org.jiedao.hub.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jiedao.hub.routes.RouteFixture.count;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jiedao.hub.graph.write.RecordWriter;
import org.jiedao.hub.simulator.EventSilo;
import org.jiedao.hub.simulator.RestSiloServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST route (config/examples/kindergartens-rest.yaml) against the simulator's API and against a local server
 * that misbehaves on purpose, end to end into the test Neo4j.
 */
class RestSourceRouteTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXAMPLE = "kindergartens-rest.yaml";
    @TempDir
    Path dir;
    private RecordWriter writer;
    private final List<ObjectNode> kindergartens = EventSilo.withDefaults().kindergartens(53);

    @BeforeEach
    void freshGraph() {
        writer = RouteFixture.freshGraph();
    }

    @Test
    void pageNumberPaginationLoadsEveryItemOnceAndARepollAddsNothing() throws Exception {
        try (RestSiloServer api = new RestSiloServer(0, kindergartens);
             IntegrationRuntime routes = ExampleSources.runtime(EXAMPLE,
                     Map.of("KINDERGARTEN_API_URL", api.kindergartensUrl(), "KINDERGARTEN_API_POLL", "300ms"), t -> t, writer, dir)) {
            routes.start();
            assertThat(routes.awaitInitialLoad(Duration.ofSeconds(180))).isTrue();
            SourceStats s = routes.stats().get("kindergartens");
            // 53 items in pages of 20: pages 1, 2, 3 (13 items, the last)
            assertThat(s.completedUnits()).isEqualTo(3);
            assertThat(ExampleSources.await(Duration.ofSeconds(120), () -> s.pollsEnded() >= 2)).as("a second poll").isTrue();
            assertThat(s.completedUnits()).isGreaterThanOrEqualTo(6);
            assertThat(s.failedUnits()).isZero();
            assertThat(s.written()).isEqualTo(53);
            assertThat(s.quarantined()).isZero();
        }
        assertThat(count("MATCH (k:Kindergarten) RETURN count(k)")).isEqualTo(53);
        assertThat(count("MATCH (r:SourceRecord {source: 'kindergartens'}) RETURN count(r)")).isEqualTo(53);
        assertThat(count("MATCH (k:Kindergarten {code: 'KG110102053'})-[:KINDERGARTEN_AT]->(:Address) RETURN count(k)")).isEqualTo(1);
        assertThat(count("MATCH (r:SourceRecord {source: 'kindergartens', recordKey: 'KG110102041'}) "
                + "WHERE r.location ENDS WITH '/api/kindergartens page 3 item 0' RETURN count(r)")).isEqualTo(1);
    }

    @Test
    void cursorPaginationLoadsEveryItemOnce() throws Exception {
        try (RestSiloServer api = new RestSiloServer(0, kindergartens);
             IntegrationRuntime routes = ExampleSources.runtime(EXAMPLE, Map.of("KINDERGARTEN_API_URL", api.kindergartensUrl()),
                     t -> t.replace("pagination: page ", "pagination: cursor ")
                             .replace("  pageParam: page\n", "  pageParam: cursor\n  nextCursor: nextCursor\n"), writer, dir)) {
            routes.start();
            assertThat(routes.awaitInitialLoad(Duration.ofSeconds(180))).isTrue();
            SourceStats s = routes.stats().get("kindergartens");
            assertThat(s.completedUnits()).isEqualTo(3);
            assertThat(s.read()).isEqualTo(53);
            assertThat(s.written()).isEqualTo(53);
        }
        assertThat(count("MATCH (k:Kindergarten) RETURN count(k)")).isEqualTo(53);
        assertThat(count("MATCH (r:SourceRecord {source: 'kindergartens'}) WHERE r.location ENDS WITH ' page 3 item 12' RETURN count(r)")).isEqualTo(1);
    }

    @Test
    void serverErrorsAreRetriedWithExponentialBackoff() throws Exception {
        try (FlakyApi api = new FlakyApi(kindergartens, (n, e) -> n <= 2 ? reply(e, 503, "{\"error\": \"busy\"}") : false)) {
            runOnce(api, 3, "200ms", "none", 20L);
            assertThat(api.requests()).hasSize(3);
            List<Long> gaps = api.gapsMillis();
            assertThat(gaps.get(0)).as("first wait: backoff").isGreaterThanOrEqualTo(190);
            assertThat(gaps.get(1)).as("second wait: doubled").isGreaterThanOrEqualTo(390);
        }
        assertThat(count("MATCH (k:Kindergarten) RETURN count(k)")).isEqualTo(20);
    }

    @Test
    void tooManyRequestsHonoursRetryAfter() throws Exception {
        try (FlakyApi api = new FlakyApi(kindergartens, (n, e) -> {
            if (n == 1) {
                e.getResponseHeaders().set("Retry-After", "2");
                return reply(e, 429, "{\"error\": \"slow down\"}");
            }
            return false;
        })) {
            runOnce(api, 3, "100ms", "none", 20L);
            assertThat(api.requests()).hasSize(2);
            assertThat(api.gapsMillis().get(0)).as("waited as Retry-After asked, not the 100 ms backoff").isGreaterThanOrEqualTo(1_950);
        }
        assertThat(count("MATCH (k:Kindergarten) RETURN count(k)")).isEqualTo(20);
    }

    @Test
    void rateLimitSpacesRequestsAcrossPages() throws Exception {
        try (FlakyApi api = new FlakyApi(kindergartens, (n, e) -> false)) {
            // 53 items in pages of 5: 11 pages at most 4 requests per second
            try (IntegrationRuntime routes = ExampleSources.runtime(EXAMPLE, Map.of("KINDERGARTEN_API_URL", api.url()),
                    t -> t.replace("pageSize: 20", "pageSize: 5").replace("rateLimit: 5 ", "rateLimit: 4 "), writer, dir)) {
                routes.start();
                assertThat(routes.awaitInitialLoad(Duration.ofSeconds(180))).isTrue();
                assertThat(routes.stats().get("kindergartens").written()).isEqualTo(53);
            }
            assertThat(api.requests()).hasSizeGreaterThanOrEqualTo(11);
            // the client spaces its requests 250 ms apart; the server sees their arrivals, which a loaded machine may
            // shift by some milliseconds either way (a CI run saw one gap of 239 ms): every gap stays far above an
            // unlimited client's few milliseconds, and over the run the spacing averages the limit
            List<Long> gaps = api.gapsMillis();
            assertThat(gaps).allSatisfy(gap -> assertThat(gap).isGreaterThanOrEqualTo(200));
            assertThat(gaps.stream().mapToLong(Long::longValue).average().orElseThrow()).isGreaterThanOrEqualTo(245);
        }
    }

    @Test
    void aClientErrorFailsThePollAtOnceAndIsRecorded() throws Exception {
        try (FlakyApi api = new FlakyApi(kindergartens, (n, e) -> reply(e, 404, "{\"error\": \"no such API\"}"))) {
            SourceStats s = runOnce(api, 3, "100ms", "none", 0L);
            assertThat(api.requests()).as("a 404 is not retried").hasSize(1);
            assertThat(s.lastFailure()).contains("404").contains(api.url());
            assertThat(s.written()).isZero();
        }
    }

    @Test
    void aPageThatIsNotJsonIsAFailedUnit() throws Exception {
        try (FlakyApi api = new FlakyApi(kindergartens, (n, e) -> n == 2 ? reply(e, 200, "<html>maintenance</html>") : false)) {
            SourceStats s = runOnce(api, 3, "100ms", "page", 20L);
            assertThat(s.failedUnits()).isEqualTo(1);
            assertThat(s.completedUnits()).as("page 1 was committed before page 2 was fetched").isEqualTo(1);
            assertThat(s.lastFailure()).contains("not JSON").contains("page=2");
        }
        assertThat(count("MATCH (k:Kindergarten) RETURN count(k)")).isEqualTo(20);
    }

    /** Runs one poll (page size 20) and returns the stats after checking the records written. */
    private SourceStats runOnce(FlakyApi api, int retries, String backoff, String pagination, long expectWritten) throws Exception {
        try (IntegrationRuntime routes = ExampleSources.runtime(EXAMPLE,
                Map.of("KINDERGARTEN_API_URL", api.url(), "KINDERGARTEN_API_POLL", "1h"),
                t -> t.replace("errorPolicy: {retries: 5, backoff: 1s}", "errorPolicy: {retries: %d, backoff: %s}".formatted(retries, backoff))
                        .replace("pagination: page ", "pagination: " + pagination + " "), writer, dir)) {
            routes.start();
            assertThat(routes.awaitInitialLoad(Duration.ofSeconds(180))).isTrue();
            SourceStats s = routes.stats().get("kindergartens");
            assertThat(s.written()).isEqualTo(expectWritten);
            return s;
        }
    }

    private static boolean reply(HttpExchange e, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        e.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = e.getResponseBody()) {
            out.write(bytes);
        }
        return true;
    }

    /** Decides the answer to request n (from 1): true if it answered, false to answer the page normally. */
    interface Behaviour {
        boolean answer(int n, HttpExchange exchange) throws IOException;
    }

    /** A local API serving pages ({@code ?page=&size=}, default page 1 size 20) that records when each request came. */
    static final class FlakyApi implements AutoCloseable {
        private final HttpServer server;
        private final List<Long> requestNanos = new CopyOnWriteArrayList<>();
        private final List<String> requests = new CopyOnWriteArrayList<>();
        private final AtomicInteger n = new AtomicInteger();

        FlakyApi(List<ObjectNode> items, Behaviour behaviour) throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/api", e -> {
                try (e) {
                    requestNanos.add(System.nanoTime());
                    requests.add(e.getRequestURI().toString());
                    if (behaviour.answer(n.incrementAndGet(), e)) {
                        return;
                    }
                    String q = e.getRequestURI().getQuery() == null ? "" : e.getRequestURI().getQuery();
                    int page = param(q, "page", 1);
                    int size = param(q, "size", 20);
                    ObjectNode body = JSON.createObjectNode();
                    var array = body.putArray("items");
                    for (int i = (page - 1) * size; i < Math.min(items.size(), page * size); i++) {
                        array.add(items.get(i));
                    }
                    e.getResponseHeaders().set("Content-Type", "application/json");
                    reply(e, 200, JSON.writeValueAsString(body));
                }
            });
            server.start();
        }

        private static int param(String query, String name, int dflt) {
            for (String p : query.split("&")) {
                if (p.startsWith(name + "=")) {
                    return Integer.parseInt(p.substring(name.length() + 1));
                }
            }
            return dflt;
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
        }

        List<String> requests() {
            return requests;
        }

        /** @return milliseconds between consecutive requests, as the server saw them */
        List<Long> gapsMillis() {
            List<Long> gaps = new ArrayList<>();
            for (int i = 1; i < requestNanos.size(); i++) {
                gaps.add((requestNanos.get(i) - requestNanos.get(i - 1)) / 1_000_000);
            }
            return gaps;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}

package org.jiedao.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

import org.jiedao.hub.api.http.ApiServer;
import org.jiedao.hub.api.http.HttpOptions;
import org.jiedao.hub.api.http.RateLimitHandler;
import org.jiedao.hub.api.http.RateLimiter;
import org.jiedao.hub.api.query.QueryContext;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rate limits per principal over HTTP: the role's requests per minute, HTTP 429 with {@code Retry-After} and code
 * {@code RATE_LIMITED} beyond it, no database call for a refused request. The limiter runs on a clock the test
 * moves, so nothing depends on real time.
 */
class RateLimitApiTest {
    private static final AtomicLong NOW = new AtomicLong(TimeUnit.DAYS.toNanos(1));
    private static final ConcurrentLinkedQueue<String> REFUSED_ROLES = new ConcurrentLinkedQueue<>();
    private static ExecutorService blocking;
    private static QueryContext context;
    private static ApiServer server;
    private static String id;

    @BeforeAll
    static void start() throws Exception {
        id = ApiFixture.writeGraph();
        blocking = Executors.newVirtualThreadPerTaskExecutor();
        context = GraphQLFactory.context(ApiFixture.O, TestNeo4j.driver(), blocking, QueryLimits.DEFAULTS);
        RateLimitHandler limits = new RateLimitHandler(HardeningFixture.POLICY, new RateLimiter(NOW::get, 1000), REFUSED_ROLES::add);
        server = ApiServer.start(GraphQLFactory.create(context), null, null, HttpOptions.DEFAULTS,
                HardeningFixture.authentication(), null, List.of(limits), null, "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        blocking.shutdownNow();
    }

    private static HttpResponse<String> query(String role, String user) throws Exception {
        String body = ApiFixture.JSON.writeValueAsString(Map.of("query", "{ person(idNumber: \"" + id + "\") { name } }"));
        return ApiFixture.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/graphql"))
                        .header("Content-Type", "application/json").header(HardeningFixture.ROLE_HEADER, HardeningFixture.key(role, user))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aCallerOverItsRolesLimitGets429WithRetryAfterAndNoQueryRuns() throws Exception {
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> ok = query("limited", "over-limit");
            assertThat(ok.statusCode()).as("request %d of 3 allowed a minute", i + 1).isEqualTo(200);
            assertThat(ApiFixture.JSON.readTree(ok.body()).at("/data/person/name").asText()).isEqualTo("林晓雨");
        }
        long before = context.cypher().statementCount();
        HttpResponse<String> refused = query("limited", "over-limit");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("20"); // one request every 60/3 s
        JsonNode error = ApiFixture.JSON.readTree(refused.body()).path("errors").get(0);
        assertThat(error.at("/extensions/code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(error.path("message").asText()).contains("limited", "3 requests per minute");
        assertThat(context.cypher().statementCount()).as("statements run for the refused request").isEqualTo(before);
        assertThat(REFUSED_ROLES).contains("limited");
    }

    @Test
    void theLimitCountsEachPrincipalApart() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(query("limited", "busy").statusCode()).isEqualTo(200);
        }
        assertThat(query("limited", "busy").statusCode()).isEqualTo(429);
        assertThat(query("limited", "quiet").statusCode()).as("another caller of the same role").isEqualTo(200);
    }

    @Test
    void aRefusedCallerMayCallAgainAfterRetryAfter() throws Exception {
        for (int i = 0; i < 3; i++) {
            query("limited", "patient");
        }
        HttpResponse<String> refused = query("limited", "patient");
        assertThat(refused.statusCode()).isEqualTo(429);
        long wait = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        NOW.addAndGet(TimeUnit.SECONDS.toNanos(wait) - 1_000_000);
        assertThat(query("limited", "patient").statusCode()).as("just before Retry-After").isEqualTo(429);
        NOW.addAndGet(1_000_000);
        assertThat(query("limited", "patient").statusCode()).as("at Retry-After").isEqualTo(200);
        assertThat(query("limited", "patient").statusCode()).as("one request per 20 s after a burst").isEqualTo(429);
    }

    @Test
    void aRoleWithoutALimitIsNeverRefused() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(query("admin", "operator").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void idleCallersAreForgottenSoMemoryStaysBounded() {
        AtomicLong now = new AtomicLong();
        RateLimiter limiter = new RateLimiter(now::get, 2);
        limiter.acquire("a", 3);
        limiter.acquire("b", 3);
        limiter.acquire("c", 3);
        assertThat(limiter.callers()).as("callers kept at most").isLessThanOrEqualTo(2);
        now.addAndGet(TimeUnit.SECONDS.toNanos(61));
        assertThat(limiter.callers()).as("callers kept after a minute without requests").isZero();
    }
}

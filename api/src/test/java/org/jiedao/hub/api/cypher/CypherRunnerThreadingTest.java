package org.jiedao.hub.api.cypher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

import org.jiedao.hub.graph.testing.TestNeo4j;
import org.junit.jupiter.api.Test;

/**
 * Driver calls never run on a Vert.x event loop (DESIGN.md, decision 7): from an event loop, {@code read} returns
 * at once and the statement runs on a virtual thread; {@code readNow}, which would block the loop, is refused before
 * it reaches the driver.
 */
class CypherRunnerThreadingTest {

    @Test
    void fromAnEventLoopReadHandsTheStatementToAVirtualThreadAndReadNowIsRefused() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (var blocking = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("cypher-", 0).factory())) {
            CypherRunner runner = new CypherRunner(TestNeo4j.driver(), blocking, Duration.ofSeconds(30));
            CompletableFuture<Throwable> refused = new CompletableFuture<>();
            CompletableFuture<Boolean> pendingWhenReturned = new CompletableFuture<>();
            CompletableFuture<List<Map<String, Object>>> rows = new CompletableFuture<>();
            vertx.runOnContext(v -> {
                if (!Context.isOnEventLoopThread()) {
                    refused.completeExceptionally(new AssertionError("not on an event loop"));
                    return;
                }
                try {
                    runner.readNow("RETURN 1 AS one", Map.of());
                    refused.complete(null);
                } catch (IllegalStateException e) {
                    refused.complete(e);
                }
                CompletableFuture<List<Map<String, Object>>> read = runner.read("RETURN $x AS x", Map.of("x", 7L));
                pendingWhenReturned.complete(!read.isDone());
                read.whenComplete((r, e) -> {
                    if (e != null) {
                        rows.completeExceptionally(e);
                    } else {
                        rows.complete(r);
                    }
                });
            });
            assertThat(refused.get(30, TimeUnit.SECONDS)).isNotNull().hasMessageContaining("event loop");
            assertThat(pendingWhenReturned.get(30, TimeUnit.SECONDS)).as("read returns before the statement has run").isTrue();
            assertThat(rows.get(60, TimeUnit.SECONDS)).containsExactly(Map.of("x", 7L));
            assertThat(runner.statementCount()).as("only the read reached the driver").isEqualTo(1);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}

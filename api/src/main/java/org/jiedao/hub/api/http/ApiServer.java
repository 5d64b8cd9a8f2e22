package org.jiedao.hub.api.http;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import graphql.GraphQL;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.graphql.GraphQLHandler;
import io.vertx.ext.web.handler.graphql.GraphiQLHandler;
import io.vertx.ext.web.handler.graphql.GraphiQLHandlerOptions;

/**
 * The hub's HTTP front on Vert.x: GraphQL at {@code /graphql} (GET and POST, bodies up to 1 MiB; subscriptions and
 * queries over WebSocket with {@link GraphQLWebSocket}), GraphiQL at
 * {@code /graphiql/}, RDF export at {@code GET /export} (see {@link ExportHandler}), {@code /health}, and metrics in
 * the Prometheus text format at {@code GET /metrics} when a scrape function is given. Until
 * authentication exists (issue 7) it binds to loopback by default.
 */
public final class ApiServer implements AutoCloseable {
    /** Largest accepted request body in bytes. */
    public static final long MAX_BODY_BYTES = 1024 * 1024;
    private final Vertx vertx;
    private final HttpServer server;

    private ApiServer(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /**
     * @param graphQL the engine
     * @param host    address to bind, e.g. 127.0.0.1
     * @param port    TCP port, 0 for any free port
     * @return the running server
     * @throws IllegalStateException if the port cannot be bound within 30 s (the message names host and port)
     */
    public static ApiServer start(GraphQL graphQL, String host, int port) {
        return start(graphQL, null, host, port);
    }

    /**
     * @param graphQL the engine
     * @param export  the handler of {@code GET /export}, or null to serve no export
     * @param host    address to bind, e.g. 127.0.0.1
     * @param port    TCP port, 0 for any free port
     * @return the running server
     * @throws IllegalStateException if the port cannot be bound within 30 s (the message names host and port)
     */
    public static ApiServer start(GraphQL graphQL, ExportHandler export, String host, int port) {
        return start(graphQL, export, null, host, port);
    }

    /**
     * @param graphQL the engine
     * @param export  the handler of {@code GET /export}, or null to serve no export
     * @param metrics the scrape of {@code GET /metrics}: text in the Prometheus exposition format 0.0.4, e.g.
     *                {@code PrometheusMeterRegistry::scrape}; called off the event loop; null to serve no metrics
     * @param host    address to bind, e.g. 127.0.0.1
     * @param port    TCP port, 0 for any free port
     * @return the running server
     * @throws IllegalStateException if the port cannot be bound within 30 s (the message names host and port)
     */
    public static ApiServer start(GraphQL graphQL, ExportHandler export, java.util.function.Supplier<String> metrics,
                                  String host, int port) {
        Vertx vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.route("/graphql").handler(GraphQLWebSocket.handler(graphQL)); // WebSocket upgrades; others pass on
        router.route("/graphql").handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES));
        router.route("/graphql").handler(GraphQLHandler.create(graphQL));
        router.route("/graphiql*").subRouter(GraphiQLHandler.create(vertx,
                new GraphiQLHandlerOptions().setEnabled(true).setGraphQLUri("/graphql")).router());
        if (export != null) {
            router.get("/export").handler(export);
        }
        if (metrics != null) {
            router.get("/metrics").handler(ctx -> ctx.vertx().executeBlocking(metrics::get, false).onComplete(r -> {
                if (r.succeeded()) {
                    ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(r.result());
                } else {
                    ctx.fail(500, r.cause());
                }
            }));
        }
        router.get("/health").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));
        // a request the handlers refuse (malformed JSON, no query) gets its reason as JSON, and no stack trace in the log
        router.route().failureHandler(ctx -> {
            int status = ctx.statusCode() > 0 ? ctx.statusCode() : 400;
            Throwable failure = ctx.failure();
            String reason = failure == null || failure.getMessage() == null ? "bad request" : failure.getMessage();
            if (!ctx.response().ended()) {
                ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("errors", new io.vertx.core.json.JsonArray()
                                .add(new JsonObject().put("message", reason))).encode());
            }
        });
        router.get("/").handler(ctx -> ctx.redirect("/graphiql/"));
        try {
            HttpServer server = vertx.createHttpServer(new io.vertx.core.http.HttpServerOptions()
                            .addWebSocketSubProtocol(GraphQLWebSocket.SUBPROTOCOL)).requestHandler(router).listen(port, host)
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            return new ApiServer(vertx, server);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            vertx.close();
            throw new IllegalStateException("interrupted while binding " + host + ":" + port, e);
        } catch (ExecutionException | TimeoutException e) {
            vertx.close();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("cannot serve HTTP on " + host + ":" + port + ": " + cause.getMessage(), cause);
        }
    }

    /** @return the bound port */
    public int port() {
        return server.actualPort();
    }

    /** Stops serving and releases Vert.x. */
    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // best effort on shutdown
        }
    }
}

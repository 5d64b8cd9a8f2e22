package org.jiedao.hub.api.http;

import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import graphql.GraphQL;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.handler.graphql.GraphiQLHandler;
import io.vertx.ext.web.handler.graphql.GraphiQLHandlerOptions;

import org.jiedao.hub.api.auth.Authentication;
import org.jiedao.hub.api.auth.AuthenticationHandler;
import org.jiedao.hub.api.auth.Credentials;
import org.jiedao.hub.api.auth.EndpointRules;

/**
 * The hub's HTTP front on Vert.x: GraphQL over HTTP at {@code /graphql} ({@link GraphQLHttpHandler}: GET and POST,
 * persisted documents; subscriptions and queries over WebSocket with {@link GraphQLWebSocket}; bodies up to
 * {@link HttpOptions#maxBodyBytes()}, larger ones refused with 413 before they are
 * read), GraphiQL at {@code /graphiql/}, the graph browser at {@code /explore/} (the explorer module's page, from the
 * classpath under {@value #EXPLORER_WEBROOT}; it reads data only through {@code /graphql}), RDF export at {@code GET /export} (see {@link ExportHandler}),
 * {@code /health}, and metrics in the Prometheus text format at {@code GET /metrics} when a scrape function is
 * given. Responses are gzip- or deflate-compressed when the client sends {@code Accept-Encoding}; CORS is answered
 * for the configured origins only ({@link HttpOptions#corsOrigins()}); every response carries
 * {@link SecureHeaders}. HTTPS, and mutual TLS for partner systems, when {@link TlsOptions} are given.
 *
 * <p>Every endpoint except {@code /health}, the GraphiQL and explorer pages and the redirect from {@code /} requires a credential
 * ({@link AuthenticationHandler}): a request without a valid one gets 401 before its body is read or any database
 * call. The handlers of {@code /graphql} run in this order, each refusing before the next runs (the extension points
 * for per-principal checks such as rate limits are between authentication and the body handler, where the
 * {@link org.jiedao.hub.api.access.Principal} is in the routing context):
 * <ol>
 * <li>security headers, CORS (preflight answered without credentials);</li>
 * <li>authentication of the upgrade or request ({@link AuthenticationHandler#beforeWebSocket}: a bare WebSocket
 *     upgrade authenticates in {@code connection_init} instead);</li>
 * <li>the WebSocket handler ({@link GraphQLWebSocket});</li>
 * <li>authentication of every other request ({@link AuthenticationHandler#required});</li>
 * <li>[per-principal checks: rate limit, ... go here];</li>
 * <li>{@link GraphQLHttpHandler#checkRequest} (method, size, media types), the body handler, GraphQL.</li>
 * </ol>
 * {@code /export} and {@code /metrics} authenticate the same way, then {@link EndpointRules} decides who may use them.
 * Other parts of the hub add endpoints as {@link ExtraRoute}s (the partner submissions of the data exchange), behind
 * the same authentication and guards.
 */
public final class ApiServer implements AutoCloseable {
    /** Largest accepted request body in bytes by default (see {@link HttpOptions#DEFAULT_MAX_BODY_BYTES}). */
    public static final long MAX_BODY_BYTES = HttpOptions.DEFAULT_MAX_BODY_BYTES;
    /** Classpath folder of the graph browser's built files (index.html, app.js, style.css), from the explorer module. */
    public static final String EXPLORER_WEBROOT = "org/jiedao/hub/explorer/web";
    private final Vertx vertx;
    private final HttpServer server;
    private final ExecutorService requests;
    private final PersistedQueryStore persisted;

    private ApiServer(Vertx vertx, HttpServer server, ExecutorService requests, PersistedQueryStore persisted) {
        this.vertx = vertx;
        this.server = server;
        this.requests = requests;
        this.persisted = persisted;
    }

    /**
     * A server with GraphQL only, over plain HTTP and the default options.
     *
     * @param graphQL        the engine
     * @param authentication how requests authenticate
     * @param host           address to bind, e.g. 127.0.0.1
     * @param port           TCP port, 0 for any free port
     * @return the running server
     * @throws IllegalStateException if the port cannot be bound within 30 s (the message names host and port)
     */
    public static ApiServer start(GraphQL graphQL, Authentication authentication, String host, int port) {
        return start(graphQL, null, null, HttpOptions.DEFAULTS, authentication, null, host, port);
    }

    /**
     * @param graphQL        the engine; the server adds persisted-document lookup to it ({@link PersistedQueries})
     * @param export         the handler of {@code GET /export}, or null to serve no export
     * @param metrics        the scrape of {@code GET /metrics}: text in the Prometheus exposition format 0.0.4, e.g.
     *                       {@code PrometheusMeterRegistry::scrape}; called off the event loop; null to serve no metrics
     * @param options        body limit, CORS origins, persisted documents
     * @param authentication how requests authenticate (every endpoint but {@code /health} and GraphiQL's page)
     * @param tls            HTTPS and mutual TLS, or null for plain HTTP
     * @param host           address to bind, e.g. 127.0.0.1
     * @param port           TCP port, 0 for any free port
     * @return the running server
     * @throws IllegalStateException if the port cannot be bound within 30 s (the message names host and port), or
     *                               the TLS files cannot be used
     * @throws java.io.UncheckedIOException if the persisted documents cannot be read (the message names the folder)
     */
    public static ApiServer start(GraphQL graphQL, ExportHandler export, java.util.function.Supplier<String> metrics,
                                  HttpOptions options, Authentication authentication, TlsOptions tls, String host, int port) {
        return start(graphQL, export, metrics, options, authentication, tls, java.util.List.of(), null, host, port);
    }

    /**
     * @param graphQL        the engine; the server adds persisted-document lookup to it ({@link PersistedQueries})
     * @param export         the handler of {@code GET /export}, or null to serve no export
     * @param metrics        the scrape of {@code GET /metrics}, or null to serve no metrics (see above)
     * @param options        body limit, CORS origins, persisted documents
     * @param authentication how requests authenticate (every endpoint but {@code /health} and GraphiQL's page)
     * @param tls            HTTPS and mutual TLS, or null for plain HTTP
     * @param guards         what runs on {@code /graphql} and {@code /export} after authentication and before any body
     *                       is read, in order, e.g. a {@link RateLimitHandler}; each calls {@code next()} or answers
     * @param audit          the audit trail GraphQL requests over HTTP and WebSocket are recorded in, or null for none
     *                       (the export handler is given its own)
     * @param host           address to bind, e.g. 127.0.0.1
     * @param port           TCP port, 0 for any free port
     * @return the running server
     * @throws IllegalStateException if the port cannot be bound within 30 s (the message names host and port), or
     *                               the TLS files cannot be used
     * @throws java.io.UncheckedIOException if the persisted documents cannot be read (the message names the folder)
     */
    public static ApiServer start(GraphQL graphQL, ExportHandler export, java.util.function.Supplier<String> metrics,
                                  HttpOptions options, Authentication authentication, TlsOptions tls,
                                  java.util.List<io.vertx.core.Handler<io.vertx.ext.web.RoutingContext>> guards,
                                  org.jiedao.hub.api.audit.AuditLog audit, String host, int port) {
        return start(graphQL, export, metrics, options, authentication, tls, guards, audit, java.util.List.of(), host, port);
    }

    /**
     * As the method above, with more endpoints.
     *
     * @param graphQL        the engine; the server adds persisted-document lookup to it ({@link PersistedQueries})
     * @param export         the handler of {@code GET /export}, or null to serve no export
     * @param metrics        the scrape of {@code GET /metrics}, or null to serve no metrics (see above)
     * @param options        body limit, CORS origins, persisted documents
     * @param authentication how requests authenticate (every endpoint but {@code /health} and GraphiQL's page)
     * @param tls            HTTPS and mutual TLS, or null for plain HTTP
     * @param guards         what runs after authentication on {@code /graphql}, {@code /export} and the extra routes
     * @param audit          the audit trail of GraphQL requests, or null for none
     * @param routes         more endpoints ({@link ExtraRoute}), each behind authentication and the guards
     * @param host           address to bind, e.g. 127.0.0.1
     * @param port           TCP port, 0 for any free port
     * @return the running server
     * @throws IllegalStateException as the method above
     * @throws java.io.UncheckedIOException as the method above
     */
    public static ApiServer start(GraphQL graphQL, ExportHandler export, java.util.function.Supplier<String> metrics,
                                  HttpOptions options, Authentication authentication, TlsOptions tls,
                                  java.util.List<io.vertx.core.Handler<io.vertx.ext.web.RoutingContext>> guards,
                                  org.jiedao.hub.api.audit.AuditLog audit, java.util.List<ExtraRoute> routes,
                                  String host, int port) {
        java.util.Objects.requireNonNull(authentication, "authentication");
        PersistedQueryStore persisted = PersistedQueryStore.load(options.persistedQueriesDir(),
                options.persistedOnly() ? 0 : options.apqCacheSize());
        ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
        GraphQL engine = PersistedQueries.install(graphQL, persisted);
        GraphQLHttpHandler graphQLHandler = new GraphQLHttpHandler(engine, persisted,
                options, requests, audit);
        Vertx vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.route().handler(SecureHeaders.all());
        if (!options.corsOrigins().isEmpty()) {
            router.route("/graphql").handler(CorsHandler.create().addOrigins(options.corsOrigins())
                    .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST))
                    .allowedHeaders(Set.of("Content-Type", "Accept", Credentials.AUTHORIZATION, Credentials.API_KEY, Credentials.PURPOSE))
                    .maxAgeSeconds(600));
        }
        for (String path : java.util.List.of("/graphql", "/export", "/metrics", "/health")) {
            router.route(path).handler(SecureHeaders.api()); // before the guards, so that their refusals carry them
        }
        router.route("/graphql").handler(AuthenticationHandler.beforeWebSocket(authentication));
        router.route("/graphql").handler(GraphQLWebSocket.handler(engine, authentication, audit)); // WebSocket upgrades; others pass on
        router.route("/graphql").handler(AuthenticationHandler.required(authentication));
        guards.forEach(guard -> router.route("/graphql").handler(guard));
        router.route("/graphql").handler(graphQLHandler::checkRequest);
        router.route("/graphql").handler(BodyHandler.create(false).setBodyLimit(options.maxBodyBytes()));
        router.route("/graphql").handler(graphQLHandler);
        // the graph browser (explorer module): a static page from the classpath; its data comes from /graphql with the
        // credential the user typed in, so it needs none itself
        router.getWithRegex("^/explore$").handler(ctx -> ctx.redirect("/explore/")); // "/explore" would match "/explore/" too
        router.get("/explore/*").handler(SecureHeaders.explorer())
                .handler(StaticHandler.create(EXPLORER_WEBROOT).setCachingEnabled(false).setIndexPage("index.html"));
        router.route("/graphiql*").subRouter(GraphiQLHandler.create(vertx,
                new GraphiQLHandlerOptions().setEnabled(true).setGraphQLUri("/graphql")).router());
        if (export != null) {
            router.get("/export").handler(AuthenticationHandler.required(authentication));
            guards.forEach(guard -> router.get("/export").handler(guard));
            router.get("/export").handler(EndpointRules.export()).handler(export);
        }
        for (ExtraRoute extra : routes) {
            router.route(extra.method(), extra.path()).handler(SecureHeaders.api())
                    .handler(AuthenticationHandler.required(authentication));
            guards.forEach(guard -> router.route(extra.method(), extra.path()).handler(guard));
            extra.handlers().forEach(h -> router.route(extra.method(), extra.path()).handler(h));
        }
        if (metrics != null) {
            router.get("/metrics").handler(AuthenticationHandler.required(authentication)).handler(EndpointRules.metrics()).handler(ctx -> ctx.vertx().executeBlocking(metrics::get, false).onComplete(r -> {
                if (r.succeeded()) {
                    ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(r.result());
                } else {
                    ctx.fail(500, r.cause());
                }
            }));
        }
        router.get("/health").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));
        // a request a handler refuses (body too large, CORS origin not allowed...) gets its reason as JSON;
        // the failure's own message may name internals, so only the status is told
        router.route().failureHandler(ctx -> {
            int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
            if (status == 413) {
                GraphQLHttpHandler.refuseTooLarge(ctx, options.maxBodyBytes());
                return;
            }
            if (status >= 500) {
                org.slf4j.LoggerFactory.getLogger(ApiServer.class).error("request to {} failed", ctx.normalizedPath(), ctx.failure());
            }
            String reason = status == 403 ? "this origin may not call the API"
                    : io.netty.handler.codec.http.HttpResponseStatus.valueOf(status).reasonPhrase().toLowerCase(java.util.Locale.ROOT);
            if (!ctx.response().ended()) {
                ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                        .end(new JsonObject().put("errors", new io.vertx.core.json.JsonArray()
                                .add(new JsonObject().put("message", reason))).encode());
            }
        });
        router.get("/").handler(ctx -> ctx.redirect("/graphiql/"));
        try {
            // HTTP/1.1 only on plain TCP: Vert.x 5.0.7 marks later h2c streams gzip without compressing them
            HttpServerOptions serverOptions = new HttpServerOptions().setCompressionSupported(true)
                    .setHttp2ClearTextEnabled(false).addWebSocketSubProtocol(GraphQLWebSocket.SUBPROTOCOL);
            HttpServer server = vertx.createHttpServer(tls == null ? serverOptions : tls.applyTo(serverOptions))
                    .requestHandler(router).listen(port, host)
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            return new ApiServer(vertx, server, requests, persisted);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            vertx.close();
            requests.shutdownNow();
            throw new IllegalStateException("interrupted while binding " + host + ":" + port, e);
        } catch (ExecutionException | TimeoutException e) {
            vertx.close();
            requests.shutdownNow();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("cannot serve HTTP on " + host + ":" + port + ": " + cause.getMessage(), cause);
        }
    }

    /** @return the bound port */
    public int port() {
        return server.actualPort();
    }

    /** @return the documents requests may name by hash: the configured ones and those clients registered */
    public PersistedQueryStore persistedQueries() {
        return persisted;
    }

    /** Stops serving and releases Vert.x. */
    @Override
    public void close() {
        requests.shutdownNow();
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // best effort on shutdown
        }
    }
}

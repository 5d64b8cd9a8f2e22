package org.jiedao.hub.api.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.execution.preparsed.persisted.PersistedQuerySupport;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GraphQL over HTTP at {@code /graphql}, after the GraphQL-over-HTTP specification (graphql.github.io/graphql-over-http,
 * draft 2025). Mount {@link #checkRequest} before a body handler and this handler after it.
 *
 * <ul>
 * <li><b>GET</b>: {@code query}, {@code operationName}, {@code variables} and {@code extensions} (JSON text) as URL
 *     parameters; only query operations: a mutation answers 405 with {@code Allow: POST}.</li>
 * <li><b>POST</b>: a JSON object body with the same members; {@code Content-Type: application/json} (charset, if
 *     given, {@code utf-8}), else 415.</li>
 * <li>Other methods: 405 with {@code Allow: GET, POST}.</li>
 * <li>Response type from {@code Accept} ({@link GraphQLMediaType#negotiate}); neither supported type acceptable: 406.</li>
 * <li>Status: a request that is not well-formed (bad JSON, missing {@code query}, a parameter of the wrong type,
 *     a malformed {@code extensions.persistedQuery}) gets 400. A well-formed request gets 200 in
 *     {@code application/json}; in {@code application/graphql-response+json} it gets 200 if the response has
 *     {@code data}, else (parse, validation or variable errors, unknown persisted query) 400, or 503 / 500 if the
 *     first error's {@code extensions.code} is {@code UNAVAILABLE} / {@code INTERNAL}.</li>
 * <li>Persisted documents: {@code extensions.persistedQuery.sha256Hash} names a configured or client-registered
 *     document ({@link PersistedQueries}); in persisted-only mode every request must name a configured document,
 *     else it gets the error code {@code PERSISTED_QUERY_REQUIRED}.</li>
 * </ul>
 * HTTP-level refusals carry {@code {"errors": [{"message", "extensions": {"code": "BAD_REQUEST"}}]}}. Decoding,
 * parsing and execution ({@link GraphQL#executeAsync}) run on the blocking executor, never on the event loop;
 * the response is written back on the request's Vert.x context.
 */
public final class GraphQLHttpHandler implements Handler<RoutingContext> {
    /** {@code extensions.code} of a request refused at the HTTP level (malformed, wrong method or media type). */
    public static final String BAD_REQUEST = "BAD_REQUEST";
    /** {@code extensions.code} of a free document in persisted-only mode. */
    public static final String PERSISTED_QUERY_REQUIRED = "PERSISTED_QUERY_REQUIRED";
    private static final Logger LOG = LoggerFactory.getLogger(GraphQLHttpHandler.class);
    private static final String MEDIA_TYPE_KEY = "graphql.mediaType";

    private final GraphQL graphQL;
    private final PersistedQueryStore persisted;
    private final HttpOptions options;
    private final ExecutorService blocking;

    /**
     * @param graphQL   the engine, with {@link PersistedQueries} installed over {@code persisted}
     * @param persisted the documents requests may name by hash
     * @param options   body limit and persisted-only mode
     * @param blocking  executor for decoding and execution (virtual threads)
     */
    public GraphQLHttpHandler(GraphQL graphQL, PersistedQueryStore persisted, HttpOptions options, ExecutorService blocking) {
        this.graphQL = graphQL;
        this.persisted = persisted;
        this.options = options;
        this.blocking = blocking;
    }

    /**
     * Checks what can be checked from the request line and headers, before any body is read: method, body size
     * ({@code Content-Length} above the limit: 413, connection closed), {@code Accept} (406) and the POST's
     * {@code Content-Type} (415).
     *
     * @param ctx the request
     */
    public void checkRequest(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        HttpMethod method = request.method();
        if (method != HttpMethod.GET && method != HttpMethod.POST) {
            ctx.response().putHeader(HttpHeaders.ALLOW, "GET, POST");
            refuse(ctx, 405, GraphQLMediaType.JSON, "/graphql answers GET and POST, not " + method.name());
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && tooLong(length)) {
            refuseTooLarge(ctx, options.maxBodyBytes());
            return;
        }
        Optional<GraphQLMediaType> type = GraphQLMediaType.negotiate(request.getHeader(HttpHeaders.ACCEPT));
        if (type.isEmpty()) {
            refuse(ctx, 406, GraphQLMediaType.JSON, "the response is served as application/graphql-response+json or application/json;"
                    + " the Accept header allows neither");
            return;
        }
        if (method == HttpMethod.POST) {
            String problem = contentTypeProblem(request.getHeader(HttpHeaders.CONTENT_TYPE));
            if (problem != null) {
                refuse(ctx, 415, type.get(), problem);
                return;
            }
        }
        ctx.put(MEDIA_TYPE_KEY, type.get());
        ctx.next();
    }

    private boolean tooLong(String length) {
        try {
            return Long.parseLong(length.strip()) > options.maxBodyBytes();
        } catch (NumberFormatException e) {
            return false; // the HTTP codec refuses a malformed length itself
        }
    }

    private static String contentTypeProblem(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return "a POST needs Content-Type: application/json";
        }
        String[] parts = contentType.split(";");
        if (!parts[0].strip().equalsIgnoreCase("application/json")) {
            return "a POST body must be application/json, not " + parts[0].strip();
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip().toLowerCase(Locale.ROOT);
            if (p.startsWith("charset=")) {
                String charset = p.substring("charset=".length()).replace("\"", "").strip();
                if (!charset.equals("utf-8") && !charset.equals("utf8")) {
                    return "the body must be UTF-8, not " + charset;
                }
            }
        }
        return null;
    }

    /**
     * Answers a GraphQL request that {@link #checkRequest} let through (with its body read, for a POST).
     *
     * @param ctx the request
     */
    @Override
    public void handle(RoutingContext ctx) {
        GraphQLMediaType type = ctx.get(MEDIA_TYPE_KEY, GraphQLMediaType.JSON);
        boolean get = ctx.request().method() == HttpMethod.GET;
        Buffer body = get ? null : ctx.body().buffer();
        io.vertx.core.MultiMap params = get ? ctx.queryParams() : null;
        Context context = ctx.vertx().getOrCreateContext();
        CompletableFuture<Answer> answer;
        try {
            answer = CompletableFuture.supplyAsync(() -> prepare(get, body, params), blocking)
                    // async on the executor: when preparing has already finished, plain thenCompose would run the
                    // engine (parsing, validation, limits) on this event loop
                    .thenComposeAsync(prepared -> prepared.answer() != null
                            ? CompletableFuture.completedFuture(prepared.answer())
                            : graphQL.executeAsync(prepared.input()).thenApply(result -> answer(result, type)), blocking);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            answer = CompletableFuture.completedFuture(Answer.error(503, "UNAVAILABLE", "the server is shutting down"));
        }
        answer.whenComplete((a, failure) -> context.runOnContext(v -> {
            Answer out = a;
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
                String traceId = UUID.randomUUID().toString();
                LOG.error("GraphQL request failed [traceId={}]", traceId, cause);
                out = new Answer(500, new JsonObject().put("errors", new JsonArray().add(new JsonObject()
                        .put("message", "internal error").put("extensions", new JsonObject().put("code", "INTERNAL").put("traceId", traceId)))),
                        null);
            }
            write(ctx, type, out);
        }));
    }

    private record Prepared(ExecutionInput input, Answer answer) {
    }

    /** A response: status, body, and an {@code Allow} header value or null. */
    private record Answer(int status, JsonObject body, String allow) {
        static Answer error(int status, String code, String message) {
            return new Answer(status, new JsonObject().put("errors", new JsonArray().add(new JsonObject().put("message", message)
                    .put("extensions", new JsonObject().put("code", code)))), null);
        }
    }

    private Prepared prepare(boolean get, Buffer body, io.vertx.core.MultiMap params) {
        GraphQLRequest request;
        try {
            request = get ? GraphQLRequest.fromUrl(params) : GraphQLRequest.fromJson(body);
        } catch (GraphQLRequest.Malformed e) {
            return new Prepared(null, Answer.error(400, BAD_REQUEST, e.getMessage()));
        }
        String query = request.query();
        String hash = request.persistedHash();
        if (hash != null && (persisted.isConfigured(hash) || query == null || query.isBlank())) {
            // a configured document runs as configured, whatever text came along
            query = PersistedQuerySupport.PERSISTED_QUERY_MARKER;
        }
        if (options.persistedOnly() && (request.persistedHash() == null || !persisted.isConfigured(request.persistedHash()))) {
            return new Prepared(null, Answer.error(400, PERSISTED_QUERY_REQUIRED,
                    "this server runs only its persisted documents: send extensions.persistedQuery.sha256Hash of one of them"));
        }
        if (get && isMutation(request)) {
            return new Prepared(null, new Answer(405, Answer.error(405, BAD_REQUEST, "a mutation must be sent with POST").body(), "POST"));
        }
        ExecutionInput input = ExecutionInput.newExecutionInput()
                .query(query)
                .operationName(request.operationName())
                .variables(request.variables())
                .extensions(request.extensions())
                .graphQLContext(Map.of(org.jiedao.hub.api.access.Access.CONTEXT_KEY, org.jiedao.hub.api.access.Access.internal(org.jiedao.hub.api.access.AccessPolicy.bundled(org.jiedao.hub.ontology.Ontology.bundled()), org.jiedao.hub.ontology.Ontology.bundled(), "http"))) // TEMPORARY until authentication is wired
                .build();
        return new Prepared(input, null);
    }

    /** True if the operation a GET would run is a mutation (spec: "GET ... MUST NOT be used for mutations"). */
    private boolean isMutation(GraphQLRequest request) {
        String text = request.query();
        if ((text == null || text.isBlank()) && request.persistedHash() != null) {
            text = persisted.text(request.persistedHash());
        }
        if (text == null || text.isBlank()) {
            return false;
        }
        Document document;
        try {
            document = Parser.parse(text);
        } catch (RuntimeException e) {
            return false; // execution reports the syntax error
        }
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        OperationDefinition selected = null;
        if (request.operationName() == null) {
            selected = operations.size() == 1 ? operations.getFirst() : null;
        } else {
            for (OperationDefinition o : operations) {
                if (request.operationName().equals(o.getName())) {
                    selected = o;
                }
            }
        }
        return selected != null && selected.getOperation() == OperationDefinition.Operation.MUTATION;
    }

    private static Answer answer(ExecutionResult result, GraphQLMediaType type) {
        JsonObject body = new JsonObject(result.toSpecification());
        if (type == GraphQLMediaType.JSON || result.isDataPresent()) {
            return new Answer(200, body, null);
        }
        String code = firstCode(result.getErrors());
        int status = switch (code) {
            case "UNAVAILABLE" -> 503;
            case "INTERNAL" -> 500;
            default -> 400;
        };
        return new Answer(status, body, null);
    }

    private static String firstCode(List<GraphQLError> errors) {
        if (errors.isEmpty()) {
            return "";
        }
        Map<String, Object> extensions = errors.getFirst().getExtensions();
        return extensions != null && extensions.get("code") instanceof String s ? s : "";
    }

    private void write(RoutingContext ctx, GraphQLMediaType type, Answer answer) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        int status = answer.status();
        // a request error in application/json is still a well-formed request: 200, except HTTP-level refusals
        if (answer.allow() != null) {
            response.putHeader(HttpHeaders.ALLOW, answer.allow());
        }
        if (type == GraphQLMediaType.JSON && status == 400 && isGraphQLLevel(answer)) {
            status = 200;
        }
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, type.contentType()).end(answer.body().toBuffer());
    }

    /** Persisted-only refusals are GraphQL request errors: 200 in application/json, like a validation error. */
    private static boolean isGraphQLLevel(Answer answer) {
        JsonArray errors = answer.body().getJsonArray("errors");
        return errors != null && !errors.isEmpty() && errors.getJsonObject(0).getJsonObject("extensions") != null
                && PERSISTED_QUERY_REQUIRED.equals(errors.getJsonObject(0).getJsonObject("extensions").getString("code"));
    }

    private static void refuse(RoutingContext ctx, int status, GraphQLMediaType type, String message) {
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, type.contentType())
                .end(Answer.error(status, BAD_REQUEST, message).body().toBuffer());
    }

    /**
     * Answers 413 and closes the connection after the answer, so that the client stops sending the body.
     *
     * @param ctx      the request
     * @param maxBytes the limit, named in the message
     */
    static void refuseTooLarge(RoutingContext ctx, long maxBytes) {
        HttpServerResponse response = ctx.response();
        if (response.ended()) {
            return;
        }
        boolean http1 = ctx.request().version() != io.vertx.core.http.HttpVersion.HTTP_2;
        response.setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, GraphQLMediaType.JSON.contentType());
        if (http1) {
            response.putHeader(HttpHeaders.CONNECTION, "close"); // HTTP/2 resets the stream by itself
        }
        response.end(Answer.error(413, BAD_REQUEST, "the request body is larger than " + maxBytes + " bytes").body().toBuffer())
                .onComplete(r -> {
                    if (http1) {
                        ctx.request().connection().close();
                    }
                });
    }
}

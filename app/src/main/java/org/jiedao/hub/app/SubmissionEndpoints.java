package org.jiedao.hub.app;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.jiedao.hub.api.access.Access;
import org.jiedao.hub.api.access.Principal;
import org.jiedao.hub.api.audit.AuditEvent;
import org.jiedao.hub.api.audit.AuditLog;
import org.jiedao.hub.api.audit.AuditUnavailableException;
import org.jiedao.hub.api.auth.AuthenticationHandler;
import org.jiedao.hub.api.errors.ErrorCode;
import org.jiedao.hub.api.http.ExtraRoute;
import org.jiedao.hub.routes.exchange.InboundSubmissions;
import org.jiedao.hub.routes.exchange.SubmissionBodies;
import org.jiedao.hub.routes.exchange.InboundSubmissions.Receipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partner endpoints of the data exchange on the API server (docs/exchange.md, "Inbound";
 * docs/openapi/partner-exchange.yaml):
 * <ul>
 * <li>{@code POST /exchange/submissions/{source}}: a body of {@code application/json} (an array of record objects)
 *     or {@code application/x-ndjson} / {@code application/jsonl} (one object per line), UTF-8 (RFC 8259), at most
 *     the API's body limit. The caller's role must be one of the source's {@code inbound.roles}, else 403 before the
 *     body is read; an unknown or non-inbound source is 404; another media type is 415; malformed JSON, or an array
 *     of nothing, is 400 with the line and column, and nothing is written. Otherwise the records are mapped, bad ones
 *     quarantined, good ones written ({@link InboundSubmissions}) and the answer is 202 with the receipt
 *     {@code {receiptId, source, received, accepted, rejected: [{index, reason}], receivedAt}}.</li>
 * <li>{@code GET /exchange/submissions/{receiptId}}: the receipt, 200, to the role that submitted it; 404 to anyone
 *     else and for an unknown id.</li>
 * </ul>
 * Every submission whose body was read is recorded in the audit trail (kind {@code submission}, the source as
 * operation, the receipt id, record count and HTTP status as details) before anything is written; if it cannot be
 * recorded the answer is 503 and nothing is written. Errors are answered as the API answers them:
 * {@code {"errors": [{"message": ..., "extensions": {"code": ...}}]}}.
 */
public final class SubmissionEndpoints {
    private static final Logger LOG = LoggerFactory.getLogger(SubmissionEndpoints.class);
    /** Path of submissions; {@code :source} is the inbound source id. */
    public static final String SUBMIT_PATH = "/exchange/submissions/:source";
    /** Path of a receipt; {@code :receiptId} is the id a submission answered. */
    public static final String RECEIPT_PATH = "/exchange/submissions/:receiptId";
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final InboundSubmissions submissions;
    private final AuditLog audit;
    private final ExecutorService blocking;
    private final long maxBodyBytes;

    /**
     * @param submissions  the inbound sources and receipts
     * @param audit        the audit trail every submission is recorded in
     * @param blocking     executor for the blocking database and audit calls (virtual threads)
     * @param maxBodyBytes the largest body taken, in bytes (the API's {@code HttpOptions.maxBodyBytes()})
     */
    public SubmissionEndpoints(InboundSubmissions submissions, AuditLog audit, ExecutorService blocking, long maxBodyBytes) {
        this.submissions = submissions;
        this.audit = audit;
        this.blocking = blocking;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Checks, when the hub starts, that every role an inbound source lets submit is a role of the access policy.
     *
     * @param mappings the compiled source definitions
     * @param policy   the access policy
     * @throws org.jiedao.hub.loaders.source.SourceDefinitionException naming the source, the role and the policy's
     *                                                                 partner roles
     */
    public static void checkRoles(List<org.jiedao.hub.loaders.mapping.SourceMapping> mappings,
                                  org.jiedao.hub.api.access.AccessPolicy policy) {
        for (var m : mappings) {
            var inbound = m.definition().inbound();
            if (m.definition().kind() != org.jiedao.hub.loaders.source.SourceDefinition.SourceKind.INBOUND || inbound == null) {
                continue;
            }
            for (String role : inbound.roles()) {
                if (!policy.roles().containsKey(role)) {
                    throw new org.jiedao.hub.loaders.source.SourceDefinitionException("source " + m.definition().id()
                            + ": inbound.roles names " + role + ", which is not a role of the access policy (its partner roles are "
                            + policy.roles().keySet().stream().filter(r -> r.startsWith("partner:")).sorted().toList() + ")");
                }
            }
        }
    }

    /** @return the two routes, for {@code ApiServer.start} */
    public List<ExtraRoute> routes() {
        return List.of(
                new ExtraRoute(HttpMethod.POST, SUBMIT_PATH,
                        List.of(this::checkSubmission, BodyHandler.create(false).setBodyLimit(maxBodyBytes), this::submit)),
                new ExtraRoute(HttpMethod.GET, RECEIPT_PATH, List.of(this::receipt)));
    }

    /** Refuses before the body is read: unknown source 404, role not allowed 403, media type 415. */
    private void checkSubmission(RoutingContext ctx) {
        String source = ctx.pathParam("source");
        Access access = ctx.get(Access.CONTEXT_KEY);
        if (!submissions.sources().containsKey(source)) {
            error(ctx, 404, ErrorCode.NOT_FOUND, "no inbound source '" + source + "'; the sources taking submissions are "
                    + submissions.sources().keySet());
            return;
        }
        if (!submissions.maySubmit(source, access.role().name())) {
            AuthenticationHandler.forbidden(ctx, "role " + access.role().name() + " may not submit to source " + source
                    + " (its inbound.roles are " + submissions.sources().get(source) + ")");
            return;
        }
        if (mediaType(ctx) == null) {
            error(ctx, 415, ErrorCode.BAD_USER_INPUT, "send the records as application/json (an array of objects) or"
                    + " application/x-ndjson (one object per line), in UTF-8; Content-Type was "
                    + ctx.request().getHeader(HttpHeaders.CONTENT_TYPE));
            return;
        }
        ctx.next();
    }

    /** @return {@code json} or {@code lines}, or null for a media type not taken (charset must be absent or UTF-8) */
    private static String mediaType(RoutingContext ctx) {
        String header = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (header == null) {
            return null;
        }
        String[] parts = header.toLowerCase(Locale.ROOT).split(";");
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            if (p.startsWith("charset=") && !p.substring(8).replace("\"", "").equals("utf-8")) {
                return null;
            }
        }
        return switch (parts[0].strip()) {
            case "application/json" -> "json";
            case "application/x-ndjson", "application/jsonl", "application/json-seq", "application/jsonlines" -> "lines";
            default -> null;
        };
    }

    private void submit(RoutingContext ctx) {
        String source = ctx.pathParam("source");
        Principal principal = ctx.get(Principal.ROUTING_KEY);
        String body = ctx.body().asString(StandardCharsets.UTF_8.name());
        String receiptId = java.util.UUID.randomUUID().toString();
        List<JsonNode> records;
        String problem = null;
        try {
            records = SubmissionBodies.parse(body == null ? "" : body, "lines".equals(mediaType(ctx)));
        } catch (SubmissionBodies.MalformedSubmissionException e) {
            records = List.of();
            problem = e.getMessage();
        }
        int status = problem == null ? 202 : 400;
        AuditEvent.Builder builder = AuditEvent.builder(AuditEvent.Kind.SUBMISSION).principal(principal).operation(source)
                .resultBytes(body == null ? 0 : body.getBytes(StandardCharsets.UTF_8).length)
                .detail("records", records.size())
                .detail("status", status);
        if (problem == null) {
            builder.detail("receiptId", receiptId);
        }
        AuditEvent event = builder.build();
        List<JsonNode> toWrite = records;
        String refused = problem;
        CompletableFuture<Receipt> work;
        try {
            work = CompletableFuture.supplyAsync(() -> {
                audit.record(event); // before anything is written
                return refused == null ? submissions.submit(receiptId, source, principal.role(), principal.id(), toWrite) : null;
            }, blocking);
        } catch (RejectedExecutionException e) {
            error(ctx, 503, ErrorCode.UNAVAILABLE, "the hub is shutting down");
            return;
        }
        Future.fromCompletionStage(work, ctx.vertx().getOrCreateContext()).onComplete(r -> {
            if (r.succeeded()) {
                if (refused != null) {
                    error(ctx, 400, ErrorCode.BAD_USER_INPUT, refused);
                } else {
                    ctx.response().setStatusCode(202).putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                            .putHeader(HttpHeaders.LOCATION, "/exchange/submissions/" + receiptId)
                            .end(json(r.result()).encode());
                }
                return;
            }
            Throwable cause = r.cause() instanceof CompletionException c && c.getCause() != null ? c.getCause() : r.cause();
            if (cause instanceof AuditUnavailableException) {
                LOG.error("submission to {} refused: {}", source, cause.getMessage());
                error(ctx, 503, ErrorCode.UNAVAILABLE, "the audit trail cannot be written, so the submission is not taken;"
                        + " nothing was written; try again later");
            } else {
                LOG.error("submission {} to {} failed", receiptId, source, cause);
                error(ctx, 500, ErrorCode.INTERNAL, "the submission could not be written; see the hub's log (receipt "
                        + receiptId + "); sending it again is safe");
            }
        });
    }

    private void receipt(RoutingContext ctx) {
        String id = ctx.pathParam("receiptId");
        Principal principal = ctx.get(Principal.ROUTING_KEY);
        String notFound = "no receipt " + id + " for role " + principal.role();
        if (!UUID.matcher(id).matches()) {
            error(ctx, 404, ErrorCode.NOT_FOUND, notFound);
            return;
        }
        CompletableFuture<java.util.Optional<Receipt>> work;
        try {
            work = CompletableFuture.supplyAsync(() -> submissions.receipt(id, principal.role()), blocking);
        } catch (RejectedExecutionException e) {
            error(ctx, 503, ErrorCode.UNAVAILABLE, "the hub is shutting down");
            return;
        }
        Future.fromCompletionStage(work, ctx.vertx().getOrCreateContext()).onComplete(r -> {
            if (r.failed()) {
                LOG.error("receipt {} could not be read", id, r.cause());
                error(ctx, 500, ErrorCode.INTERNAL, "the receipt could not be read; see the hub's log");
            } else if (r.result().isEmpty()) {
                error(ctx, 404, ErrorCode.NOT_FOUND, notFound);
            } else {
                PartnerResponses.json(ctx, 200, json(r.result().get()));
            }
        });
    }

    /** @return the receipt as the partner sees it ({@link Receipt#partnerView()}) */
    static JsonObject json(Receipt receipt) {
        return new JsonObject(receipt.partnerView());
    }

    private static void error(RoutingContext ctx, int status, ErrorCode code, String message) {
        PartnerResponses.error(ctx, status, code, message);
    }
}

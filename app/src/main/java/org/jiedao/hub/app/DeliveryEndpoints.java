package org.jiedao.hub.app;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.jiedao.hub.api.access.Principal;
import org.jiedao.hub.api.audit.AuditEvent;
import org.jiedao.hub.api.audit.AuditLog;
import org.jiedao.hub.api.audit.AuditUnavailableException;
import org.jiedao.hub.api.errors.ErrorCode;
import org.jiedao.hub.api.http.ExtraRoute;
import org.jiedao.hub.graph.ops.Delivery;
import org.jiedao.hub.routes.exchange.PartnerAcknowledgements;
import org.jiedao.hub.routes.exchange.PartnerAcknowledgements.Acknowledged;
import org.jiedao.hub.routes.exchange.PartnerAcknowledgements.NotFound;
import org.jiedao.hub.routes.exchange.PartnerAcknowledgements.Outcome;
import org.jiedao.hub.routes.exchange.PartnerAcknowledgements.Refused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partner endpoints for outbound deliveries (docs/exchange.md, "Receipts"; docs/openapi/partner-exchange.yaml):
 * <ul>
 * <li>{@code GET /exchange/deliveries/{deliveryId}}: {@code {deliveryId, agreement, state, contentSha256, fileName,
 *     createdAt, sentAt, acknowledgedAt, receipt}}, 200, to the partner role of the delivery's agreement; 404 to anyone
 *     else and for an unknown id.</li>
 * <li>{@code POST /exchange/deliveries/{deliveryId}/acknowledgement}: the partner acknowledges a delivery, with an
 *     optional JSON body {@code {"contentSha256": hex, "receipt": "its own reference"}}. 200 with the delivery as
 *     above (also when it was acknowledged before: nothing changes); 404 as above; 409 when the content hash differs
 *     or the delivery failed on the hub's side; 400 for a body that is not such a JSON object. See
 *     {@link PartnerAcknowledgements} for the rules.</li>
 * </ul>
 * Every acknowledgement is recorded in the audit trail (kind {@code acknowledgement}, the delivery id as operation,
 * with the partner's receipt reference and the HTTP status) before anything is written; if it cannot be recorded the
 * answer is 503 and nothing is written.
 */
final class DeliveryEndpoints {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryEndpoints.class);
    /** Path of a delivery; {@code :deliveryId} is the id the delivery carried. */
    static final String DELIVERY_PATH = "/exchange/deliveries/:deliveryId";
    /** Path of a delivery's acknowledgement. */
    static final String ACKNOWLEDGEMENT_PATH = DELIVERY_PATH + "/acknowledgement";
    private static final Pattern ID = Pattern.compile("[0-9A-Za-z._:-]{1,200}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern RECEIPT = Pattern.compile("[^\\p{Cntrl}]{1,256}");
    private static final int MAX_BODY = 4096;

    private final Supplier<PartnerAcknowledgements> acknowledgements;
    private final AuditLog audit;
    private final ExecutorService blocking;

    /**
     * @param acknowledgements the deliveries' ledger, asked for on first use (so a hub without agreements starts no
     *                         ledger)
     * @param audit            the audit trail every acknowledgement is recorded in
     * @param blocking         executor for the blocking database and audit calls
     */
    DeliveryEndpoints(Supplier<PartnerAcknowledgements> acknowledgements, AuditLog audit, ExecutorService blocking) {
        this.acknowledgements = acknowledgements;
        this.audit = audit;
        this.blocking = blocking;
    }

    /** @return the two routes, for {@code ApiServer.start} */
    List<ExtraRoute> routes() {
        return List.of(
                new ExtraRoute(HttpMethod.GET, DELIVERY_PATH, List.of(this::delivery)),
                new ExtraRoute(HttpMethod.POST, ACKNOWLEDGEMENT_PATH,
                        List.of(BodyHandler.create(false).setBodyLimit(MAX_BODY), this::acknowledge)));
    }

    private void delivery(RoutingContext ctx) {
        String id = ctx.pathParam("deliveryId");
        Principal principal = ctx.get(Principal.ROUTING_KEY);
        if (!ID.matcher(id).matches()) {
            notFound(ctx, id, principal);
            return;
        }
        answer(ctx, () -> acknowledgements.get().delivery(id, principal.role()), found -> {
            if (found.isEmpty()) {
                notFound(ctx, id, principal);
            } else {
                PartnerResponses.json(ctx, 200, json(found.get()));
            }
        });
    }

    private void acknowledge(RoutingContext ctx) {
        String id = ctx.pathParam("deliveryId");
        Principal principal = ctx.get(Principal.ROUTING_KEY);
        if (!ID.matcher(id).matches()) {
            notFound(ctx, id, principal);
            return;
        }
        JsonObject body;
        try {
            String text = ctx.body().asString("UTF-8");
            body = text == null || text.isBlank() ? new JsonObject() : new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            PartnerResponses.error(ctx, 400, ErrorCode.BAD_USER_INPUT, "send no body, or a JSON object"
                    + " {\"contentSha256\": hex, \"receipt\": \"your reference\"}; nothing was recorded");
            return;
        }
        Object hash = body.getValue("contentSha256");
        Object receipt = body.getValue("receipt");
        if ((hash != null && !(hash instanceof String h && SHA256.matcher(h).matches()))
                || (receipt != null && !(receipt instanceof String r && RECEIPT.matcher(r).matches()))) {
            PartnerResponses.error(ctx, 400, ErrorCode.BAD_USER_INPUT, "contentSha256 is 64 hexadecimal digits and"
                    + " receipt 1 to 256 characters without control characters; nothing was recorded");
            return;
        }
        AuditEvent.Builder event = AuditEvent.builder(AuditEvent.Kind.ACKNOWLEDGEMENT).principal(principal).operation(id);
        event.detail("receipt", receipt).detail("contentSha256", hash);
        answer(ctx, () -> {
            audit.record(event.build()); // before anything is written
            return acknowledgements.get().acknowledge(id, principal.role(), (String) hash, (String) receipt);
        }, outcome -> {
            switch (outcome) {
                case Acknowledged a -> PartnerResponses.json(ctx, 200, json(a.delivery()));
                case NotFound n -> notFound(ctx, id, principal);
                case Refused r -> PartnerResponses.error(ctx, 409, ErrorCode.CONFLICT, r.reason());
            }
        });
    }

    /** Runs blocking work off the event loop, then answers with its result, or 503/500 if it failed. */
    private <T> void answer(RoutingContext ctx, Supplier<T> work, java.util.function.Consumer<T> then) {
        CompletableFuture<T> future;
        try {
            future = CompletableFuture.supplyAsync(work, blocking);
        } catch (RejectedExecutionException e) {
            PartnerResponses.error(ctx, 503, ErrorCode.UNAVAILABLE, "the hub is shutting down");
            return;
        }
        Future.fromCompletionStage(future, ctx.vertx().getOrCreateContext()).onComplete(r -> {
            if (r.succeeded()) {
                then.accept(r.result());
                return;
            }
            Throwable cause = r.cause() instanceof CompletionException c && c.getCause() != null ? c.getCause() : r.cause();
            if (cause instanceof AuditUnavailableException) {
                LOG.error("acknowledgement refused: {}", cause.getMessage());
                PartnerResponses.error(ctx, 503, ErrorCode.UNAVAILABLE, "the audit trail cannot be written, so nothing"
                        + " was recorded; try again later");
            } else {
                LOG.error("delivery request {} failed", ctx.request().path(), cause);
                PartnerResponses.error(ctx, 500, ErrorCode.INTERNAL, "the delivery could not be read or acknowledged;"
                        + " see the hub's log; sending the acknowledgement again is safe");
            }
        });
    }

    private static void notFound(RoutingContext ctx, String id, Principal principal) {
        PartnerResponses.error(ctx, 404, ErrorCode.NOT_FOUND, "no delivery " + id + " for role " + principal.role());
    }

    /** @return the delivery as its partner sees it */
    static JsonObject json(Delivery d) {
        return new JsonObject().put("deliveryId", d.id()).put("agreement", d.agreementId())
                .put("state", d.state().name()).put("contentSha256", d.contentSha256()).put("fileName", d.fileName())
                .put("createdAt", text(d.createdAt())).put("sentAt", text(d.sentAt()))
                .put("acknowledgedAt", text(d.acknowledgedAt())).put("receipt", d.receipt());
    }

    private static String text(java.time.Instant at) {
        return Optional.ofNullable(at).map(java.time.Instant::toString).orElse(null);
    }
}

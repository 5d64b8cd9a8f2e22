package org.jiedao.hub.app;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.jiedao.hub.api.errors.ErrorCode;

/**
 * How the partner endpoints of the data exchange ({@link SubmissionEndpoints}, {@link DeliveryEndpoints}) answer:
 * JSON in UTF-8, never cached; refusals in the API's error shape
 * {@code {"errors": [{"message": ..., "extensions": {"code": ...}}]}} (docs/openapi/partner-exchange.yaml).
 */
final class PartnerResponses {
    private PartnerResponses() {
    }

    /**
     * Answers a JSON document, unless the response has already ended.
     *
     * @param ctx    the request
     * @param status the HTTP status
     * @param body   the document
     */
    static void json(RoutingContext ctx, int status, JsonObject body) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(body.encode());
    }

    /**
     * Answers a refusal, unless the response has already ended.
     *
     * @param ctx     the request
     * @param status  the HTTP status, e.g. 404
     * @param code    the error code the API uses for it
     * @param message what was refused and why, for the partner's developer
     */
    static void error(RoutingContext ctx, int status, ErrorCode code, String message) {
        json(ctx, status, new JsonObject().put("errors", new JsonArray().add(new JsonObject().put("message", message)
                .put("extensions", new JsonObject().put(ErrorCode.EXTENSION, code.name())))));
    }
}

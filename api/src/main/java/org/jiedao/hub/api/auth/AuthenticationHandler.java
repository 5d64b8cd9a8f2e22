package org.jiedao.hub.api.auth;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import org.jiedao.hub.api.access.Access;
import org.jiedao.hub.api.access.AccessDeniedException;
import org.jiedao.hub.api.access.Principal;
import org.jiedao.hub.api.errors.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Vert.x handler in front of every protected endpoint: authenticates the request from its headers and TLS
 * session ({@link Authentication}) before its body is read and before any database call, then puts the
 * {@link Principal} into the routing context under {@link Principal#ROUTING_KEY} and the {@link Access} under
 * {@link Access#CONTEXT_KEY}, and passes the request on. A request already authenticated by an earlier handler is
 * passed on as it is.
 *
 * <ul>
 * <li>No credential, or one that proves nothing (bad signature, expired, wrong issuer or audience, unknown or
 *     revoked key or certificate): HTTP 401 with {@code WWW-Authenticate: Bearer realm="jiedao-hub"} (RFC 6750
 *     section 3) and {@code {"errors": [{"message", "extensions": {"code": "UNAUTHENTICATED"}}]}}; the message never
 *     says which check failed. The reason is logged at INFO, without the credential.</li>
 * <li>A valid credential whose role is not in the policy, or without a required purpose of use: HTTP 403 with
 *     {@code extensions.code = FORBIDDEN} and the policy's message.</li>
 * </ul>
 */
public final class AuthenticationHandler implements Handler<RoutingContext> {
    /** Realm named in {@code WWW-Authenticate}. */
    public static final String REALM = "jiedao-hub";
    private static final Logger LOG = LoggerFactory.getLogger(AuthenticationHandler.class);
    private final Authentication authentication;
    private final boolean bareWebSocketUpgrades;

    private AuthenticationHandler(Authentication authentication, boolean bareWebSocketUpgrades) {
        this.authentication = authentication;
        this.bareWebSocketUpgrades = bareWebSocketUpgrades;
    }

    /**
     * @param authentication how requests authenticate
     * @return a handler that lets only authenticated requests through
     */
    public static AuthenticationHandler required(Authentication authentication) {
        return new AuthenticationHandler(authentication, false);
    }

    /**
     * For the WebSocket endpoint: like {@link #required}, except that a WebSocket upgrade without any credential is
     * let through unauthenticated, as browsers cannot set headers on one; the GraphQL WebSocket handler then requires
     * the credential in {@code connection_init}. An upgrade that carries a bad credential is refused with 401.
     *
     * @param authentication how requests authenticate
     * @return the handler
     */
    public static AuthenticationHandler beforeWebSocket(Authentication authentication) {
        return new AuthenticationHandler(authentication, true);
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.get(Principal.ROUTING_KEY) != null) {
            ctx.next();
            return;
        }
        Credentials credentials = Credentials.of(ctx.request());
        if (bareWebSocketUpgrades && credentials.isEmpty() && isWebSocketUpgrade(ctx)) {
            ctx.next();
            return;
        }
        Access access;
        try {
            access = authentication.authenticate(credentials);
        } catch (InvalidCredentialException e) {
            LOG.info("refused {} {} from {}: {}", ctx.request().method(), ctx.normalizedPath(), ctx.request().remoteAddress(),
                    e.getMessage());
            unauthenticated(ctx, credentials.isEmpty());
            return;
        } catch (AccessDeniedException e) {
            forbidden(ctx, e.getMessage());
            return;
        }
        ctx.put(Principal.ROUTING_KEY, access.principal());
        ctx.put(Access.CONTEXT_KEY, access);
        ctx.next();
    }

    private static boolean isWebSocketUpgrade(RoutingContext ctx) {
        String upgrade = ctx.request().getHeader(HttpHeaders.UPGRADE);
        return upgrade != null && upgrade.equalsIgnoreCase("websocket");
    }

    /**
     * Answers 401 UNAUTHENTICATED.
     *
     * @param ctx     the request
     * @param missing true when no credential was sent (the message then says how to send one)
     */
    public static void unauthenticated(RoutingContext ctx, boolean missing) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"" + REALM + "\"");
        answer(ctx, 401, ErrorCode.UNAUTHENTICATED, missing
                ? "authentication required: send Authorization: Bearer <token>, X-API-Key: <key> or a client certificate"
                : InvalidCredentialException.PUBLIC_MESSAGE);
    }

    /**
     * Answers 403 FORBIDDEN.
     *
     * @param ctx     the request
     * @param message what was refused (never a value)
     */
    public static void forbidden(RoutingContext ctx, String message) {
        answer(ctx, 403, ErrorCode.FORBIDDEN, message);
    }

    private static void answer(RoutingContext ctx, int status, ErrorCode code, String message) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(new JsonObject().put("errors", new JsonArray().add(new JsonObject().put("message", message)
                        .put("extensions", new JsonObject().put(ErrorCode.EXTENSION, code.name())))).encode());
    }
}

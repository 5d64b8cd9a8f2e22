package org.jiedao.hub.api.http;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import org.jiedao.hub.api.access.AccessPolicy;
import org.jiedao.hub.api.access.Principal;
import org.jiedao.hub.api.access.Role;
import org.jiedao.hub.api.errors.ErrorCode;

/**
 * The rate limit of each caller's role ({@link Role#requestsPerMinute()}, 0 = unlimited), per {@link Principal#id()}.
 * Mount it after authentication (which puts the {@link Principal} under {@link Principal#ROUTING_KEY}) and before
 * the body handler, so that a refused request costs neither reading its body nor a database call:
 * authenticate &rarr; rate limit &rarr; GraphQL / export.
 *
 * <p>A request over the limit is answered at once with HTTP 429 (RFC 6585, section 4), a {@code Retry-After} header
 * in whole seconds (RFC 9110, section 10.2.3; at least 1) and a GraphQL-shaped body:
 * <pre>{@code
 * {"errors": [{"message": "rate limit of role analyst exceeded (600 requests per minute); retry after 1 s",
 *              "extensions": {"code": "RATE_LIMITED", "retryAfterSeconds": 1}}]}
 * }</pre>
 * A request without a principal, or whose role the policy does not declare, passes on unchanged: authentication
 * and the access check refuse it.
 */
public final class RateLimitHandler implements Handler<RoutingContext> {
    private final AccessPolicy policy;
    private final RateLimiter limiter;
    private final Consumer<String> refused;

    /**
     * @param policy  the roles and their limits
     * @param limiter the per-caller state
     * @param refused called with the role's name for each refused request (e.g. to count refusals per role in
     *                Micrometer), on the event loop; must not block
     */
    public RateLimitHandler(AccessPolicy policy, RateLimiter limiter, Consumer<String> refused) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.refused = Objects.requireNonNull(refused, "refused");
    }

    /**
     * @param policy the roles and their limits
     * @return a handler with its own {@link RateLimiter} on the system clock, counting nothing
     */
    public static RateLimitHandler create(AccessPolicy policy) {
        return new RateLimitHandler(policy, new RateLimiter(), role -> { });
    }

    @Override
    public void handle(RoutingContext ctx) {
        Principal principal = ctx.get(Principal.ROUTING_KEY);
        Role role = principal == null ? null : policy.roles().get(principal.role());
        if (role == null || role.requestsPerMinute() <= 0) {
            ctx.next();
            return;
        }
        Duration wait = limiter.acquire(principal.id(), role.requestsPerMinute());
        if (wait.isZero()) {
            ctx.next();
            return;
        }
        refused.accept(role.name());
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        JsonObject error = new JsonObject()
                .put("message", "rate limit of role " + role.name() + " exceeded (" + role.requestsPerMinute()
                        + " requests per minute); retry after " + seconds + " s")
                .put("extensions", new JsonObject().put(ErrorCode.EXTENSION, ErrorCode.RATE_LIMITED.name())
                        .put("retryAfterSeconds", seconds));
        ctx.response().setStatusCode(429)
                .putHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .putHeader(HttpHeaders.CONTENT_TYPE, GraphQLMediaType.JSON.contentType())
                .end(new JsonObject().put("errors", new JsonArray().add(error)).toBuffer());
    }
}

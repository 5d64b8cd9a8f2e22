package org.jiedao.hub.api.http;

import java.util.List;
import java.util.Objects;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * An endpoint that another part of the hub serves on the {@link ApiServer}, such as the partner submissions of the
 * data exchange. The server runs, in this order: the API's security headers, authentication
 * ({@link org.jiedao.hub.api.auth.AuthenticationHandler#required}: 401 without a valid credential, before any body is
 * read), the server's guards (rate limits), then {@code handlers}, each calling {@code next()} or answering. A handler
 * that needs the body adds a Vert.x {@code BodyHandler} itself (with {@link HttpOptions#maxBodyBytes()}; a larger body
 * gets the server's 413 answer). The authenticated {@link org.jiedao.hub.api.access.Access} is in the routing context
 * under {@link org.jiedao.hub.api.access.Access#CONTEXT_KEY}.
 *
 * @param method   the HTTP method
 * @param path     a Vert.x route path, e.g. {@code /exchange/submissions/:source}
 * @param handlers what answers, in order; at least one
 */
public record ExtraRoute(HttpMethod method, String path, List<Handler<RoutingContext>> handlers) {
    /**
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if the path does not start with {@code /} or there is no handler
     */
    public ExtraRoute {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a route path starts with /, was " + path);
        }
        handlers = List.copyOf(handlers);
        if (handlers.isEmpty()) {
            throw new IllegalArgumentException("route " + method + " " + path + " has no handler");
        }
    }
}

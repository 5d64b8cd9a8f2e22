package org.jiedao.hub.api.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Basic security headers (OWASP Secure Headers Project's recommendations for APIs).
 * {@link #all()}: {@code X-Content-Type-Options: nosniff} (browsers do not guess a type other than the one sent),
 * {@code Referrer-Policy: no-referrer}, {@code X-Frame-Options: DENY} (no page frames the hub), and on a TLS
 * connection {@code Strict-Transport-Security: max-age=31536000} (RFC 6797: browsers use HTTPS only for a year).
 * {@link #api()}, for the API endpoints ({@code /graphql}, {@code /export}, {@code /metrics}, {@code /health}, their
 * refusals included): {@code Cache-Control: no-store} (answers may hold personal data) and
 * {@code Content-Security-Policy: default-src 'none'; frame-ancestors 'none'} (an API answer loads nothing).
 * GraphiQL gets only the first set, as it loads its own scripts and styles. {@link #explorer()}, for the graph
 * browser's page at {@code /explore/}: {@code Cache-Control: no-cache} (a new build is picked up at once) and a
 * Content Security Policy allowing only the hub's own origin (scripts, styles, and requests to {@code /graphql}), plus
 * inline style attributes and {@code data:} images, which the canvas library sets.
 */
public final class SecureHeaders {
    private SecureHeaders() {
    }

    /** @return a handler adding the headers every response carries, then passing the request on */
    public static Handler<RoutingContext> all() {
        return ctx -> {
            ctx.response().headers()
                    .set("X-Content-Type-Options", "nosniff")
                    .set("Referrer-Policy", "no-referrer")
                    .set("X-Frame-Options", "DENY");
            if (ctx.request().isSSL()) {
                ctx.response().headers().set("Strict-Transport-Security", "max-age=31536000");
            }
            ctx.next();
        };
    }

    /** @return a handler adding the headers of API answers (no caching, nothing to load), then passing the request on */
    public static Handler<RoutingContext> api() {
        return ctx -> {
            ctx.response().headers()
                    .set("Cache-Control", "no-store")
                    .set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
            ctx.next();
        };
    }

    /** @return a handler adding the headers of the graph browser's static files, then passing the request on */
    public static Handler<RoutingContext> explorer() {
        return ctx -> {
            ctx.response().headers()
                    .set("Cache-Control", "no-cache")
                    .set("Content-Security-Policy", "default-src 'self'; script-src 'self'; connect-src 'self'; "
                            + "img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'none'");
            ctx.next();
        };
    }
}

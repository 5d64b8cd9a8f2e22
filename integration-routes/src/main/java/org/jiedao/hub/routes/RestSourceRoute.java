package org.jiedao.hub.routes;

import org.apache.camel.builder.RouteBuilder;

/** The route of a {@code kind: rest} source. Route id {@code source-<id>}. */
final class RestSourceRoute extends RouteBuilder {
    private final Ingester ingester;

    RestSourceRoute(Ingester ingester) {
        this.ingester = ingester;
    }

    @Override
    public void configure() {
        throw new UnsupportedOperationException("kind rest is not implemented yet (source " + ingester.mapping().definition().id() + ")");
    }
}

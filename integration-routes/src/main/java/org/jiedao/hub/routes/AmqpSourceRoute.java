package org.jiedao.hub.routes;

import org.apache.camel.builder.RouteBuilder;

/** The route of a {@code kind: amqp} source. Route id {@code source-<id>}. */
final class AmqpSourceRoute extends RouteBuilder {
    private final Ingester ingester;

    AmqpSourceRoute(Ingester ingester) {
        this.ingester = ingester;
    }

    @Override
    public void configure() {
        throw new UnsupportedOperationException("kind amqp is not implemented yet (source " + ingester.mapping().definition().id() + ")");
    }
}

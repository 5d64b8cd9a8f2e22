package org.jiedao.hub.routes;

import org.apache.camel.builder.RouteBuilder;

/** The route of a {@code kind: mqtt} source. Route id {@code source-<id>}. */
final class MqttSourceRoute extends RouteBuilder {
    private final Ingester ingester;

    MqttSourceRoute(Ingester ingester) {
        this.ingester = ingester;
    }

    @Override
    public void configure() {
        throw new UnsupportedOperationException("kind mqtt is not implemented yet (source " + ingester.mapping().definition().id() + ")");
    }
}

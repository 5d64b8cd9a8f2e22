package org.jiedao.hub.routes;

import org.apache.camel.builder.RouteBuilder;
import org.jiedao.hub.loaders.source.Durations;
import org.jiedao.hub.loaders.source.SourceDefinition;

/**
 * The route of a {@code kind: rest} source: a camel-timer fires every {@code rest.pollDelay} (default 1 minute,
 * fixed delay, so polls never overlap) and {@link RestPoller} reads every page, page by page. Route id
 * {@code source-<id>}.
 */
final class RestSourceRoute extends RouteBuilder {
    private final Ingester ingester;

    RestSourceRoute(Ingester ingester) {
        this.ingester = ingester;
    }

    @Override
    public void configure() {
        SourceRoutes.quietErrors(this);
        SourceDefinition d = ingester.mapping().definition();
        long period = Durations.parse(d.rest().pollDelay() == null ? "1m" : d.rest().pollDelay()).toMillis();
        fromF("timer:rest-%s?delay=0&period=%d&fixedRate=false", d.id(), period)
                .routeId("source-" + d.id())
                .process(new RestPoller(ingester));
    }
}

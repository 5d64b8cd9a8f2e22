package org.jiedao.hub.routes;

import java.time.Duration;

import org.apache.camel.builder.RouteBuilder;
import org.jiedao.hub.loaders.source.Durations;
import org.jiedao.hub.loaders.source.SourceDefinition;

/**
 * The route of a {@code kind: rest} source: {@link RestPoller} reads every page, page by page, then pauses
 * {@code rest.pollDelay} (default 1 minute; measured from the end of a poll, up to a second more) before the next
 * poll. Polls never overlap (one timer thread). Route id
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
        Duration pause = Durations.parse(d.rest().pollDelay() == null ? "1m" : d.rest().pollDelay());
        // java.util.Timer measures its period from the start of a run, so a poll longer than the period would be
        // followed at once by the next: the timer only ticks, and RestPoller keeps the pause after each poll's end
        long tick = Math.max(50, Math.min(1_000, pause.toMillis()));
        fromF("timer:rest-%s?delay=0&period=%d&fixedRate=false", d.id(), tick)
                .routeId("source-" + d.id())
                .process(new RestPoller(ingester, pause));
    }
}

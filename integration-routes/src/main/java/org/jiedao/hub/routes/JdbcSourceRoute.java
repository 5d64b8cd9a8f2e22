package org.jiedao.hub.routes;

import org.apache.camel.builder.RouteBuilder;
import org.jiedao.hub.loaders.source.Durations;
import org.jiedao.hub.loaders.source.SourceDefinition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The route of a {@code kind: jdbc} source: a Camel timer polling the source's table every {@code pollDelay}
 * (fixed delay, one poll at a time; a failed poll is logged and counted, and the next one tries again) through {@link JdbcPollProcessor}, which reads either the whole table (unchanged
 * rows are recognised by their content hash and cost no write) or, with {@code watermarkColumn}, only the rows after
 * the stored watermark. Route id {@code source-<id>}.
 */
final class JdbcSourceRoute extends RouteBuilder {
    private final Ingester ingester;

    JdbcSourceRoute(Ingester ingester) {
        this.ingester = ingester;
    }

    @Override
    public void configure() {
        SourceRoutes.quietErrors(this);
        SourceDefinition d = ingester.mapping().definition();
        JdbcQueries queries = new JdbcQueries(d.jdbc());
        DriverManagerDataSource ds = new DriverManagerDataSource(d.jdbc().url(),
                d.jdbc().user() == null ? "" : d.jdbc().user(), d.jdbc().password() == null ? "" : d.jdbc().password());
        long delay = Durations.parse(d.jdbc().pollDelay() == null ? "10s" : d.jdbc().pollDelay()).toMillis();
        fromF("timer:jdbc-%s?delay=0&period=%d", d.id(), delay)
                .routeId("source-" + d.id())
                .process(new JdbcPollProcessor(ingester, new JdbcTemplate(ds), queries));
    }
}

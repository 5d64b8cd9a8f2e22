package org.jiedao.hub.routes;

import org.apache.camel.builder.RouteBuilder;
import org.jiedao.hub.loaders.source.Durations;
import org.jiedao.hub.loaders.source.SourceDefinition;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The route of a {@code kind: jdbc} source: a camel-sql polling consumer on the source's table. Each poll reads the
 * whole table; unchanged rows are recognised by their content hash and cost no write. Route id {@code source-<id>}.
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
        DriverManagerDataSource ds = new DriverManagerDataSource(d.jdbc().url(),
                d.jdbc().user() == null ? "" : d.jdbc().user(), d.jdbc().password() == null ? "" : d.jdbc().password());
        getContext().getRegistry().bind("dataSource-" + d.id(), ds);
        getContext().getRegistry().bind("pollStrategy-" + d.id(), new PollFailureRecorder(ingester.stats()));
        long delay = Durations.parse(d.jdbc().pollDelay() == null ? "10s" : d.jdbc().pollDelay()).toMillis();
        String query = d.jdbc().query() != null ? d.jdbc().query()
                : "SELECT * FROM " + d.jdbc().table() + " ORDER BY " + d.jdbc().keyColumn();
        fromF("sql:%s?dataSource=#%s&pollStrategy=#%s&delay=%d&initialDelay=0&useIterator=false&routeEmptyResultSet=true",
                query, "dataSource-" + d.id(), "pollStrategy-" + d.id(), delay)
                .routeId("source-" + d.id())
                .process(new JdbcPollProcessor(ingester));
    }
}

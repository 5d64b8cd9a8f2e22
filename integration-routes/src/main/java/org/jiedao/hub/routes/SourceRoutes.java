package org.jiedao.hub.routes;

import java.util.List;

import org.apache.camel.builder.RouteBuilder;
import org.jiedao.hub.loaders.source.Durations;
import org.jiedao.hub.loaders.source.SourceDefinition;
import org.jiedao.hub.loaders.source.SourceDefinition.SourceKind;

/**
 * One Camel route per declared source (DESIGN.md, decision 5): a file-drop consumer for {@code kind: file} and a
 * SQL polling consumer for {@code kind: jdbc}. Route ids are {@code source-<id>}.
 *
 * <p>File routes pick a file up only once its size has been stable for a second ({@code readLock=changed}),
 * move it to {@code .done/} after every batch has committed and to {@code .failed/} otherwise. JDBC routes read
 * the whole table each poll; unchanged rows are recognised by their content hash and cost no write.
 */
final class SourceRoutes extends RouteBuilder {
    /** Where a file goes once done or failed: {@code .done/<name>.<yyyyMMdd-HHmmssSSS>.<ext>}. */
    private static final String ARCHIVED = "%s/${file:name.noext}.${date:now:yyyyMMdd-HHmmssSSS}.${file:ext}";
    private final List<Ingester> ingesters;
    private final org.jiedao.hub.graph.write.RecordWriter writer;

    SourceRoutes(List<Ingester> ingesters, org.jiedao.hub.graph.write.RecordWriter writer) {
        this.ingesters = ingesters;
        this.writer = writer;
    }

    @Override
    public void configure() {
        // failures are counted and logged in one line by the processors; no stack traces for bad input
        errorHandler(defaultErrorHandler().logStackTrace(false).logExhausted(false).logExhaustedMessageHistory(false));
        for (Ingester ingester : ingesters) {
            SourceDefinition d = ingester.mapping().definition();
            if (d.kind() == SourceKind.FILE) {
                // archived names carry the time, so a file of the same name dropped again never replaces the earlier copy;
                // readLockMinLength=0 lets an empty file through (it is then rejected as having no header)
                fromF("file:%s?include=%s&move=%s&moveFailed=%s"
                                + "&readLock=changed&readLockCheckInterval=500&readLockMinAge=1000&readLockMinLength=0"
                                + "&delay=1000&initialDelay=0",
                        d.file().directory(), "RAW(" + (d.file().include() == null ? ".*" : d.file().include()) + ")",
                        ARCHIVED.formatted(".done"), ARCHIVED.formatted(".failed"))
                        .routeId("source-" + d.id())
                        .process(new FileIngestProcessor(ingester, writer));
            } else {
                long delay = Durations.parse(d.jdbc().pollDelay() == null ? "10s" : d.jdbc().pollDelay()).toMillis();
                String query = d.jdbc().query() != null ? d.jdbc().query()
                        : "SELECT * FROM " + d.jdbc().table() + " ORDER BY " + d.jdbc().keyColumn();
                fromF("sql:%s?dataSource=#%s&pollStrategy=#%s&delay=%d&initialDelay=0&useIterator=false&routeEmptyResultSet=true",
                        query, IntegrationRuntime.dataSourceName(d.id()), IntegrationRuntime.pollStrategyName(d.id()), delay)
                        .routeId("source-" + d.id())
                        .process(new JdbcPollProcessor(ingester));
            }
        }
    }
}

package org.jiedao.hub.routes;

import org.apache.camel.builder.RouteBuilder;
import org.jiedao.hub.graph.write.RecordWriter;
import org.jiedao.hub.loaders.source.SourceDefinition;

/**
 * The route of a {@code kind: file} source: a file-drop consumer (camel-file) on the source's directory. A file is
 * picked up only when complete: once its done marker {@code <name>.done} exists if the source has
 * {@code file.doneMarker: true}, else once its size has been stable for a second ({@code readLock=changed}); moved to {@code .done/}
 * after every batch has committed and to {@code .failed/} otherwise. Route id {@code source-<id>}.
 */
final class FileSourceRoute extends RouteBuilder {
    /** Where a file goes once done or failed: {@code .done/<name>.<yyyyMMdd-HHmmssSSS>.<ext>}. */
    private static final String ARCHIVED = "%s/${file:name.noext}.${date:now:yyyyMMdd-HHmmssSSS}.${file:ext}";
    private final Ingester ingester;
    private final RecordWriter writer;

    FileSourceRoute(Ingester ingester, RecordWriter writer) {
        this.ingester = ingester;
        this.writer = writer;
    }

    @Override
    public void configure() {
        SourceRoutes.quietErrors(this);
        SourceDefinition d = ingester.mapping().definition();
        // archived names carry the time, so a file of the same name dropped again never replaces the earlier copy;
        // readLockMinLength=0 lets an empty file through (it is then rejected as having no header)
        fromF("file:%s?include=%s&move=%s&moveFailed=%s%s&delay=1000&initialDelay=0",
                d.file().directory(), "RAW(" + (d.file().include() == null ? ".*" : d.file().include()) + ")",
                ARCHIVED.formatted(".done"), ARCHIVED.formatted(".failed"), completeWhen(d.file()))
                .routeId("source-" + d.id())
                .process(new FileIngestProcessor(ingester, writer));
    }

    /**
     * When a file is complete. With a done marker: once {@code <name>.done} exists beside it (camel-file's
     * {@code doneFileName}; the marker is never taken as a file of its own and is deleted once the file has been
     * moved). Without: once its size has been stable for a second ({@code readLock=changed}).
     */
    static String completeWhen(SourceDefinition.FileOptions file) {
        return file.requiresDoneMarker() ? "&doneFileName=${file:name}.done"
                : "&readLock=changed&readLockCheckInterval=500&readLockMinAge=1000&readLockMinLength=0";
    }
}

package org.jiedao.hub.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jiedao.hub.graph.ops.Operations;
import org.jiedao.hub.graph.write.RecordWriter;
import org.jiedao.hub.loaders.mapping.SourceMapping;
import org.jiedao.hub.loaders.source.SourceDefinition;
import org.jiedao.hub.loaders.source.SourceDefinition.SourceKind;
import org.jiedao.hub.routes.IntegrationRuntime;
import org.jiedao.hub.routes.SourceStats;
import org.neo4j.driver.Driver;

/**
 * Runs one declared source once through its normal route ({@link IntegrationRuntime} with only that source): it
 * takes in what the source holds now (the files waiting in its directory, one poll of its table, what its feed has
 * queued), drawing {@link IngestProgress}, and stops.
 */
final class SourceRun {
    private SourceRun() {
    }

    /**
     * What the run did.
     *
     * @param stats    the source's counters for this run
     * @param complete whether the source caught up before the timeout
     */
    record Result(SourceStats stats, boolean complete) {
        /** @return whether it caught up and no file or poll failed */
        boolean ok() {
            return complete && stats.failedUnits() == 0;
        }
    }

    /**
     * @param mapping   the source
     * @param driver    the hub's driver: the run is recorded and a JDBC watermark advanced in the operational model
     * @param writer    the graph writer
     * @param batchSize records per transaction
     * @param progress  the display to update about five times a second
     * @param timeout   how long to wait at most for the source to catch up
     * @return the counters and whether it caught up
     * @throws Exception if Camel cannot build or start the route (bad URI, missing driver)
     */
    static Result once(SourceMapping mapping, Driver driver, RecordWriter writer, int batchSize, IngestProgress progress,
                       Duration timeout) throws Exception {
        int filesTotal = waitingFiles(mapping.definition());
        try (Operations operations = Operations.create(driver);
             IntegrationRuntime routes = new IntegrationRuntime(List.of(mapping), writer, operations, batchSize)) {
            SourceStats stats = routes.stats().get(mapping.definition().id());
            routes.start();
            long deadline = System.nanoTime() + timeout.toNanos();
            boolean done = false;
            while (!done && System.nanoTime() < deadline) {
                done = routes.awaitInitialLoad(Duration.ofMillis(200));
                progress.update(stats, filesTotal);
            }
            progress.finish(stats, filesTotal);
            return new Result(stats, done);
        }
    }

    /** Files waiting in a file source's directory now, or -1 for other kinds. */
    static int waitingFiles(SourceDefinition d) {
        if (d.kind() != SourceKind.FILE) {
            return -1;
        }
        Pattern include = Pattern.compile(d.file().include() == null ? ".*" : d.file().include());
        try (Stream<Path> files = Files.list(Path.of(d.file().directory()))) {
            return (int) files.filter(p -> Files.isRegularFile(p) && include.matcher(p.getFileName().toString()).matches()).count();
        } catch (IOException e) {
            return 0;
        }
    }
}

package org.jiedao.hub.routes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.jiedao.hub.graph.ops.Operations;
import org.jiedao.hub.graph.write.RecordWriter;
import org.jiedao.hub.loaders.mapping.SourceMapping;
import org.jiedao.hub.loaders.source.SourceDefinition;
import org.jiedao.hub.loaders.source.SourceDefinition.SourceKind;

/**
 * The ingestion side of the hub: a Camel context with one route per source, writing through one
 * {@link RecordWriter}. Start it, watch {@link #stats()}, {@link #awaitInitialLoad(Duration)} for the sources'
 * current contents, and {@link #close()} it. Built with the graph's {@link Operations}, it registers every source
 * there, records each unit it reads as an ingestion run and keeps the JDBC watermarks there, so a restarted hub
 * resumes where it stopped; built without, runs are not kept and watermarks live only as long as the runtime.
 */
public final class IntegrationRuntime implements AutoCloseable {
    private final CamelContext camel = new DefaultCamelContext();
    private final Map<String, SourceStats> stats = new LinkedHashMap<>();
    private final List<SourceMapping> mappings;

    /**
     * @param mappings  compiled source mappings
     * @param writer    the graph writer
     * @param batchSize records per transaction
     * @throws Exception if Camel cannot build the routes (bad URI, missing JDBC driver)
     */
    public IntegrationRuntime(List<SourceMapping> mappings, RecordWriter writer, int batchSize) throws Exception {
        this(mappings, writer, batchSize, new MemoryRunJournal());
    }

    /**
     * @param mappings   compiled source mappings
     * @param writer     the graph writer
     * @param operations the graph's operational model: sources are registered in it, runs and watermarks kept there
     * @param batchSize  records per transaction
     * @throws Exception if Camel cannot build the routes (bad URI, missing JDBC driver), or Neo4j refuses to register
     *                   a source
     */
    public IntegrationRuntime(List<SourceMapping> mappings, RecordWriter writer, Operations operations, int batchSize)
            throws Exception {
        this(mappings, writer, batchSize, new GraphRunJournal(operations));
    }

    private final List<Ingester> ingesters = new java.util.ArrayList<>();

    private IntegrationRuntime(List<SourceMapping> mappings, RecordWriter writer, int batchSize, RunJournal journal)
            throws Exception {
        this.mappings = List.copyOf(mappings);
        for (SourceMapping m : mappings) {
            SourceDefinition d = m.definition();
            SourceStats s = new SourceStats(d.id());
            stats.put(d.id(), s);
            journal.register(d.id(), d.name(), d.kind().name().toLowerCase(java.util.Locale.ROOT), d.department());
            Ingester ingester = new Ingester(m, writer, batchSize, s, journal);
            ingesters.add(ingester);
            if (d.kind() == SourceKind.FILE) {
                Files.createDirectories(Path.of(d.file().directory()));
            }
            if (d.kind() != SourceKind.INBOUND) { // partners push inbound records over HTTP (InboundSubmissions)
                camel.addRoutes(SourceRoutes.forSource(ingester, writer));
            }
        }
    }

    /** Starts every route. */
    public void start() {
        camel.start();
    }

    /** @return per-source counters, in definition order */
    public Map<String, SourceStats> stats() {
        return stats;
    }

    /**
     * Waits until every source has taken in what it holds now: no file waiting in a file source's directory (with
     * done markers: no file whose marker is there) and none in flight, at least one completed poll of each JDBC or
     * REST source, each event feed (AMQP, MQTT) subscribed with no message in flight.
     *
     * @param timeout how long to wait at most
     * @return true if everything was taken in, false on timeout
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitInitialLoad(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (mappings.stream().allMatch(this::caughtUp)) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    private boolean caughtUp(SourceMapping m) {
        SourceDefinition d = m.definition();
        SourceStats s = stats.get(d.id());
        if (s.inFlight() > 0) {
            return false;
        }
        if (d.kind() == SourceKind.INBOUND) {
            return true; // nothing to fetch: partners submit
        }
        if (d.kind() == SourceKind.AMQP || d.kind() == SourceKind.MQTT) {
            // event feeds never end: caught up once subscribed with nothing in flight (an idle feed counts)
            return camel.getRouteController().getRouteStatus("source-" + d.id()).isStarted();
        }
        if (d.kind() == SourceKind.REST) {
            // a REST poll is many units (pages): caught up after one whole poll
            return s.pollsEnded() > 0;
        }
        if (d.kind() != SourceKind.FILE) {
            // polled sources: one completed poll; event feeds: the queue or topic was subscribed to (one unit done)
            return s.completedUnits() + s.failedUnits() > 0;
        }
        Pattern include = Pattern.compile(d.file().include() == null ? ".*" : d.file().include());
        boolean marked = d.file().requiresDoneMarker();
        try (Stream<Path> files = Files.list(Path.of(d.file().directory()))) {
            // with done markers, a file without its marker is not there yet, and a marker is not a file to read
            return files.noneMatch(p -> Files.isRegularFile(p) && include.matcher(p.getFileName().toString()).matches()
                    && (!marked || !p.getFileName().toString().endsWith(".done")
                    && Files.exists(p.resolveSibling(p.getFileName() + ".done"))));
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the routes, letting in-flight units finish. */
    @Override
    public void close() {
        try {
            camel.close();
        } catch (Exception e) {
            throw new IllegalStateException("Camel did not stop cleanly: " + e.getMessage(), e);
        } finally {
            ingesters.forEach(Ingester::flush); // event feeds: record the open run window
        }
    }
}

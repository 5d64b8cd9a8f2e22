package org.jiedao.hub.app;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.jiedao.hub.graph.server.Neo4jConnection;
import org.jiedao.hub.graph.write.RecordWriter;
import org.jiedao.hub.loaders.mapping.SourceMapping;
import org.jiedao.hub.ontology.Ontology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hub ingest <source>}: runs one declared source once through its normal route, taking in what it holds
 * now (the files waiting in its directory, one poll of its table), with a progress display ({@link IngestProgress}),
 * then prints a summary. It connects to {@code NEO4J_URI} if set, else starts the embedded Neo4j on the data
 * directory; it serves no API.
 *
 * <p>Exit status: 0 every file or poll was taken in (quarantined records included); 1 a file or poll failed as a
 * whole, or the source did not catch up within {@code --timeout}; 2 the source is not declared (the message lists
 * the declared ids) or a definition is invalid.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Run one source once: take in its waiting files (or one poll of its table) with a progress bar, then print a summary.")
final class IngestCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "<source>", description = "the id of a declared source, e.g. hukou")
    String source;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "give up after this long (default: ${DEFAULT-VALUE})")
    long timeoutSeconds = 1800;

    /** Environment the settings are read from (tests point NEO4J_URI and HUB_SOURCES_DIR at their own). */
    Map<String, String> env = System.getenv();
    /** Where the progress and the summary go. */
    PrintStream stdout = System.out;
    /** Where errors go. */
    PrintStream stderr = System.err;
    /** Whether {@link #stdout} is an interactive terminal (progress redrawn in place). */
    boolean terminal = IngestProgress.stdoutIsTerminal();

    /**
     * @return the exit status: 0 taken in, 1 a unit failed or timed out, 2 unknown source or bad definitions
     * @throws Exception if Neo4j cannot be reached or the route cannot start
     */
    @Override
    public Integer call() throws Exception {
        HubSettings settings = HubSettings.fromEnvironment(env);
        Ontology ontology = Ontology.bundled();
        List<SourceMapping> mappings;
        try {
            mappings = SourceCatalogs.load(settings, ontology);
        } catch (RuntimeException e) {
            stderr.println("hub ingest: " + e.getMessage());
            return 2;
        }
        Optional<SourceMapping> mapping = SourceCatalogs.find(mappings, source);
        if (mapping.isEmpty()) {
            stderr.println("hub ingest: " + SourceCatalogs.unknown(mappings, source, settings));
            return 2;
        }
        try (Neo4jConnection neo4j = Neo4jConnection.fromEnvironment(settings.env(), settings.embeddedNeo4j())) {
            RecordWriter writer = GraphSetup.prepare(neo4j.driver(), ontology);
            SourceRun.Result run = SourceRun.once(mapping.get(), neo4j.driver(), writer, settings.batchSize(),
                    new IngestProgress(stdout, terminal), Duration.ofSeconds(timeoutSeconds));
            new Progress(stdout).summary(List.of(run.stats()));
            if (!run.complete()) {
                stderr.println("hub ingest: " + source + " did not catch up within " + timeoutSeconds + " s; what was"
                        + " committed stays, the rest is read on the next run");
                return 1;
            }
            if (run.stats().failedUnits() > 0) {
                stderr.println("hub ingest: " + source + ": " + run.stats().failedUnits() + " file(s) or poll(s) failed: "
                        + run.stats().lastFailure());
                return 1;
            }
            return 0;
        }
    }
}

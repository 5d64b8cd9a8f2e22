package org.jiedao.hub.app;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jiedao.hub.graph.ops.IngestionRun;
import org.jiedao.hub.graph.ops.Operations;
import org.jiedao.hub.graph.server.Neo4jConnection;
import org.jiedao.hub.loaders.source.Placeholders;
import org.jiedao.hub.loaders.source.SourceDefinition;
import org.jiedao.hub.loaders.source.SourceDefinition.SourceKind;
import org.jiedao.hub.loaders.source.SourceDefinitions;
import org.jiedao.hub.routes.JdbcBacklog;
import picocli.CommandLine.Command;

/**
 * {@code hub status}: each declared source (from {@code HUB_SOURCES_DIR}) with its kind, its last ingestion run
 * from the graph's operational model (when, what, counts, error) and its backlog: files waiting in a file source's
 * directory, rows after the watermark of a JDBC source with a watermark column ({@code SELECT COUNT(*)} on the
 * source database), otherwise {@code n/a}. Connects to Neo4j like the other commands ({@code NEO4J_URI}, or the
 * embedded one under {@code HUB_DATA_DIR}).
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show each source with its kind, last ingestion run and backlog.")
final class StatusCommand implements Callable<Integer> {
    /** Environment (replaced in tests). */
    Map<String, String> env = System.getenv();
    /** Where the report goes (replaced in tests). */
    PrintStream stdout = System.out;

    @Override
    public Integer call() {
        HubSettings settings = HubSettings.fromEnvironment(env);
        List<SourceDefinition> definitions = SourceDefinitions.load(settings.sourcesDir(),
                new Placeholders(settings.placeholders()), Path.of("").toAbsolutePath());
        try (Neo4jConnection neo4j = Neo4jConnection.fromEnvironment(settings.env(), settings.embeddedNeo4j());
             Operations ops = Operations.create(neo4j.driver())) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            stdout.printf("%d source(s) in %s, as of %s%n", definitions.size(), settings.sourcesDir(), now);
            for (SourceDefinition d : definitions) {
                stdout.printf("%n%s (%s) %s%n", d.id(), d.kind().name().toLowerCase(java.util.Locale.ROOT),
                        d.name() == null ? "" : d.name());
                stdout.println("  last run: " + lastRun(ops.runs(d.id(), 1)));
                if (d.kind() == SourceKind.JDBC && d.jdbc().watermarkColumn() != null) {
                    stdout.println("  watermark: " + JdbcBacklog.describe(ops.watermark(d.id()).orElse(null)));
                }
                stdout.println("  backlog: " + backlog(d, ops));
            }
        }
        return 0;
    }

    private static String lastRun(List<IngestionRun> runs) {
        if (runs.isEmpty()) {
            return "none";
        }
        IngestionRun r = runs.getFirst();
        String when = r.endedAt() == null ? "started " + r.startedAt().truncatedTo(ChronoUnit.SECONDS) + ", not finished"
                : "ended " + r.endedAt().truncatedTo(ChronoUnit.SECONDS);
        return "%s, %s: %s%s".formatted(when, r.unit(), r.counts(), r.error() == null ? "" : "; error: " + r.error());
    }

    private static String backlog(SourceDefinition d, Operations ops) {
        return switch (d.kind()) {
            case FILE -> filesWaiting(d);
            case JDBC -> {
                if (d.jdbc().watermarkColumn() == null) {
                    yield "n/a (every poll reads the whole table)";
                }
                try {
                    OptionalLong n = JdbcBacklog.rowsAfterWatermark(d, ops.watermark(d.id()).orElse(null));
                    yield n.isPresent() ? n.getAsLong() + " row(s) after the watermark" : "n/a";
                } catch (RuntimeException e) {
                    yield "n/a (database not reachable: " + e.getMessage() + ")";
                }
            }
            default -> "n/a";
        };
    }

    private static String filesWaiting(SourceDefinition d) {
        Path dir = Path.of(d.file().directory());
        Pattern include = Pattern.compile(d.file().include() == null ? ".*" : d.file().include());
        if (!Files.isDirectory(dir)) {
            return "n/a (no directory " + dir + ")";
        }
        try (Stream<Path> files = Files.list(dir)) {
            long n = files.filter(p -> Files.isRegularFile(p) && include.matcher(p.getFileName().toString()).matches())
                    .count();
            return n + " file(s) waiting in " + dir;
        } catch (IOException e) {
            return "n/a (" + e.getMessage() + ")";
        }
    }
}

package org.jiedao.hub.app;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.jena.rdf.model.Model;
import org.apache.jena.shared.JenaException;
import org.jiedao.hub.api.http.ExportHandler;
import org.jiedao.hub.graph.rdf.EntityNotFoundException;
import org.jiedao.hub.graph.rdf.ExportFormat;
import org.jiedao.hub.graph.rdf.ExportTooLargeException;
import org.jiedao.hub.graph.rdf.RdfExporter;
import org.jiedao.hub.graph.server.Neo4jConnection;
import org.jiedao.hub.ontology.Ontology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hub export --entity <Label>:<key> [--depth N] [--format turtle|jsonld] [--out FILE]}: writes the subgraph
 * around one entity as RDF ({@link RdfExporter}: RDF 1.1 Turtle or JSON-LD 1.1, the ontology's IRIs, provenance
 * in W3C PROV-O). It connects as {@code hub quarantine} does: to {@code NEO4J_URI} if set, else to the embedded
 * Neo4j on the data directory.
 *
 * <p>The key is normalised like the API's ({@code Person:110102900101001} finds the 18-character number). The
 * arguments are checked before connecting. Exit status: 0 written; 1 the entity is not in the graph, the subgraph
 * is over the node limit or the file cannot be written; 2 a bad argument. Errors are one line on standard error.
 */
@Command(name = "export", description = "Write the subgraph around one entity as RDF (Turtle or JSON-LD 1.1) with PROV-O provenance.")
final class ExportCommand implements Callable<Integer> {
    @Option(names = "--entity", required = true, paramLabel = "<Label>:<key>",
            description = "the entity to start from, e.g. Person:110102199001010011 (the key is normalised as the loaders do)")
    String entity;

    @Option(names = "--depth", paramLabel = "N", description = "hops from the entity, 0 to " + RdfExporter.MAX_DEPTH + " (default: ${DEFAULT-VALUE})")
    int depth = 1;

    @Option(names = "--format", paramLabel = "turtle|jsonld", description = "turtle or jsonld (default: ${DEFAULT-VALUE})")
    String format = "turtle";

    @Option(names = "--out", paramLabel = "FILE", description = "write to this file instead of standard output")
    Path out;

    @Option(names = "--max-nodes", paramLabel = "N", description = "refuse subgraphs with more entities (default: ${DEFAULT-VALUE})")
    int maxNodes = RdfExporter.DEFAULT_MAX_NODES;

    /** Environment the settings are read from (tests point NEO4J_URI at their server). */
    Map<String, String> env = System.getenv();
    /** Where the RDF goes without {@code --out}. */
    PrintStream stdout = System.out;
    /** Where errors and the summary go. */
    PrintStream stderr = System.err;

    /**
     * Runs the export.
     *
     * @return the exit status: 0 written, 1 not found / too large / not writable, 2 bad argument
     */
    @Override
    public Integer call() {
        Ontology ontology = Ontology.bundled();
        ExportHandler.Target target;
        ExportFormat exportFormat;
        try {
            exportFormat = ExportFormat.of(format);
            target = ExportHandler.Target.parse(ontology, entity);
            if (depth < 0 || depth > RdfExporter.MAX_DEPTH) {
                throw new IllegalArgumentException("--depth must be from 0 to " + RdfExporter.MAX_DEPTH + ", was " + depth);
            }
            if (maxNodes < 1) {
                throw new IllegalArgumentException("--max-nodes must be at least 1, was " + maxNodes);
            }
        } catch (IllegalArgumentException e) {
            return fail(2, e.getMessage());
        }
        HubSettings settings = HubSettings.fromEnvironment(env);
        try (Neo4jConnection neo4j = Neo4jConnection.fromEnvironment(settings.env(), settings.embeddedNeo4j())) {
            RdfExporter exporter = new RdfExporter(neo4j.driver(), ontology, maxNodes);
            Model model = exporter.export(target.type(), target.key(), depth);
            if (out == null) {
                exporter.write(model, exportFormat, stdout);
                stdout.flush();
            } else {
                writeFile(exporter, model, exportFormat);
                stderr.printf("wrote %d triples about %s (depth %d, %s) to %s%n", model.size(), target, depth, exportFormat.id(), out);
            }
            return 0;
        } catch (EntityNotFoundException | ExportTooLargeException e) {
            return fail(1, e.getMessage());
        } catch (NoSuchFileException e) {
            return fail(1, "cannot write " + out + ": no such directory " + out.toAbsolutePath().getParent());
        } catch (IOException | JenaException e) {
            return fail(1, "cannot write " + (out == null ? "the export" : out) + ": " + e.getMessage());
        }
    }

    /** Writes next to the target and moves it into place, so a failed write leaves no half file. */
    private void writeFile(RdfExporter exporter, Model model, ExportFormat exportFormat) throws IOException {
        Path target = out.toAbsolutePath();
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            try (OutputStream os = Files.newOutputStream(tmp)) {
                exporter.write(model, exportFormat, os);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private int fail(int status, String message) {
        stderr.println("hub export: " + message);
        return status;
    }
}

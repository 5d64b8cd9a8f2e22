package org.jiedao.hub.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import org.jiedao.hub.graph.server.Neo4jConnection;
import org.jiedao.hub.graph.write.QuarantineStore;
import org.jiedao.hub.graph.write.RecordWriter;
import org.jiedao.hub.loaders.mapping.SourceMapping;
import org.jiedao.hub.loaders.source.SourceDefinition;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.routes.FailedFiles;
import org.jiedao.hub.routes.QuarantineReplay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code hub quarantine replay [--source ID] [--corrections FILE]}: maps the unresolved quarantined records again
 * with the current source definitions and normalisers ({@link QuarantineReplay}); those now valid are written and
 * their entries marked resolved (kept, with {@code resolvedAt} and the record uid), the others keep their entry
 * with the new reason. {@code --corrections} is JSON Lines as {@code hub quarantine export} writes it: per line an
 * {@code "id"} and the corrected values under {@code "raw"} (or {@code "values"}); other members are ignored.
 *
 * <p>Files rejected whole are moved from {@code .failed/} back into their source directory and their source is run
 * once ({@link FailedFiles}); their entries are resolved if the file is taken in this time.
 *
 * <p>Exit status: 0 done (records still invalid are counted, not errors); 1 a correction names no unresolved entry,
 * or a returned file failed again; 2 a bad corrections file, an undeclared {@code --source}, or bad definitions.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Map quarantined records again with the current definitions (and corrected values); write those now valid.")
final class QuarantineReplayCommand implements Callable<Integer> {
    private static final DateTimeFormatter ARCHIVE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmssSSS");

    @ParentCommand
    QuarantineCommand parent;

    @Option(names = "--source", description = "only this source id")
    String source;

    @Option(names = "--corrections", paramLabel = "FILE", description = "JSON Lines of {\"id\": ..., \"raw\": {corrected values}}, as export writes")
    Path corrections;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "for returned files: how long their source may take (default: ${DEFAULT-VALUE})")
    long timeoutSeconds = 1800;

    @Override
    public Integer call() throws Exception {
        HubSettings settings = HubSettings.fromEnvironment(parent.env);
        Ontology ontology = Ontology.bundled();
        List<SourceMapping> mappings;
        Map<String, Map<String, Object>> corrected;
        try {
            mappings = SourceCatalogs.load(settings, ontology);
            corrected = corrections == null ? Map.of() : readCorrections(corrections);
        } catch (RuntimeException | IOException e) {
            parent.stderr.println("hub quarantine replay: " + e.getMessage());
            return 2;
        }
        if (source != null && SourceCatalogs.find(mappings, source).isEmpty()) {
            parent.stderr.println("hub quarantine replay: " + SourceCatalogs.unknown(mappings, source, settings));
            return 2;
        }
        int status = 0;
        try (Neo4jConnection neo4j = Neo4jConnection.fromEnvironment(settings.env(), settings.embeddedNeo4j())) {
            RecordWriter writer = GraphSetup.prepare(neo4j.driver(), ontology);
            QuarantineStore store = new QuarantineStore(neo4j.driver());
            QuarantineReplay.Outcome o = new QuarantineReplay(mappings, writer, store, settings.batchSize()).replay(source, corrected);
            parent.stdout.printf("records: %d resolved (written), %d still invalid, %d unreadable without a correction, %d of undeclared sources%n",
                    o.resolved(), o.stillInvalid(), o.notReplayable(), o.noSource());
            if (!o.unknownCorrections().isEmpty()) {
                parent.stderr.println("hub quarantine replay: corrections name no unresolved record of "
                        + (source == null ? "any source" : source) + ": " + o.unknownCorrections());
                status = 1;
            }
            status = Math.max(status, replayFiles(settings, mappings, neo4j.driver(), writer, store));
        }
        return status;
    }

    /** Returns rejected files to their directories and runs each of their sources once; 1 if one failed again. */
    private int replayFiles(HubSettings settings, List<SourceMapping> mappings, org.neo4j.driver.Driver driver,
                            RecordWriter writer, QuarantineStore store)
            throws Exception {
        Map<String, SourceDefinition> definitions = new LinkedHashMap<>();
        mappings.forEach(m -> definitions.put(m.definition().id(), m.definition()));
        List<String> problems = new ArrayList<>();
        String since = LocalDateTime.now().format(ARCHIVE_STAMP);
        List<FailedFiles.Returned> returned = FailedFiles.returnToSource(store.list(source, false, 0), definitions, problems);
        problems.forEach(p -> parent.stderr.println("hub quarantine replay: file not returned: " + p));
        if (returned.isEmpty()) {
            return 0;
        }
        Set<String> sources = new LinkedHashSet<>();
        returned.forEach(r -> sources.add(r.entry().source()));
        for (String id : sources) {
            SourceRun.once(SourceCatalogs.find(mappings, id).orElseThrow(), driver, writer, settings.batchSize(),
                    new IngestProgress(parent.stdout, false), Duration.ofSeconds(timeoutSeconds));
        }
        List<FailedFiles.Returned> failing = FailedFiles.settle(returned, store, since);
        parent.stdout.printf("files: %d returned from .failed/ and read again, %d failed again%n", returned.size(), failing.size());
        failing.forEach(f -> parent.stderr.println("hub quarantine replay: " + f.directory().resolve(f.name())
                + " failed again and is back in .failed/; `hub quarantine show " + QuarantineCommand.shortId(f.entry().uid()) + "`"));
        return failing.isEmpty() ? 0 : 1;
    }

    /**
     * @param file JSON Lines, each with {@code "id"} and an object under {@code "raw"} or {@code "values"}
     * @return corrected values by quarantine id
     * @throws IllegalArgumentException naming the file and line of a line that is not such an object
     * @throws IOException              if the file cannot be read
     */
    static Map<String, Map<String, Object>> readCorrections(Path file) throws IOException {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            if (text.isEmpty()) {
                continue;
            }
            String where = file + " line " + (i + 1) + ": ";
            Map<String, Object> line;
            try {
                line = Jsonl.object(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + e.getMessage(), e);
            }
            Object values = line.containsKey("values") ? line.get("values") : line.get("raw");
            if (!(line.get("id") instanceof String id) || !(values instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(where + "expected {\"id\": \"...\", \"raw\": {column: value, ...}}");
            }
            Map<String, Object> v = new LinkedHashMap<>();
            map.forEach((k, x) -> v.put(String.valueOf(k), x));
            out.put(id, v);
        }
        return out;
    }
}

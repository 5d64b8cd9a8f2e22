package org.jiedao.hub.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.jiedao.hub.graph.server.Neo4jConnection;
import org.jiedao.hub.graph.write.QuarantineStore;
import org.jiedao.hub.graph.write.QuarantineStore.Entry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code hub quarantine export [--source ID] [--all] > bad.jsonl}: the entries as JSON Lines on standard output, one
 * object per entry: {@code {"id", "source", "location", "reason", "raw": {column: value, ...}}} (and
 * {@code "resolvedAt"}, {@code "recordUid"} for resolved entries with {@code --all}). Fix the values under
 * {@code raw} and give the file to {@code hub quarantine replay --corrections}. The count goes to standard error.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write quarantined records as JSON Lines (id, source, location, reason, raw values) to standard output.")
final class QuarantineExportCommand implements Callable<Integer> {
    @ParentCommand
    QuarantineCommand parent;

    @Option(names = "--source", description = "only this source id")
    String source;

    @Option(names = "--all", description = "also resolved entries")
    boolean all;

    @Override
    public Integer call() {
        try (Neo4jConnection neo4j = parent.connect()) {
            List<Entry> entries = new QuarantineStore(neo4j.driver()).list(source, all, 0);
            for (Entry e : entries) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("id", e.uid());
                line.put("source", e.source());
                line.put("location", e.location());
                line.put("reason", e.reason());
                line.put("raw", Jsonl.object(e.raw()));
                if (e.resolved()) {
                    line.put("resolvedAt", e.resolvedAt().toString());
                    line.put("recordUid", e.recordUid());
                }
                parent.stdout.println(Jsonl.line(line));
            }
            parent.stdout.flush();
            parent.stderr.printf("%d quarantined record(s) exported%n", entries.size());
            return 0;
        }
    }
}

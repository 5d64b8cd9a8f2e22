package org.jiedao.hub.app;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.jiedao.hub.graph.server.Neo4jConnection;
import org.jiedao.hub.graph.write.QuarantineStore;
import org.jiedao.hub.graph.write.QuarantineStore.Entry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code hub quarantine show <id>}: one entry in full: source, location, reason, when it was quarantined, whether and
 * as which record it was resolved, and its raw values one per line (and the corrected values last replayed).
 * Exit status 1 if no entry has that id, 2 if the id is too short or matches several entries.
 */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show one quarantined record: source, location, reason, time, raw values.")
final class QuarantineShowCommand implements Callable<Integer> {
    @ParentCommand
    QuarantineCommand parent;

    @Parameters(index = "0", paramLabel = "<id>", description = "the entry's id as list prints it, or any unique start of it")
    String id;

    @Override
    public Integer call() {
        try (Neo4jConnection neo4j = parent.connect()) {
            Optional<Entry> found;
            try {
                found = new QuarantineStore(neo4j.driver()).find(id);
            } catch (IllegalArgumentException e) {
                parent.stderr.println("hub quarantine show: " + e.getMessage());
                return 2;
            }
            if (found.isEmpty()) {
                parent.stderr.println("hub quarantine show: no quarantine entry '" + id + "'; `hub quarantine list --all` lists them");
                return 1;
            }
            Entry e = found.get();
            var out = parent.stdout;
            out.printf("%-12s %s%n", "id", e.uid());
            out.printf("%-12s %s%n", "source", e.source());
            out.printf("%-12s %s%n", "location", e.location());
            out.printf("%-12s %s%n", "reason", e.reason());
            out.printf("%-12s %s%n", "quarantined", e.quarantinedAt() == null ? "-" : e.quarantinedAt());
            out.printf("%-12s %s%n", "status", e.resolved()
                    ? "resolved " + e.resolvedAt() + (e.recordUid() == null ? " (file read again)" : " as record " + e.recordUid())
                    : "unresolved" + (e.replayedAt() == null ? "" : ", last replayed " + e.replayedAt()));
            values(out, "raw values", e.raw());
            if (e.correctedRaw() != null) {
                values(out, "corrected values", e.correctedRaw());
            }
            return 0;
        }
    }

    private static void values(java.io.PrintStream out, String title, String json) {
        out.println(title + ":");
        Map<String, Object> values = Jsonl.object(json);
        int width = values.keySet().stream().mapToInt(Jsonl::displayWidth).max().orElse(0);
        values.forEach((k, v) -> out.println("  " + k + " ".repeat(width - Jsonl.displayWidth(k) + 2) + (v == null ? "(empty)" : v)));
    }
}

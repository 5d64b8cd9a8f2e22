package org.jiedao.hub.app;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.jiedao.hub.graph.server.Neo4jConnection;
import org.jiedao.hub.graph.write.QuarantineStore;
import org.jiedao.hub.graph.write.QuarantineStore.Entry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hub quarantine [list|show|export|replay]}: the quarantined records, their review and their replay. Plain
 * {@code hub quarantine [--source ID] [--limit N] [--all]} lists, as {@code list} does. Every subcommand connects to
 * {@code NEO4J_URI} if set, else starts the embedded Neo4j on the data directory.
 *
 * <p>List lines are tab-separated: short id (source and the first 12 hex digits of the entry's hash, which
 * {@code show} accepts), source, location, reason, and for resolved entries (with {@code --all}) when and as which
 * record. Exit status 2 when {@code --source} names a source without records or quarantine entries.
 */
@Command(name = "quarantine", mixinStandardHelpOptions = true,
        description = "Quarantined records: list (the default), show, export, replay.",
        subcommands = {QuarantineCommand.ListCommand.class, QuarantineShowCommand.class, QuarantineExportCommand.class,
                QuarantineReplayCommand.class})
final class QuarantineCommand implements Callable<Integer> {
    @Option(names = "--source", description = "only this source id")
    String source;

    @Option(names = "--limit", description = "at most this many (default: ${DEFAULT-VALUE})")
    int limit = 100;

    @Option(names = "--all", description = "also resolved entries (kept for audit)")
    boolean all;

    /** Environment the settings are read from (tests point NEO4J_URI at their server). */
    Map<String, String> env = System.getenv();
    /** Where results go. */
    PrintStream stdout = System.out;
    /** Where errors and counts go. */
    PrintStream stderr = System.err;

    /** {@code hub quarantine list}: the same as plain {@code hub quarantine}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List quarantined records: id, source, location, reason.")
    static final class ListCommand implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        QuarantineCommand parent;

        @Option(names = "--source", description = "only this source id")
        String source;

        @Option(names = "--limit", description = "at most this many (default: ${DEFAULT-VALUE})")
        int limit = 100;

        @Option(names = "--all", description = "also resolved entries (kept for audit)")
        boolean all;

        @Override
        public Integer call() {
            return parent.list(source, limit, all);
        }
    }

    @Override
    public Integer call() {
        return list(source, limit, all);
    }

    /** Opens the connection the settings say. */
    Neo4jConnection connect() {
        HubSettings settings = HubSettings.fromEnvironment(env);
        return Neo4jConnection.fromEnvironment(settings.env(), settings.embeddedNeo4j());
    }

    private int list(String source, int limit, boolean all) {
        try (Neo4jConnection neo4j = connect()) {
            QuarantineStore store = new QuarantineStore(neo4j.driver());
            List<Entry> entries = store.list(source, all, limit);
            for (Entry e : entries) {
                stdout.printf("%s\t%s\t%s\t%s%s%n", shortId(e.uid()), e.source(), e.location(), e.reason(),
                        e.resolved() ? "\tresolved " + e.resolvedAt() + (e.recordUid() == null ? "" : " as " + e.recordUid()) : "");
            }
            stderr.printf("%d %squarantined record(s) shown%n", entries.size(), all ? "" : "unresolved ");
            if (source != null && entries.isEmpty()) {
                List<String> known = store.knownSources();
                if (!known.contains(source)) {
                    stderr.println("hub quarantine: no source '" + source + "' has written or quarantined records; sources: "
                            + String.join(", ", known));
                    return 2;
                }
            }
            return 0;
        }
    }

    /**
     * @param uid a quarantine uid, {@code <source>:<64 hex>}
     * @return the source and the first 12 hex digits, enough to tell entries apart for {@code show}
     */
    static String shortId(String uid) {
        int colon = uid.lastIndexOf(':');
        return colon < 0 || uid.length() < colon + 13 ? uid : uid.substring(0, colon + 13);
    }
}

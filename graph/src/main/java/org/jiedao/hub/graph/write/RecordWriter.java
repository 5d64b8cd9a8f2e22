package org.jiedao.hub.graph.write;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jiedao.hub.graph.feed.ChangeFeed;
import org.jiedao.hub.graph.feed.EntityChange;
import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.RelationshipType;
import org.jiedao.hub.ontology.assertion.NodeAssertion;
import org.jiedao.hub.ontology.assertion.RecordAssertions;
import org.jiedao.hub.ontology.assertion.RelationshipAssertion;
import org.jiedao.hub.ontology.assertion.WriteMode;
import org.neo4j.driver.Driver;
import org.neo4j.driver.TransactionContext;

/**
 * The batched graph writer (DESIGN.md, decisions 2 and 6). A batch of records is written in one transaction as a
 * few {@code UNWIND $rows ... MERGE} statements grouped by label and relationship type, keyed on the ontology's
 * keys, so the same person arriving from three sources is one node. Each record becomes a {@code SourceRecord}
 * node linked to what it asserts, and every relationship lists the records that asserted it in
 * {@code sources}. Records whose content hash is already stored are skipped, so a re-run changes nothing.
 * Quarantined records of the batch are stored in the same transaction: a batch lands whole or not at all.
 *
 * <p>Thread-safe. Every batch runs in a managed transaction ({@code session.executeWrite}), never an auto-commit
 * {@code session.run}: the driver retries the whole batch after a transient failure (deadlock, leader switch) with
 * exponential backoff for up to the driver's max transaction retry time (see
 * {@link org.jiedao.hub.graph.server.Neo4jConnection#ENV_MAX_RETRY_SECONDS}). A retry re-reads which records are
 * unchanged, so it writes exactly what the failed attempt would have. Keyed nodes are only ever {@code MERGE}d on
 * keys that carry uniqueness constraints ({@link org.jiedao.hub.graph.schema.GraphSchema}), so concurrent writers
 * (threads or processes) cannot create duplicates.
 *
 * <p>Built with a {@link ChangeFeed}, the writer publishes one {@link EntityChange} per node a written record
 * asserted (reference-only nodes excepted) after its batch has committed; a batch that fails publishes nothing.
 */
public final class RecordWriter {
    /**
     * The label of a provisional node (a record without the type's key, e.g. a caller without an ID number) until
     * entity resolution decides it.
     */
    public static final String UNRESOLVED = WriteStatements.UNRESOLVED;

    private final Driver driver;
    private final WriteStatements statements;
    private final Ontology ontology;
    private final AtomicLong retried = new AtomicLong();
    private final ChangeFeed changes;

    /** @param driver the hub's driver; labels and keys come from the bundled ontology */
    public RecordWriter(Driver driver) {
        this(driver, Ontology.bundled());
    }

    /**
     * @param driver   the hub's driver
     * @param ontology the ontology whose labels, keys and class hierarchy the statements use
     */
    public RecordWriter(Driver driver, Ontology ontology) {
        this(driver, ontology, null);
    }

    /**
     * @param driver   the hub's driver
     * @param ontology the ontology whose labels, keys and class hierarchy the statements use
     * @param changes  where to publish the entity changes of each committed batch, or null to publish none
     */
    public RecordWriter(Driver driver, Ontology ontology, ChangeFeed changes) {
        this.driver = driver;
        this.statements = new WriteStatements(ontology);
        this.ontology = ontology;
        this.changes = changes;
    }

    /**
     * @param records     records to write, each whole or not at all with the batch
     * @param quarantined records of the same batch that failed validation
     * @return counts of written, unchanged and quarantined records
     * @throws org.neo4j.driver.exceptions.Neo4jException if the database refuses the batch (nothing is written)
     */
    public WriteSummary write(List<RecordAssertions> records, List<Quarantined> quarantined) {
        if (records.isEmpty() && quarantined.isEmpty()) {
            return WriteSummary.EMPTY;
        }
        AtomicInteger attempts = new AtomicInteger();
        Outcome outcome;
        try (var session = driver.session()) {
            outcome = session.executeWrite(tx -> {
                if (attempts.getAndIncrement() > 0) {
                    retried.incrementAndGet();
                }
                return writeInTransaction(tx, records, quarantined);
            });
        }
        // executeWrite has returned: the batch is committed (a failed one threw and published nothing)
        if (changes != null && !outcome.changed().isEmpty()) {
            java.time.Instant at = java.time.Instant.now();
            changes.publish(outcome.changed().stream().map(c -> c.at(at)).toList());
        }
        return outcome.summary();
    }

    /** What one attempt of a batch wrote: its counts and the nodes it changed (time set after the commit). */
    private record Outcome(WriteSummary summary, List<Changed> changed) {
    }

    /** A node a written record asserted, and what its statement did. */
    private record Changed(String label, String key, EntityChange.Kind kind, String source, String recordKey) {
        EntityChange at(java.time.Instant at) {
            return new EntityChange(label, key, kind, source, recordKey, at);
        }
    }

    /**
     * How many times a batch transaction of this writer was run again after a transient failure (a deadlock with
     * another writer, a leader switch); each such batch still ended committed or its error was thrown.
     *
     * @return retries since this writer was made, 0 or more
     */
    public long retriedTransactions() {
        return retried.get();
    }

    private Outcome writeInTransaction(TransactionContext tx, List<RecordAssertions> all, List<Quarantined> quarantined) {
        List<RecordAssertions> records = changedOnly(tx, all);
        Map<String, List<Map<String, Object>>> nodeRows = new LinkedHashMap<>();
        Map<String, NodeType> nodeTypes = new LinkedHashMap<>();
        Map<String, WriteMode> nodeModes = new LinkedHashMap<>();
        Map<String, Set<String>> nodeNames = new LinkedHashMap<>();
        Map<String, Boolean> nodeProvisional = new LinkedHashMap<>();
        Map<String, List<Changed>> nodeChanges = new LinkedHashMap<>();
        Map<String, List<Map<String, Object>>> relRows = new LinkedHashMap<>();
        Map<String, Object[]> relTypes = new LinkedHashMap<>();
        Map<String, List<Map<String, Object>>> linkRows = new LinkedHashMap<>();
        Map<String, Object[]> linkTypes = new LinkedHashMap<>();
        List<Map<String, Object>> recordRows = new ArrayList<>();

        for (RecordAssertions r : records) {
            String uid = r.record().uid();
            Map<String, Object> recordRow = new LinkedHashMap<>();
            recordRow.put("uid", uid);
            recordRow.put("source", r.record().source());
            recordRow.put("recordKey", r.record().recordKey());
            recordRow.put("location", r.record().location());
            recordRow.put("hash", r.record().contentHash());
            recordRow.put("data", r.record().data());
            recordRows.add(recordRow);
            for (NodeAssertion n : r.nodes()) {
                String eid = n.type().resolved() ? org.jiedao.hub.ontology.assertion.EntityIds.of(uid, n.alias()) : "";
                if (n.mode() != WriteMode.REFERENCE) {
                    // one statement per type, mode, key kind and set of property names (see WriteStatements.mergeNodes)
                    Set<String> names = new TreeSet<>(n.properties().keySet());
                    String group = n.type().label() + ":" + n.mode() + ":" + n.provisional() + ":" + names;
                    nodeTypes.put(group, n.type());
                    nodeModes.put(group, n.mode());
                    nodeNames.put(group, names);
                    nodeProvisional.put(group, n.provisional());
                    nodeRows.computeIfAbsent(group, g -> new ArrayList<>())
                            .add(Map.of("key", n.key(), "props", n.properties(), "eid", eid));
                    nodeChanges.computeIfAbsent(group, g -> new ArrayList<>()).add(new Changed(n.type().label(),
                            String.valueOf(n.key()), null, r.record().source(), r.record().recordKey()));
                }
                if (n.mode() != WriteMode.REFERENCE || n.primary()) {
                    Set<String> names = n.type().resolved() ? new TreeSet<>(n.properties().keySet()) : Set.of();
                    String group = n.type().label() + ":" + n.primary() + ":" + n.provisional() + ":" + names;
                    linkTypes.put(group, new Object[] {n.type(), n.primary(), n.provisional(), names});
                    String rule = n.provisional() ? "provisional" : "deterministic:" + n.type().key().name();
                    linkRows.computeIfAbsent(group, g -> new ArrayList<>()).add(Map.of("uid", uid, "key", n.key(),
                            "rule", rule, "alias", n.alias(), "props", n.properties()));
                }
            }
            for (RelationshipAssertion rel : r.relationships()) {
                NodeAssertion from = r.node(rel.fromAlias()).orElseThrow();
                NodeAssertion to = r.node(rel.toAlias()).orElseThrow();
                Set<String> names = new TreeSet<>(rel.properties().keySet());
                String group = rel.type().type() + ":" + from.type().label() + ":" + to.type().label() + ":" + names
                        + ":" + from.provisional() + ":" + to.provisional();
                relTypes.put(group, new Object[] {rel.type(), from.type(), to.type(), names, from.provisional(), to.provisional()});
                relRows.computeIfAbsent(group, g -> new ArrayList<>())
                        .add(Map.of("from", from.key(), "to", to.key(), "uid", uid, "props", rel.properties()));
            }
        }
        // Every writer takes its locks in the same order (label, then key), so that concurrent writers seldom
        // deadlock: statements by merge label, rows by key (stable, so repeated keys keep their batch order). For
        // one label, authoritative values come first, then fills, so that within a batch the authoritative source wins.
        Comparator<String> nodeOrder = Comparator.<String, String>comparing(g -> ontology.mergeType(nodeTypes.get(g)).label())
                .thenComparingInt(g -> nodeModes.get(g).ordinal()).thenComparing(Comparator.naturalOrder());
        Map<List<String>, Changed> changed = new LinkedHashMap<>();
        nodeRows.keySet().stream().sorted(nodeOrder).forEach(g -> {
            List<Map<String, Object>> rows = sortedBy(nodeRows.get(g), "key");
            int created = run(tx, statements.mergeNodes(nodeTypes.get(g), nodeModes.get(g), nodeNames.get(g), nodeProvisional.get(g)), rows)
                    .counters().nodesCreated();
            // per statement: none created -> all updated; as many created as distinct keys -> all new; else either
            long keys = rows.stream().map(row -> String.valueOf(row.get("key"))).distinct().count();
            EntityChange.Kind kind = created == 0 ? EntityChange.Kind.UPDATED
                    : created == keys ? EntityChange.Kind.CREATED : EntityChange.Kind.UPSERTED;
            for (Changed c : nodeChanges.get(g)) {
                changed.putIfAbsent(java.util.Arrays.asList(c.label(), c.key(), c.source(), c.recordKey()),
                        new Changed(c.label(), c.key(), kind, c.source(), c.recordKey()));
            }
        });
        new TreeMap<>(relRows).forEach((g, unsorted) -> {
            List<Map<String, Object>> rows = sortedBy(unsorted, "from", "to");
            Object[] t = relTypes.get(g);
            @SuppressWarnings("unchecked")
            Set<String> names = (Set<String>) t[3];
            run(tx, statements.mergeRelationships((RelationshipType) t[0], (NodeType) t[1], (NodeType) t[2], names,
                    (Boolean) t[4], (Boolean) t[5]), rows);
        });
        run(tx, statements.mergeRecords(), sortedBy(recordRows, "uid"));
        new TreeMap<>(linkRows).forEach((g, rows) -> {
            Object[] t = linkTypes.get(g);
            @SuppressWarnings("unchecked")
            Set<String> names = (Set<String>) t[3];
            run(tx, statements.linkRecords((NodeType) t[0], (Boolean) t[1], (Boolean) t[2], names), sortedBy(rows, "key", "uid"));
        });
        List<Map<String, Object>> qRows = quarantined.stream().map(q -> Map.<String, Object>of("uid", q.uid(),
                "source", q.source(), "location", q.location(), "reason", q.reason(), "raw", q.raw())).toList();
        run(tx, statements.mergeQuarantined(), qRows);
        return new Outcome(new WriteSummary(records.size(), all.size() - records.size(), quarantined.size()),
                List.copyOf(changed.values()));
    }

    private List<RecordAssertions> changedOnly(TransactionContext tx, List<RecordAssertions> all) {
        if (all.isEmpty()) {
            return all;
        }
        List<Map<String, Object>> rows = all.stream()
                .map(r -> Map.<String, Object>of("uid", r.record().uid(), "hash", r.record().contentHash())).toList();
        Set<String> unchanged = new HashSet<>(tx.run(statements.unchangedRecords(), Map.of(WriteStatements.ROWS, rows))
                .list(rec -> rec.get("uid").asString()));
        // The same record twice in one batch (a file listing a row twice) is written once.
        Set<String> seen = new HashSet<>();
        return all.stream().filter(r -> !unchanged.contains(r.record().uid()) && seen.add(r.record().uid())).toList();
    }

    /** The rows in the order of the given string fields (a stable sort). */
    private static List<Map<String, Object>> sortedBy(List<Map<String, Object>> rows, String... fields) {
        Comparator<Map<String, Object>> order = Comparator.comparing(r -> String.valueOf(r.get(fields[0])));
        for (int i = 1; i < fields.length; i++) {
            String f = fields[i];
            order = order.thenComparing(r -> String.valueOf(r.get(f)));
        }
        List<Map<String, Object>> sorted = new ArrayList<>(rows);
        sorted.sort(order);
        return sorted;
    }

    /** Runs a statement over its rows; the rows are never empty here for nodes. */
    private static org.neo4j.driver.summary.ResultSummary run(TransactionContext tx, String cypher, List<Map<String, Object>> rows) {
        if (!rows.isEmpty()) {
            return tx.run(cypher, Map.of(WriteStatements.ROWS, rows)).consume();
        }
        return null;
    }
}

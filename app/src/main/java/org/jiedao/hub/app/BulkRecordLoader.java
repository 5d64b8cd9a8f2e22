package org.jiedao.hub.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.RelationshipType;
import org.jiedao.hub.ontology.assertion.EntityIds;
import org.jiedao.hub.ontology.assertion.NodeAssertion;
import org.jiedao.hub.ontology.assertion.RecordAssertions;
import org.jiedao.hub.ontology.assertion.RelationshipAssertion;
import org.jiedao.hub.ontology.assertion.WriteMode;
import org.neo4j.cypherdsl.core.Cypher;
import org.neo4j.cypherdsl.core.Expression;
import org.neo4j.cypherdsl.core.Node;
import org.neo4j.cypherdsl.core.Relationship;
import org.neo4j.cypherdsl.core.SymbolicName;
import org.neo4j.cypherdsl.core.renderer.Renderer;
import org.neo4j.driver.Driver;

/**
 * Loads records into a graph that holds none of their entities yet, creating the shape the
 * {@link org.jiedao.hub.graph.write.RecordWriter} would (DESIGN.md, decision 2), several times faster: entities keyed
 * on their merge type's label and key with all their labels, properties combined as the writer combines them
 * (authoritative values win, fills only fill), one relationship per type and ends with the uids of every record that
 * asserted it in {@code sources}, one {@code SourceRecord} per record with its provenance, linked
 * {@code RESOLVES_TO} (rule, score 1.0, decidedAt) to the node it is about and {@code MENTIONS} to the others.
 *
 * <p>The records are combined in memory first, then written with {@code UNWIND $rows ... CREATE} statements built
 * with Cypher-DSL (only ontology names in the text, values as parameters), {@code batchSize} rows per transaction,
 * several transactions at once.
 * Ends in {@code REFERENCE} mode (division codes) must already be in the graph; a relationship whose end is missing
 * is skipped, as the writer skips it. A {@code CREATE} of a key that exists fails on its uniqueness constraint, so
 * this is for an empty graph only; the writer is the incremental path.
 */
final class BulkRecordLoader {
    private static final Renderer RENDERER = Renderer.getDefaultRenderer();
    private static final String ROWS = "rows";

    private final Driver driver;
    private final Ontology ontology;
    private final int batchSize;
    private final int threads;

    /** One entity: its merge type, key, labels and combined properties. */
    private record Entity(NodeType mergeType, Object key, Set<String> labels, Map<String, Object> props) {
    }

    /** One relationship: its type, ends, properties and asserting records. */
    private record Rel(RelationshipType type, NodeType from, Object fromKey, NodeType to, Object toKey,
                       Map<String, Object> props, List<String> sources) {
    }

    /**
     * @param driver    the hub's driver
     * @param ontology  the ontology (labels, keys, merge types)
     * @param batchSize rows per transaction
     * @param threads   transactions at once (1 or more)
     */
    BulkRecordLoader(Driver driver, Ontology ontology, int batchSize, int threads) {
        this.driver = driver;
        this.ontology = ontology;
        this.batchSize = batchSize;
        this.threads = threads;
    }

    /**
     * @param records records whose entities are not in the graph yet (in the order the writer would have seen them)
     * @return the number of records written
     * @throws org.neo4j.driver.exceptions.Neo4jException if a statement fails, for example on a key already stored
     */
    long load(List<RecordAssertions> records) {
        Map<String, Entity> entities = new LinkedHashMap<>();
        Map<String, Rel> rels = new LinkedHashMap<>();
        List<Map<String, Object>> recordRows = new ArrayList<>();
        Map<String, List<Map<String, Object>>> links = new LinkedHashMap<>();
        for (RecordAssertions r : records) {
            String uid = r.record().uid();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("uid", uid);
            row.put("source", r.record().source());
            row.put("recordKey", r.record().recordKey());
            row.put("location", r.record().location());
            row.put("hash", r.record().contentHash());
            row.put("data", r.record().data());
            recordRows.add(row);
            for (NodeAssertion n : r.nodes()) {
                NodeType merge = ontology.mergeType(n.type());
                if (n.provisional()) {
                    throw new IllegalArgumentException("record " + uid + ": the bulk loader writes keyed nodes only, not a"
                            + " provisional " + n.type().label() + " (use the record writer)");
                }
                if (n.mode() != WriteMode.REFERENCE) {
                    Entity e = entities.computeIfAbsent(merge.label() + "\u0000" + n.key(), k -> {
                        Entity created = new Entity(merge, n.key(), new LinkedHashSet<>(), new LinkedHashMap<>());
                        if (merge.resolved()) {
                            // as the record writer: the entity id of the record that created the node
                            created.props().put(merge.entityKey().name(), EntityIds.of(uid, n.alias()));
                        }
                        return created;
                    });
                    e.labels().addAll(ontology.labels(n.type()));
                    n.properties().forEach((name, value) -> {
                        if (!name.equals(merge.key().name()) && value != null
                                && (n.mode() == WriteMode.AUTHORITATIVE || !e.props().containsKey(name))) {
                            e.props().put(name, value);
                        }
                    });
                }
                if (n.mode() != WriteMode.REFERENCE || n.primary()) {
                    // a resolved type's links also carry the alias and what the record asserted (as the writer's)
                    String names = merge.resolved() ? String.join(",", new TreeSet<>(n.properties().keySet())) : "";
                    links.computeIfAbsent(merge.label() + "\u0000" + n.primary() + "\u0000" + names, k -> new ArrayList<>())
                            .add(Map.of("uid", uid, "key", n.key(), "rule", "deterministic:" + n.type().key().name(),
                                    "alias", n.alias(), "props", n.properties()));
                }
            }
            for (RelationshipAssertion a : r.relationships()) {
                NodeAssertion from = r.node(a.fromAlias()).orElseThrow();
                NodeAssertion to = r.node(a.toAlias()).orElseThrow();
                NodeType f = ontology.mergeType(from.type());
                NodeType t = ontology.mergeType(to.type());
                Rel rel = rels.computeIfAbsent(a.type().type() + "\u0000" + f.label() + "\u0000" + from.key() + "\u0000"
                                + t.label() + "\u0000" + to.key(),
                        k -> new Rel(a.type(), f, from.key(), t, to.key(), new LinkedHashMap<>(), new ArrayList<>()));
                a.properties().forEach((name, value) -> {
                    if (value != null) {
                        rel.props().put(name, value);
                    }
                });
                if (!rel.sources().contains(uid)) {
                    rel.sources().add(uid);
                }
            }
        }
        writeEntities(entities);
        writeRelationships(rels);
        batches(recordsStatement(), recordRows);
        links.forEach((group, rows) -> {
            String[] parts = group.split("\u0000", -1);
            List<String> names = parts[2].isEmpty() ? List.of() : List.of(parts[2].split(","));
            batches(linkStatement(parts[0], Boolean.parseBoolean(parts[1]), names), rows);
        });
        return records.size();
    }

    private void writeEntities(Map<String, Entity> entities) {
        // one statement per merge label and set of labels and property names
        Map<String, List<Entity>> groups = new LinkedHashMap<>();
        entities.values().forEach(e -> groups.computeIfAbsent(e.mergeType().label() + e.labels() + new TreeSet<>(e.props().keySet()),
                k -> new ArrayList<>()).add(e));
        for (List<Entity> group : groups.values()) {
            Entity first = group.getFirst();
            List<String> names = new ArrayList<>(new TreeSet<>(first.props().keySet()));
            SymbolicName row = Cypher.name("row");
            List<String> labels = new ArrayList<>(first.labels());
            labels.remove(first.mergeType().label());
            Node n = Cypher.node(first.mergeType().label(), labels).named("n")
                    .withProperties(first.mergeType().key().name(), Cypher.property(row, "key"));
            var create = Cypher.unwind(Cypher.parameter(ROWS)).as(row).create(n);
            String statement;
            if (names.isEmpty()) {
                statement = RENDERER.render(create.build());
            } else {
                List<Expression> sets = new ArrayList<>();
                names.forEach(name -> {
                    sets.add(n.property(name));
                    sets.add(Cypher.property(row, "props", name));
                });
                statement = RENDERER.render(create.set(sets.toArray(Expression[]::new)).build());
            }
            batches(statement, group.stream().map(e -> Map.<String, Object>of("key", e.key(), "props", e.props())).toList());
        }
    }

    private void writeRelationships(Map<String, Rel> rels) {
        Map<String, List<Rel>> groups = new LinkedHashMap<>();
        rels.values().forEach(r -> groups.computeIfAbsent(r.type().type() + ":" + r.from().label() + ":" + r.to().label() + ":"
                + new TreeSet<>(r.props().keySet()), k -> new ArrayList<>()).add(r));
        for (List<Rel> group : groups.values()) {
            Rel first = group.getFirst();
            SymbolicName row = Cypher.name("row");
            Node a = Cypher.node(first.from().label()).named("a").withProperties(first.from().key().name(), Cypher.property(row, "from"));
            Node b = Cypher.node(first.to().label()).named("b").withProperties(first.to().key().name(), Cypher.property(row, "to"));
            Relationship r = a.relationshipTo(b, first.type().type()).named("r");
            List<Expression> sets = new ArrayList<>();
            new TreeSet<>(first.props().keySet()).forEach(name -> {
                sets.add(r.property(name));
                sets.add(Cypher.property(row, "props", name));
            });
            sets.add(r.property("sources"));
            sets.add(Cypher.property(row, "sources"));
            String statement = RENDERER.render(Cypher.unwind(Cypher.parameter(ROWS)).as(row).match(a).match(b).create(r)
                    .set(sets.toArray(Expression[]::new)).build());
            batches(statement, group.stream().map(x -> Map.<String, Object>of("from", x.fromKey(), "to", x.toKey(),
                    "props", x.props(), "sources", x.sources())).toList());
        }
    }

    /** Rows {@code {uid, source, recordKey, location, hash, data}}, as the writer stores a record. */
    private static String recordsStatement() {
        SymbolicName row = Cypher.name("row");
        Node rec = Cypher.node("SourceRecord").named("rec").withProperties("uid", Cypher.property(row, "uid"));
        return RENDERER.render(Cypher.unwind(Cypher.parameter(ROWS)).as(row).create(rec)
                .set(rec.property("source"), Cypher.property(row, "source"),
                        rec.property("recordKey"), Cypher.property(row, "recordKey"),
                        rec.property("location"), Cypher.property(row, "location"),
                        rec.property("contentHash"), Cypher.property(row, "hash"),
                        rec.property("data"), Cypher.property(row, "data"),
                        rec.property("ingestedAt"), Cypher.raw("datetime.transaction()"),
                        rec.property("firstIngestedAt"), Cypher.raw("datetime.transaction()"))
                .build());
    }

    /**
     * Rows {@code {uid, key, rule, alias, props}}: RESOLVES_TO (rule, score, decidedAt) for the primary node, else
     * MENTIONS; for a resolved type (Person) both kinds carry rule, score, decision time, the alias and
     * {@code asserted.<name>} for each asserted property, as the record writer's links do.
     */
    private String linkStatement(String mergeLabel, boolean primary, List<String> asserted) {
        NodeType type = ontology.nodeTypes().stream().filter(t -> t.label().equals(mergeLabel)).findFirst().orElseThrow();
        SymbolicName row = Cypher.name("row");
        Node rec = Cypher.node("SourceRecord").named("rec").withProperties("uid", Cypher.property(row, "uid"));
        Node e = Cypher.node(mergeLabel).named("e").withProperties(type.key().name(), Cypher.property(row, "key"));
        Relationship l = rec.relationshipTo(e, primary ? "RESOLVES_TO" : "MENTIONS").named("l");
        var create = Cypher.unwind(Cypher.parameter(ROWS)).as(row).match(rec).match(e).create(l);
        if (!primary && !type.resolved()) {
            return RENDERER.render(create.build());
        }
        List<Expression> sets = new ArrayList<>(List.of(l.property("rule"), Cypher.property(row, "rule"),
                l.property("score"), Cypher.literalOf(1.0), l.property("decidedAt"), Cypher.raw("datetime.transaction()")));
        if (type.resolved()) {
            sets.add(l.property("alias"));
            sets.add(Cypher.property(row, "alias"));
            for (String name : asserted) {
                sets.add(l.property("asserted." + name));
                sets.add(Cypher.property(row, "props", name));
            }
        }
        return RENDERER.render(create.set(sets.toArray(Expression[]::new)).build());
    }

    /** Runs the statement over the rows, {@code batchSize} rows per transaction, {@code threads} transactions at once. */
    private void batches(String statement, List<Map<String, Object>> rows) {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int from = 0; from < rows.size(); from += batchSize) {
                List<Map<String, Object>> batch = rows.subList(from, Math.min(rows.size(), from + batchSize));
                done.add(pool.submit(() -> {
                    try (var session = driver.session()) {
                        // a deadlock between two batches linking the same node is transient: executeWrite retries it
                        session.executeWrite(tx -> tx.run(statement, Map.of(ROWS, batch)).consume());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
    }
}

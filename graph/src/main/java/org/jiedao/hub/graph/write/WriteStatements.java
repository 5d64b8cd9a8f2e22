package org.jiedao.hub.graph.write;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.RelationshipType;
import org.jiedao.hub.ontology.assertion.WriteMode;
import org.neo4j.cypherdsl.core.Cypher;
import org.neo4j.cypherdsl.core.Expression;
import org.neo4j.cypherdsl.core.Node;
import org.neo4j.cypherdsl.core.Relationship;
import org.neo4j.cypherdsl.core.Statement;
import org.neo4j.cypherdsl.core.SymbolicName;
import org.neo4j.cypherdsl.core.renderer.Renderer;

/**
 * The parameterised {@code UNWIND $rows ... MERGE} statements of the batched writer, built with Cypher-DSL from
 * ontology names (labels, keys, relationship types) and cached. Every value travels as a parameter; each
 * statement takes one parameter {@code rows}, a list of maps whose shape each method documents.
 */
final class WriteStatements {
    /**
     * The time a change is stamped with: the transaction's ({@code datetime.transaction()}), so that every statement of
     * one write stamps the same instant and a change feed's window never splits one write (Cypher Manual, "Temporal
     * functions: clocks").
     */
    private static final Expression TRANSACTION_TIME = Cypher.raw("datetime.transaction()");

    static final String ROWS = "rows";
    private static final Renderer RENDERER = Renderer.getDefaultRenderer();
    private final Map<String, String> cache = new ConcurrentHashMap<>();
    private final Ontology ontology;

    WriteStatements(Ontology ontology) {
        this.ontology = ontology;
    }

    /** The node pattern a node of this type is matched or merged with: its merge type's label and key. */
    private Node keyed(NodeType type, String variable, Expression key) {
        return keyed(type, variable, key, false);
    }

    /** As {@link #keyed(NodeType, String, Expression)}, on the type's entity key for a provisional node. */
    private Node keyed(NodeType type, String variable, Expression key, boolean provisional) {
        NodeType merge = ontology.mergeType(type);
        String property = provisional ? type.entityKey().name() : merge.key().name();
        return Cypher.node(merge.label()).named(variable).withProperties(property, key);
    }

    /**
     * The label a provisional node carries until entity resolution decides it (so that the resolver finds the
     * pending ones through the label's token index, not by scanning every node of the type).
     */
    public static final String UNRESOLVED = "Unresolved";

    /** The prefix of a record link's properties that hold what the record asserted about a resolved node. */
    static final String ASSERTED = "asserted.";

    /** Rows {@code {uid, hash}}; returns {@code uid} for records already stored with that content hash. */
    String unchangedRecords() {
        return cache.computeIfAbsent("unchanged", k -> {
            SymbolicName row = Cypher.name("row");
            Node rec = Cypher.node("SourceRecord").named("rec").withProperties("uid", Cypher.property(row, "uid"));
            return render(Cypher.unwind(Cypher.parameter(ROWS)).as(row)
                    .match(rec).where(rec.property("contentHash").isEqualTo(Cypher.property(row, "hash")))
                    .returning(Cypher.property(row, "uid").as("uid")).build());
        });
    }

    /**
     * Rows {@code {key, props}} where {@code props} holds exactly the properties {@code names} (values may be null):
     * MERGE on the type's key; {@code AUTHORITATIVE} sets every property given, {@code FILL} only those the node
     * lacks ({@code coalesce(n.p, row.props.p)}).
     *
     * <p>The properties are set one by one by name, never with {@code SET n += row.props}: a map of unknown
     * properties might hold the key that the next row's MERGE reads, so the planner would put an {@code Eager}
     * operator (materialising every row before writing) between the MERGE and the SET. The key itself is set by the
     * MERGE and never again.
     *
     * @param type  the asserted node type (its merge type's label and key are merged on, its other labels set)
     * @param mode  {@code AUTHORITATIVE} or {@code FILL}
     * @param names the property names the rows carry; the key's name is ignored
     */
    String mergeNodes(NodeType type, WriteMode mode, Collection<String> names) {
        return mergeNodes(type, mode, names, false);
    }

    /**
     * As {@link #mergeNodes(NodeType, WriteMode, Collection)}; for a resolved type (one with an entity key) the rows
     * also carry {@code eid}, the entity id set when the node is created, and a provisional node is merged on its
     * entity key ({@code key} is then the entity id).
     *
     * @param provisional whether the rows are provisional nodes (no key; merged on the entity key)
     */
    String mergeNodes(NodeType type, WriteMode mode, Collection<String> names, boolean provisional) {
        String keyName = provisional ? type.entityKey().name() : ontology.mergeType(type).key().name();
        List<String> props = settable(names, keyName).stream()
                .filter(n -> !type.resolved() || !n.equals(type.entityKey().name())).toList();
        return cache.computeIfAbsent("node:" + type.label() + ":" + mode + ":" + provisional + ":" + props, k -> {
            SymbolicName row = Cypher.name("row");
            Node n = keyed(type, "n", Cypher.property(row, "key"), provisional);
            List<String> extraLabels = ontology.labels(type).stream()
                    .filter(l -> !l.equals(ontology.mergeType(type).label())).toList();
            var merged = Cypher.unwind(Cypher.parameter(ROWS)).as(row).merge(n);
            var merge = type.resolved() && !provisional
                    ? merged.onCreate().set(n.property(type.entityKey().name()), Cypher.property(row, "eid"))
                    : provisional ? merged.onCreate().set(n, List.of(UNRESOLVED)) : merged;
            var labelled = extraLabels.isEmpty() ? merge : merge.set(n, extraLabels);
            if (props.isEmpty()) {
                return render(labelled.build());
            }
            List<Expression> sets = new ArrayList<>();
            for (String name : props) {
                Expression given = Cypher.property(row, "props", name);
                sets.add(n.property(name));
                sets.add(mode == WriteMode.AUTHORITATIVE ? given : Cypher.coalesce(n.property(name), given));
            }
            return render(labelled.set(sets.toArray(Expression[]::new)).build());
        });
    }

    /**
     * Rows {@code {from, to, uid, props}} where {@code props} holds exactly the properties {@code names}: both ends
     * matched by key (a missing end skips the row), the relationship merged, its properties set, and the asserting
     * record's uid added once to {@code sources}, all in one {@code SET} clause so that no {@code Eager} operator is
     * needed between clauses (see {@link #mergeNodes}).
     *
     * @param type  the relationship type
     * @param from  the type of the start node (matched on its merge type's label and key)
     * @param to    the type of the end node
     * @param names the relationship property names the rows carry ({@code sources} is reserved)
     */
    String mergeRelationships(RelationshipType type, NodeType from, NodeType to, Collection<String> names) {
        return mergeRelationships(type, from, to, names, false, false);
    }

    /**
     * As {@link #mergeRelationships(RelationshipType, NodeType, NodeType, Collection)}, with either end possibly a
     * provisional node (matched on its entity key).
     */
    String mergeRelationships(RelationshipType type, NodeType from, NodeType to, Collection<String> names,
                              boolean fromProvisional, boolean toProvisional) {
        List<String> props = settable(names, "sources");
        return cache.computeIfAbsent("rel:" + type.type() + ":" + from.label() + ":" + to.label() + ":" + props
                + ":" + fromProvisional + ":" + toProvisional, k -> {
            SymbolicName row = Cypher.name("row");
            Node a = keyed(from, "a", Cypher.property(row, "from"), fromProvisional);
            Node b = keyed(to, "b", Cypher.property(row, "to"), toProvisional);
            Relationship r = a.relationshipTo(b, type.type()).named("r");
            Expression sources = Cypher.coalesce(r.property("sources"), Cypher.listOf());
            Expression uid = Cypher.property(row, "uid");
            List<Expression> sets = new ArrayList<>();
            for (String name : props) {
                sets.add(r.property(name));
                sets.add(Cypher.property(row, "props", name));
            }
            sets.add(r.property("sources"));
            sets.add(Cypher.caseExpression().when(uid.in(sources)).then(sources).elseDefault(sources.add(Cypher.listOf(uid))));
            return render(Cypher.unwind(Cypher.parameter(ROWS)).as(row)
                    .match(a).match(b).merge(r)
                    .set(sets.toArray(Expression[]::new))
                    .build());
        });
    }

    /** The names to SET, sorted (one statement per set of names), without the one already written otherwise. */
    private static List<String> settable(Collection<String> names, String excluded) {
        return names.stream().filter(name -> !name.equals(excluded)).sorted().distinct().toList();
    }

    /**
     * Rows {@code {uid, source, recordKey, location, hash, data}}: the record nodes with their provenance;
     * {@code ingestedAt} is the time this content was written, {@code firstIngestedAt} the first time ever.
     */
    String mergeRecords() {
        return cache.computeIfAbsent("records", k -> {
            SymbolicName row = Cypher.name("row");
            Node rec = Cypher.node("SourceRecord").named("rec").withProperties("uid", Cypher.property(row, "uid"));
            return render(Cypher.unwind(Cypher.parameter(ROWS)).as(row).merge(rec)
                    .onCreate().set(rec.property("firstIngestedAt"), TRANSACTION_TIME)
                    .set(rec.property("source"), Cypher.property(row, "source"),
                            rec.property("recordKey"), Cypher.property(row, "recordKey"),
                            rec.property("location"), Cypher.property(row, "location"),
                            rec.property("contentHash"), Cypher.property(row, "hash"),
                            rec.property("data"), Cypher.property(row, "data"),
                            rec.property("ingestedAt"), TRANSACTION_TIME)
                    .build());
        });
    }

    /**
     * Rows {@code {uid, key, rule}}: links a record to a node it asserts, {@code RESOLVES_TO} (with rule, score
     * and decision time) for the node it is about, {@code MENTIONS} for the others.
     */
    String linkRecords(NodeType type, boolean primary) {
        return linkRecords(type, primary, false, List.of());
    }

    /**
     * Rows {@code {uid, key, rule, alias, props}}: as {@link #linkRecords(NodeType, boolean)}; for a resolved type
     * (one with an entity key, DESIGN.md decision 2) both link kinds also carry the rule, score and decision time,
     * the alias the mapping gives the node, and what the record asserted about it, one property
     * {@value #ASSERTED}{@code <name>} per asserted value (so that survivorship can re-derive the entity's values
     * from its records after a merge or an unmerge). A provisional node is matched on its entity key, and its link's
     * score is null until entity resolution decides.
     *
     * @param names the asserted property names the rows' {@code props} hold (resolved types only)
     */
    String linkRecords(NodeType type, boolean primary, boolean provisional, Collection<String> names) {
        List<String> asserted = type.resolved() ? names.stream().sorted().distinct().toList() : List.of();
        return cache.computeIfAbsent("link:" + type.label() + ":" + primary + ":" + provisional + ":" + asserted, k -> {
            SymbolicName row = Cypher.name("row");
            Node rec = Cypher.node("SourceRecord").named("rec").withProperties("uid", Cypher.property(row, "uid"));
            Node e = keyed(type, "e", Cypher.property(row, "key"), provisional);
            Relationship l = rec.relationshipTo(e, primary ? "RESOLVES_TO" : "MENTIONS").named("l");
            var merge = Cypher.unwind(Cypher.parameter(ROWS)).as(row).match(rec).match(e).merge(l);
            if (!primary && !type.resolved()) {
                return render(merge.build());
            }
            var created = merge.onCreate().set(l.property("rule"), Cypher.property(row, "rule"),
                    l.property("score"), provisional ? Cypher.literalNull() : Cypher.literalOf(1.0),
                    l.property("decidedAt"), TRANSACTION_TIME);
            if (!type.resolved()) {
                return render(created.build());
            }
            List<Expression> sets = new ArrayList<>();
            sets.add(l.property("alias"));
            sets.add(Cypher.property(row, "alias"));
            for (String name : asserted) {
                sets.add(l.property(ASSERTED + name));
                sets.add(Cypher.property(row, "props", name));
            }
            return render(created.set(sets.toArray(Expression[]::new)).build());
        });
    }

    /** Rows {@code {uid, source, location, reason, raw}}: quarantined records, each stored once. */
    String mergeQuarantined() {
        return cache.computeIfAbsent("quarantine", k -> {
            SymbolicName row = Cypher.name("row");
            Node q = Cypher.node("QuarantinedRecord").named("q").withProperties("uid", Cypher.property(row, "uid"));
            return render(Cypher.unwind(Cypher.parameter(ROWS)).as(row).merge(q)
                    .onCreate().set(q.property("source"), Cypher.property(row, "source"),
                            q.property("location"), Cypher.property(row, "location"),
                            q.property("reason"), Cypher.property(row, "reason"),
                            q.property("raw"), Cypher.property(row, "raw"),
                            q.property("quarantinedAt"), TRANSACTION_TIME)
                    .build());
        });
    }

    private static String render(Statement s) {
        return RENDERER.render(s);
    }
}

package org.jiedao.hub.api.cypher;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import graphql.schema.DataFetchingFieldSelectionSet;
import graphql.schema.SelectedField;

import org.jiedao.hub.api.schema.FieldBinding;
import org.jiedao.hub.api.schema.SchemaBuilder;
import org.jiedao.hub.api.schema.SchemaBuilder.Field;
import org.jiedao.hub.api.schema.Validity;
import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.Ontology;
import org.neo4j.cypherdsl.core.Condition;
import org.neo4j.cypherdsl.core.Cypher;
import org.neo4j.cypherdsl.core.Expression;
import org.neo4j.cypherdsl.core.Node;
import org.neo4j.cypherdsl.core.Relationship;
import org.neo4j.cypherdsl.core.Statement;
import org.neo4j.cypherdsl.core.renderer.Renderer;

/**
 * Translates a GraphQL root field with its whole selection into one parameterised Cypher statement (DESIGN.md,
 * decision 4), built with Cypher-DSL: the root node is matched by its key ({@code $key}); scalar fields become
 * map-projection entries; relationship fields become pattern comprehensions nested as deep as the selection, so
 * any depth costs one round trip. Only names from the ontology enter the statement; values are parameters.
 * An {@code asOf} day (on the root or a field, inherited by the fields below; {@link AsOf}) keeps only what is
 * valid that day ({@link Validity}); a single-valued field with validity gives the latest valid value; aggregate
 * fields become {@code COLLECT} subqueries ({@link Aggregations}).
 *
 * <p>The statement returns one row with one column {@code result}: a map shaped like the selection and keyed by
 * response key (alias or field name), or no row when no node has that key.
 */
public final class SelectionTranslator {
    private static final Renderer RENDERER = Renderer.getDefaultRenderer();
    private final Map<String, List<Field>> fieldsByType;
    private final Ontology ontology;

    /**
     * @param schema   the schema whose field bindings drive the translation
     * @param ontology the ontology (labels of subclasses)
     */
    public SelectionTranslator(SchemaBuilder schema, Ontology ontology) {
        this.fieldsByType = schema.fieldsByType();
        this.ontology = ontology;
    }

    /**
     * @param type      the root field's node type
     * @param selection the root field's selection set
     * @return Cypher text taking parameter {@code key}
     */
    public String rootQuery(NodeType type, DataFetchingFieldSelectionSet selection) {
        return RENDERER.render(rootStatement(type, selection, null));
    }

    /**
     * @param type      the root field's node type
     * @param selection the root field's selection set
     * @param asOf      the day validity fields in the selection are read on unless they give their own
     *                  {@code asOf}; null for the whole history
     * @return the statement; it takes parameter {@code key} plus those in its catalog
     *         ({@code statement.getCatalog().getParameters()})
     * @throws InvalidArgumentException when a nested {@code asOf} is not a date
     */
    public Statement rootStatement(NodeType type, DataFetchingFieldSelectionSet selection, LocalDate asOf) {
        Naming names = new Naming();
        // all the type's labels: a Complaint is matched through the Case key constraint and must also be a Complaint
        List<String> labels = ontology.labels(type);
        Node root = Cypher.node(labels.getFirst(), labels.subList(1, labels.size())).named(names.next())
                .withProperties(type.key().name(), Cypher.parameter("key"));
        return Cypher.match(root)
                .returning(projection(root, type, null, selection.getImmediateFields(), asOf, names).as("result"))
                .limit(1).build();
    }

    /**
     * The map projection of a node for a selection, as {@link #rootQuery} builds it, for hand-written root fields
     * that return nodes found otherwise (search hits, path ends) in their own single statement.
     *
     * @param node     the node, already bound in the statement
     * @param type     its node type
     * @param selected the selected fields of the GraphQL object of that type
     * @param prefix   prefix of the variables the projection introduces ({@code prefix0}, {@code prefix1}...): the
     *                 statement must not use such names otherwise; a plain identifier
     * @return the projection expression, e.g. {@code node{.name, household: head([(node)-[...]->(...) | ...])}}
     */
    public Expression projection(Node node, NodeType type, List<SelectedField> selected, String prefix) {
        return projection(node, type, null, selected, null, new Naming(prefix));
    }

    /**
     * @param statement a statement built here
     * @return its Cypher text
     */
    public static String render(Statement statement) {
        return RENDERER.render(statement);
    }

    private Expression projection(Node node, NodeType type, Relationship via, List<SelectedField> selected, LocalDate asOf,
                                  Naming names) {
        Map<String, Field> fields = new LinkedHashMap<>();
        fieldsByType.get(type.label()).forEach(f -> fields.put(f.name(), f));
        Map<String, List<SelectedField>> byName = new LinkedHashMap<>();
        for (SelectedField sf : selected) {
            if (!sf.getName().startsWith("__")) {
                byName.computeIfAbsent(sf.getResultKey(), n -> new ArrayList<>()).add(sf);
            }
        }
        List<Object> entries = new ArrayList<>();
        for (Map.Entry<String, List<SelectedField>> e : byName.entrySet()) {
            Field f = fields.get(e.getValue().getFirst().getName());
            if (f == null) {
                continue; // not in this type: graphql-java has validated the document, so this cannot be a user error
            }
            entries.add(e.getKey()); // the response key: aliases of one field may give different arguments
            entries.add(switch (f.binding()) {
                case FieldBinding.Property p -> node.property(p.property().name());
                case FieldBinding.RelationshipProperty rp -> via == null ? Cypher.literalNull() : via.property(rp.name());
                case FieldBinding.Computed c -> c.field().expression().apply(node);
                case FieldBinding.Sources s -> sources(node, names);
                case FieldBinding.Relationship r -> related(node, r, subSelection(e.getValue()),
                        AsOf.resolve(e.getValue().getFirst().getArguments(), asOf, f.name()), names);
                case FieldBinding.Aggregate a -> aggregate(node, a.relationship(), subSelection(e.getValue()),
                        AsOf.resolve(e.getValue().getFirst().getArguments(), asOf, f.name()), names);
            });
        }
        return node.project(entries);
    }

    private Expression related(Node node, FieldBinding.Relationship r, List<SelectedField> selected, LocalDate asOf, Naming names) {
        Node target = Cypher.node(r.target().label()).named(names.next());
        Relationship rel = (r.forward() ? node.relationshipTo(target, r.type().type())
                : node.relationshipFrom(target, r.type().type())).named(names.next());
        Optional<Validity> validity = Validity.of(r);
        if (!r.many() && validity.isPresent()) {
            // one value wanted, several in the history: the current (open-ended) one, else the one that ended last
            return Cypher.head(Cypher.collect(Cypher.match(rel).where(validOn(r, rel, target, asOf))
                    .returning(projection(target, r.target(), rel, selected, asOf, names))
                    .orderBy(validity.get().latestFirst(rel, target)).limit(1).build()));
        }
        Expression list = Cypher.listBasedOn(rel).where(validOn(r, rel, target, asOf))
                .returning(projection(target, r.target(), rel, selected, asOf, names));
        return r.many() ? list : Cypher.head(list);
    }

    /** {@code vehiclesAggregate}: aggregates over the nodes the relationship field reaches, valid on {@code asOf}. */
    private static Expression aggregate(Node node, FieldBinding.Relationship r, List<SelectedField> selected, LocalDate asOf,
                                        Naming names) {
        Node target = Cypher.node(r.target().label()).named(names.next());
        Relationship rel = (r.forward() ? node.relationshipTo(target, r.type().type())
                : node.relationshipFrom(target, r.type().type())).named(names.next());
        return Aggregations.nested(rel, target, r.target(), validOn(r, rel, target, asOf), selected);
    }

    /** @return the condition "valid on asOf" for a validity field, else no condition */
    private static Condition validOn(FieldBinding.Relationship r, Relationship rel, Node target, LocalDate asOf) {
        return asOf == null ? Cypher.noCondition()
                : Validity.of(r).map(v -> v.condition(rel, target, asOf)).orElse(Cypher.noCondition());
    }

    private static Expression sources(Node node, Naming names) {
        Node rec = Cypher.node("SourceRecord").named(names.next());
        Relationship link = rec.relationshipTo(node, "RESOLVES_TO", "MENTIONS").named(names.next());
        return Cypher.listBasedOn(link).returning(rec.project(
                "source", rec.property("source"),
                "recordKey", rec.property("recordKey"),
                "location", rec.property("location"),
                "ingestedAt", Cypher.toString(rec.property("ingestedAt")),
                "relation", Cypher.type(link)));
    }

    private static List<SelectedField> subSelection(List<SelectedField> sameName) {
        List<SelectedField> out = new ArrayList<>();
        sameName.forEach(sf -> out.addAll(sf.getSelectionSet().getImmediateFields()));
        return out;
    }

    /** Fresh variable names for one statement: n0, n1, ... (or another prefix) */
    private static final class Naming {
        private final String prefix;
        private int next;

        Naming() {
            this("n");
        }

        Naming(String prefix) {
            this.prefix = prefix;
        }

        String next() {
            return prefix + next++;
        }
    }
}

package org.jiedao.hub.api.cypher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import graphql.schema.DataFetchingFieldSelectionSet;
import graphql.schema.SelectedField;

import org.jiedao.hub.api.schema.FieldBinding;
import org.jiedao.hub.api.schema.SchemaBuilder;
import org.jiedao.hub.api.schema.SchemaBuilder.Field;
import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.Ontology;
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
 *
 * <p>The statement returns one row with one column {@code result}: a map shaped like the selection, or no row
 * when no node has that key. Statements are cached by type and selection shape (field names, arguments, nesting).
 * Thread-safe.
 */
public final class SelectionTranslator {
    private static final Renderer RENDERER = Renderer.getDefaultRenderer();
    /** Most statements kept; past that the cache starts again (selections are few in practice). */
    private static final int MAX_CACHED = 10_000;
    private final Map<String, String> statements = new java.util.concurrent.ConcurrentHashMap<>();
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
        // Building and rendering the statement costs more than parsing and validating the document (measured by
        // hub bench api); the text depends only on the type and the selection's shape, so it is built once per shape.
        String shape = type.label() + shape(selection.getImmediateFields());
        String cached = statements.get(shape);
        if (cached != null) {
            return cached;
        }
        if (statements.size() >= MAX_CACHED) {
            statements.clear();
        }
        String statement = translate(type, selection);
        statements.put(shape, statement);
        return statement;
    }

    /** Field names, arguments and sub-selections, depth first: equal for selections that give the same statement. */
    private static String shape(List<SelectedField> fields) {
        StringBuilder out = new StringBuilder("{");
        for (SelectedField f : fields) {
            out.append(f.getName()).append(f.getArguments()).append(shape(f.getSelectionSet().getImmediateFields())).append(',');
        }
        return out.append('}').toString();
    }

    private String translate(NodeType type, DataFetchingFieldSelectionSet selection) {
        Naming names = new Naming();
        // all the type's labels: a Complaint is matched through the Case key constraint and must also be a Complaint
        List<String> labels = ontology.labels(type);
        Node root = Cypher.node(labels.getFirst(), labels.subList(1, labels.size())).named(names.next())
                .withProperties(type.key().name(), Cypher.parameter("key"));
        Statement s = Cypher.match(root)
                .returning(projection(root, type, null, selection.getImmediateFields(), names).as("result"))
                .limit(1).build();
        return RENDERER.render(s);
    }

    private Expression projection(Node node, NodeType type, Relationship via, List<SelectedField> selected, Naming names) {
        Map<String, Field> fields = new LinkedHashMap<>();
        fieldsByType.get(type.label()).forEach(f -> fields.put(f.name(), f));
        Map<String, List<SelectedField>> byName = new LinkedHashMap<>();
        for (SelectedField sf : selected) {
            if (!sf.getName().startsWith("__")) {
                byName.computeIfAbsent(sf.getName(), n -> new ArrayList<>()).add(sf);
            }
        }
        List<Object> entries = new ArrayList<>();
        for (Map.Entry<String, List<SelectedField>> e : byName.entrySet()) {
            Field f = fields.get(e.getKey());
            if (f == null) {
                continue; // not in this type: graphql-java has validated the document, so this cannot be a user error
            }
            entries.add(f.name());
            entries.add(switch (f.binding()) {
                case FieldBinding.Property p -> node.property(p.property().name());
                case FieldBinding.RelationshipProperty rp -> via == null ? Cypher.literalNull() : via.property(rp.name());
                case FieldBinding.Computed c -> c.field().expression().apply(node);
                case FieldBinding.Sources s -> sources(node, names);
                case FieldBinding.Relationship r -> related(node, r, subSelection(e.getValue()), names);
            });
        }
        return node.project(entries);
    }

    private Expression related(Node node, FieldBinding.Relationship r, List<SelectedField> selected, Naming names) {
        Node target = Cypher.node(r.target().label()).named(names.next());
        Relationship rel = (r.forward() ? node.relationshipTo(target, r.type().type())
                : node.relationshipFrom(target, r.type().type())).named(names.next());
        Expression list = Cypher.listBasedOn(rel).returning(projection(target, r.target(), rel, selected, names));
        return r.many() ? list : Cypher.head(list);
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

    /** Fresh variable names for one statement: n0, n1, ... */
    private static final class Naming {
        private int next;

        String next() {
            return "n" + next++;
        }
    }
}

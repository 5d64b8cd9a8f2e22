package org.jiedao.hub.api.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jiedao.hub.ontology.CodeList;
import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.PropertyDef;
import org.jiedao.hub.ontology.RelationshipType;
import org.jiedao.hub.ontology.Sensitivity;

/**
 * Derives the GraphQL schema (SDL) from the ontology (DESIGN.md, decision 3): one object type per node type with
 * its stored properties, a field per relationship end ({@code hub:forwardField}/{@code hub:inverseField}),
 * relationship properties as fields of the node reached through that relationship, the computed fields, a
 * {@code sources} field giving every record that asserted the node (with its source's department and, for resolved
 * types, the values it asserted: {@code AssertedValue}), a {@code timeline} of dated events on every type with a dated
 * relationship field ({@link TimelineSource}), and one root field per node type looked up
 * by its key, the interface {@code Node} every node type implements with its {@code ref} field and the root field
 * {@code node(ref:)} ({@link org.jiedao.hub.api.refs.NodeField}), plus the querying SDL of {@link QuerySdl} (root connections, filter, sort and connection types, and
 * the arguments of list fields). Relationship fields whose relationship or target has validity dates take
 * {@code asOf} ({@link Validity}), as does every root lookup; each list relationship field has an aggregate field
 * beside it ({@link AggregateTypes}). Descriptions come from the zh/en labels. Every property goes out as {@code String} (identifiers,
 * ID numbers and dates included), so no value is rounded by a JSON number parser. A type's key is non-null, except
 * for a type resolved by entity resolution ({@code hub:entityKey}, e.g. Person): its provisional nodes have none.
 */
public final class SchemaBuilder {
    /** Description of every {@code ref} field (node types, {@code Node}, search hits, path nodes). */
    public static final String REF_DESCRIPTION = "引用 / an opaque handle of this node, the same for the same node, that"
            + " node(ref:) and path(from: {ref:}) accept even when its key is shown masked; null for a node without a key"
            + " (a provisional person)";
    private final Ontology ontology;
    private final List<ComputedField> computed;

    /**
     * @param ontology the domain ontology
     * @param computed extra computed fields
     */
    public SchemaBuilder(Ontology ontology, List<ComputedField> computed) {
        this.ontology = ontology;
        this.computed = List.copyOf(computed);
    }

    /**
     * One field of a generated type.
     *
     * @param name        field name
     * @param type        GraphQL type
     * @param description zh / en description
     * @param binding     what the field reads in the graph
     */
    public record Field(String name, String type, String description, FieldBinding binding) {
    }

    /**
     * @return the fields of each exposed type by node label (provenance types excluded), in schema order
     */
    public Map<String, List<Field>> fieldsByType() {
        Map<String, List<Field>> out = new LinkedHashMap<>();
        for (NodeType t : exposedTypes()) {
            List<Field> fields = new ArrayList<>();
            Map<String, Field> byName = new LinkedHashMap<>();
            for (PropertyDef p : t.properties()) {
                // a resolved type's provisional nodes (a caller without an ID number) have no key: nullable then
                String type = scalarType(p) + (p.equals(t.key()) && !t.resolved() ? "!" : "");
                byName.put(p.name(), new Field(p.name(), type, describe(p.labelZh(), p.labelEn()), new FieldBinding.Property(p)));
            }
            List<String> labels = ontology.labels(t);
            for (RelationshipType r : ontology.relationshipTypes()) {
                if (r.from().isPresent() && labels.contains(r.from().get().label()) && r.forwardField() != null
                        && r.to().isPresent() && exposed(r.to().get())) {
                    put(byName, t, relField(r.forwardField(), r.to().get(), r.forwardMany(), r, true));
                    if (r.forwardMany()) {
                        put(byName, t, AggregateTypes.field(byName.get(r.forwardField())));
                    }
                    r.properties().forEach(p -> byName.putIfAbsent(p.name(), relPropField(p, r)));
                }
                if (r.to().isPresent() && labels.contains(r.to().get().label()) && r.inverseField() != null
                        && r.from().isPresent() && exposed(r.from().get())) {
                    put(byName, t, relField(r.inverseField(), r.from().get(), r.inverseMany(), r, false));
                    if (r.inverseMany()) {
                        put(byName, t, AggregateTypes.field(byName.get(r.inverseField())));
                    }
                    r.properties().forEach(p -> byName.putIfAbsent(p.name(), relPropField(p, r)));
                }
            }
            for (ComputedField c : computed) {
                if (c.typeLabel().equals(t.label())) {
                    put(byName, t, new Field(c.name(), c.graphqlType(), c.description(), new FieldBinding.Computed(c)));
                }
            }
            put(byName, t, new Field("sources", "[SourceRef!]!", "来源记录 / the source records that asserted this node",
                    new FieldBinding.Sources()));
            List<TimelineSource> timeline = TimelineSource.of(List.copyOf(byName.values()));
            if (!timeline.isEmpty()) {
                put(byName, t, new Field(TIMELINE, "[TimelineEvent!]!", TIMELINE_DESCRIPTION, new FieldBinding.Timeline(timeline)));
            }
            fields.addAll(byName.values());
            out.put(t.label(), fields);
        }
        return out;
    }

    /** Name of the field giving a node's dated events, on every type that has dated relationship fields. */
    public static final String TIMELINE = "timeline";

    /** The most events a {@code timeline} gives: the latest ones. */
    public static final int TIMELINE_LIMIT = 200;

    private static final String TIMELINE_DESCRIPTION = "时间线 / this node's dated events in date order, oldest first, the latest "
            + TIMELINE_LIMIT + " at most: the validFrom/validTo of its dated relationships (household membership, residence,"
            + " vehicle ownership: START/END) and the dates of the nodes that refer to it (cases it reported, certificates and"
            + " permits it holds: START/END of their validity, else EVENT), derived from the ontology. Each event is shown as"
            + " the fields it comes from: absent when the role may not read the relationship field or its date, or the other"
            + " node is outside the role's scope; date, label and key masked as those fields are. Masked dates order by their"
            + " masked text (the year).";

    /** @return the GraphQL type of a stored property: its code list's enum, or String */
    private String scalarType(PropertyDef p) {
        return p.codeList() == null ? "String" : ontology.codeList(p.codeList()).enumName();
    }

    /** @return the code lists used by exposed properties (node or relationship), each once, in IRI order */
    public List<CodeList> enums() {
        java.util.Set<String> used = new java.util.TreeSet<>();
        exposedTypes().forEach(t -> t.properties().forEach(p -> {
            if (p.codeList() != null) {
                used.add(p.codeList());
            }
        }));
        ontology.relationshipTypes().forEach(r -> r.properties().forEach(p -> {
            if (p.codeList() != null) {
                used.add(p.codeList());
            }
        }));
        return used.stream().map(ontology::codeList).toList();
    }

    /**
     * The fields that carry personal data, derived from the ontology's sensitivity annotations (for masking).
     *
     * @return by type, the sensitive fields with their sensitivity (personal id, personal, special category)
     */
    public Map<String, Map<String, Sensitivity>> sensitiveFields() {
        Map<String, Map<String, Sensitivity>> out = new LinkedHashMap<>();
        fieldsByType().forEach((type, fields) -> fields.forEach(f -> {
            Sensitivity s = switch (f.binding()) {
                case FieldBinding.Property p -> p.property().sensitivity();
                case FieldBinding.RelationshipProperty rp -> ontology.relationshipTypes().stream()
                        .flatMap(r -> r.properties().stream()).filter(x -> x.name().equals(rp.name()))
                        .map(PropertyDef::sensitivity).findFirst().orElse(Sensitivity.PERSONAL);
                default -> null;
            };
            if (s == Sensitivity.PERSONAL_ID || s == Sensitivity.PERSONAL || s == Sensitivity.SPECIAL_CATEGORY) {
                out.computeIfAbsent(type, k -> new LinkedHashMap<>()).put(f.name(), s);
            }
        }));
        return out;
    }

    /**
     * @return the node types exposed as GraphQL types: all but the records themselves (provenance is exposed
     *         through every type's {@code sources} field; the quarantine holds raw, unvalidated personal data)
     */
    public List<NodeType> exposedTypes() {
        return ontology.nodeTypes().stream().filter(this::exposed).toList();
    }

    private boolean exposed(NodeType t) {
        return !t.label().equals("SourceRecord") && !t.label().equals("QuarantinedRecord")
                && !t.label().equals("ReviewItem") && !t.label().equals("MatchDecision"); // operational: own fields
    }

    /** @return the root query field name of a node type: its label in lower camel case ({@code person}) */
    public static String rootFieldName(NodeType t) {
        return Character.toLowerCase(t.label().charAt(0)) + t.label().substring(1);
    }

    /** @return the schema in GraphQL SDL */
    public String sdl() {
        StringBuilder sdl = new StringBuilder();
        sdl.append("\"\"\"Jiedao Hub: one graph of a sub-district's departmental data.\"\"\"\nschema { query: Query subscription: Subscription }\n\n");
        sdl.append("type Query {\n");
        for (NodeType t : exposedTypes()) {
            sdl.append("  \"\"\"").append(describe(t.labelZh(), t.labelEn())).append(" by ").append(t.key().labelEn())
                    .append(" (any accepted written form)\"\"\"\n");
            sdl.append("  ").append(rootFieldName(t)).append('(').append(t.key().name()).append(": String!, ").append(Validity.ASOF_ARGUMENT).append("): ")
                    .append(t.label()).append('\n');
            sdl.append(QuerySdl.rootField(t));
        }
        sdl.append("  \"\"\"节点 / the node a ref names (a ref field of any node, search hit or path node), with the same access"
                + " rules, masking, row-level scope and audit as its key lookup; select its fields with ... on Person {...};"
                + " null when it does not exist or is out of the caller's scope\"\"\"\n");
        sdl.append("  node(ref: ID!, ").append(Validity.ASOF_ARGUMENT).append("): Node\n");
        sdl.append("}\n\n");
        sdl.append("""
                \"""节点 / any node of the graph, named by its opaque ref (Relay Global Object Identification)\"""
                interface Node {
                  \"""%s\"""
                  ref: ID
                }

                """.formatted(REF_DESCRIPTION));
        sdl.append("""
                \"""来源记录 / a departmental record that asserted a node (PROV-O provenance).\"""
                type SourceRef {
                  \"""source id, e.g. hukou\"""
                  source: String!
                  \"""the record's key in its source\"""
                  recordKey: String!
                  \"""where the record was read, e.g. a file and line\"""
                  location: String
                  \"""when this content was ingested (ISO-8601)\"""
                  ingestedAt: String
                  \"""RESOLVES_TO (the record is about the node) or MENTIONS\"""
                  relation: String!
                  \"""the record's uid, source:recordKey (the a or b of why/whyNot, the record of unmergeRecord)\"""
                  uid: String
                  \"""how the link was decided: deterministic:idNumber, weights, new, provisional, manual:merge, manual:review, manual:unmerge; null for nodes that are not resolved as entities\"""
                  rule: String
                  \"""1.0 for a deterministic link, the match weight in bits for weights, else null\"""
                  score: Float
                  \"""when the link was decided (ISO-8601)\"""
                  decidedAt: String
                  \"""the comparison that decided a probabilistic link (fields, levels, weights), or null\"""
                  evidence: MatchEvidence
                  \"""the source's department (its definition's department:, e.g. 派出所户籍室), or null when the source is not declared or names none\"""
                  department: String
                  \"""the source's display name (its definition's name:, e.g. 户籍登记), or null when the source is not declared\"""
                  sourceName: String
                  \"""what this record asserted about the node, one entry per property it gave a value, each shown as the node's field is for the role (masked alike; a field the role may not read or reads hidden is left out). Only resolved types (Person) keep each record's values; for the other types this is empty, and their values come from their records as a whole (the authoritative source's record sets them, others only fill gaps).\"""
                  values: [AssertedValue!]!
                }

                \"""断言值 / one value a source record asserted about a node\"""
                type AssertedValue {
                  \"""the node's field, e.g. name\"""
                  field: String!
                  \"""the value as the record gave it, after normalisation, shown as the field is (enum name of a code, masked for a role that reads the field masked)\"""
                  value: String
                  \"""true when it equals the node's present value (this record's value survived), false when another record's value won\"""
                  current: Boolean!
                }

                \"""时间线事件 / one dated event of a node's timeline\"""
                type TimelineEvent {
                  \"""the date (YYYY-MM-DD, a partial date YYYY-MM or YYYY, or an ISO 8601 date-time with its offset), masked (YYYY-**-**) when the role reads it masked\"""
                  date: String!
                  \"""START or END of a validity (validFrom/validTo, issuedOn/expiresOn), or EVENT for any other date\"""
                  kind: String!
                  \"""the relationship field of this node the event comes from, e.g. household, address, vehicles, cases\"""
                  field: String!
                  \"""the dated property, e.g. validFrom, reportedAt, issuedOn\"""
                  property: String!
                  \"""the type the relationship field reaches, e.g. Household\"""
                  type: String!
                  \"""the other node's display value (a name, an address text, else its key), shown as that field is for the role; null when hidden\"""
                  label: String
                  \"""the other node's key, shown as that field is for the role; null when hidden\"""
                  key: String
                  \"""the other node's ref: opens it with node(ref:) whatever the role sees of its key\"""
                  ref: ID
                }

                \"""实体匹配证据 / why two records were (or were not) linked: the deciding rule and each comparison's weight (Fellegi-Sunter, in bits)\"""
                type MatchEvidence {
                  \"""weights for the Fellegi-Sunter total; the strong identifier (e.g. idNumber) for a deterministic decision; conflict:<field> when two different valid identifiers forbid the link\"""
                  rule: String!
                  \"""the total match weight in bits, prior included\"""
                  weight: Float!
                  \"""one entry per comparison\"""
                  fields: [ComparisonEvidence!]!
                }

                \"""one comparison's part of the match evidence\"""
                type ComparisonEvidence {
                  \"""the comparison, e.g. name, birthDate, phone\"""
                  comparison: String!
                  \"""its agreement level, e.g. exact, pinyin, transposed, different, missing\"""
                  level: String!
                  \"""its weight in bits, term-frequency adjustment included\"""
                  weight: Float!
                }

                """);
        for (CodeList list : enums()) {
            sdl.append("\"\"\"").append(describe(list.labelZh(), list.labelEn()))
                    .append(list.source() == null ? "" : " (" + list.source() + ")").append("\"\"\"\n");
            sdl.append("enum ").append(list.enumName()).append(" {\n");
            for (CodeList.Code c : list.codes()) {
                sdl.append("  \"\"\"").append(describe(c.labelZh(), c.labelEn())).append(" (").append(c.notation()).append(")\"\"\"\n");
                sdl.append("  ").append(c.enumName()).append('\n');
            }
            sdl.append("}\n\n");
        }
        sdl.append(AggregateTypes.sdl(exposedTypes()));
        Map<String, List<Field>> fields = fieldsByType();
        sdl.append(QuerySdl.types(exposedTypes(), fields, enums()));
        for (NodeType t : exposedTypes()) {
            sdl.append("\"\"\"").append(describe(t.labelZh(), t.labelEn())).append("\"\"\"\n");
            sdl.append("type ").append(t.label()).append(" implements Node {\n");
            sdl.append("  \"\"\"").append(REF_DESCRIPTION).append("\"\"\"\n  ref: ID\n");
            for (Field f : fields.get(t.label())) {
                sdl.append("  \"\"\"").append(f.description()).append("\"\"\"\n");
                sdl.append("  ").append(f.name()).append(fieldArguments(f)).append(": ").append(f.type()).append('\n');
            }
            sdl.append("}\n\n");
        }
        return sdl.toString();
    }

    private static void put(Map<String, Field> byName, NodeType t, Field f) {
        if (byName.putIfAbsent(f.name(), f) != null) {
            throw new IllegalStateException("ontology gives " + t.label() + " two fields named '" + f.name() + "'");
        }
    }

    private static Field relField(String name, NodeType target, boolean many, RelationshipType r, boolean forward) {
        return new Field(name, many ? "[" + target.label() + "!]!" : target.label(), describe(r.labelZh(), r.labelEn()),
                new FieldBinding.Relationship(r, forward, target, many));
    }

    private Field relPropField(PropertyDef p, RelationshipType r) {
        return new Field(p.name(), scalarType(p), describe(p.labelZh(), p.labelEn()) + " (set when reached through " + r.type() + ")",
                new FieldBinding.RelationshipProperty(p.name()));
    }

    private static String describe(String zh, String en) {
        return (zh + " / " + en).replace("\"\"\"", "'");
    }

    /**
     * @return the arguments of a field: the querying ones ({@link QuerySdl}; {@code where} on aggregate fields) then
     *         {@code asOf} ({@link Validity})
     */
    private static String fieldArguments(Field f) {
        String query = f.binding() instanceof FieldBinding.Aggregate a
                ? "(where: " + a.relationship().target().label() + "Where)" : QuerySdl.arguments(f);
        String validity = Validity.arguments(f);
        if (query.isEmpty() || validity.isEmpty()) {
            return query + validity;
        }
        return query.substring(0, query.length() - 1) + ", " + validity.substring(1);
    }
}

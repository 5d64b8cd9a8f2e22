package org.jiedao.hub.api.schema;

import java.util.List;
import java.util.Optional;

import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.PropertyDef;
import org.jiedao.hub.ontology.Sensitivity;

/**
 * The aggregation types of the schema, derived from the ontology: per node type {@code T} a type
 * {@code TAggregate { count: Int, <property>: NumberAggregate | StringAggregate ... }}, and per list relationship
 * field {@code vehicles} a field {@code vehiclesAggregate: VehicleAggregate!} next to it (with {@code asOf} when the
 * field has {@link Validity}).
 *
 * <p>Which properties are aggregated: numbers ({@code xsd:integer}, {@code xsd:decimal} and the other XSD numeric
 * types) as {@code NumberAggregate { min max avg sum }}, all as {@code Float}; dates, date-times and strings as
 * {@code StringAggregate { min max }} in ISO text (dates and date-times compare as such in Neo4j, not as text).
 * Coded properties (enums) and booleans have no order worth aggregating and are left out, and so are identity
 * numbers ({@code hub:PersonalId}: their minimum would disclose one person's number) and special-category data
 * ({@code hub:SpecialCategory}: hidden unless a role is allowed it, PIPL art. 28).
 */
public final class AggregateTypes {
    /** Name of the numeric aggregate type. */
    public static final String NUMBER = "NumberAggregate";
    /** Name of the text/date aggregate type. */
    public static final String STRING = "StringAggregate";
    private static final List<String> NUMERIC = List.of("integer", "decimal", "int", "long", "short", "double", "float",
            "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger");
    private static final List<String> ORDERED = List.of("string", "date", "dateTime");

    private AggregateTypes() {
    }

    /** @return the aggregate type's name of a node type: {@code PersonAggregate} */
    public static String typeName(NodeType t) {
        return t.label() + "Aggregate";
    }

    /** @return the aggregate field's name of a list relationship field: {@code vehicles} gives {@code vehiclesAggregate} */
    public static String fieldName(String relationshipField) {
        return relationshipField + "Aggregate";
    }

    /**
     * @param p a stored property
     * @return {@link #NUMBER}, {@link #STRING}, or empty when the property is not aggregated (enums, booleans,
     *         identity numbers, special-category data)
     */
    public static Optional<String> aggregateOf(PropertyDef p) {
        if (p.codeList() != null || p.sensitivity() == Sensitivity.PERSONAL_ID || p.sensitivity() == Sensitivity.SPECIAL_CATEGORY) {
            return Optional.empty();
        }
        if (NUMERIC.contains(p.datatype())) {
            return Optional.of(NUMBER);
        }
        return ORDERED.contains(p.datatype()) ? Optional.of(STRING) : Optional.empty();
    }

    /**
     * @param relationshipField a list relationship field of a generated type
     * @return the aggregate field that goes beside it
     */
    public static SchemaBuilder.Field field(SchemaBuilder.Field relationshipField) {
        FieldBinding.Relationship r = (FieldBinding.Relationship) relationshipField.binding();
        return new SchemaBuilder.Field(fieldName(relationshipField.name()), typeName(r.target()) + "!",
                "聚合 / count, min, max, avg of " + relationshipField.name(), new FieldBinding.Aggregate(r));
    }

    /**
     * @param types the exposed node types
     * @return SDL of {@code NumberAggregate}, {@code StringAggregate} and one aggregate type per node type
     */
    public static String sdl(List<NodeType> types) {
        StringBuilder sdl = new StringBuilder("""
                \"""数值聚合 / aggregates of a numeric property over the nodes counted (null when none has a value)\"""
                type NumberAggregate {
                  \"""smallest value\"""
                  min: Float
                  \"""largest value\"""
                  max: Float
                  \"""arithmetic mean of the values present\"""
                  avg: Float
                  \"""sum of the values present\"""
                  sum: Float
                }

                \"""文本与日期聚合 / smallest and largest value of a text, date or date-time property (ISO text; dates compare as dates)\"""
                type StringAggregate {
                  \"""smallest (earliest) value\"""
                  min: String
                  \"""largest (latest) value\"""
                  max: String
                }

                """);
        for (NodeType t : types) {
            sdl.append("\"\"\"聚合 / aggregates over ").append(t.labelEn()).append(" nodes\"\"\"\n");
            sdl.append("type ").append(typeName(t)).append(" {\n");
            sdl.append("  \"\"\"number of nodes; null when suppressed by k-anonymity (docs/security/access-policy.md)\"\"\"\n  count: Int\n");
            for (PropertyDef p : t.properties()) {
                aggregateOf(p).ifPresent(a -> sdl.append("  \"\"\"").append((p.labelZh() + " / " + p.labelEn()).replace("\"\"\"", "'"))
                        .append("\"\"\"\n  ").append(p.name()).append(": ").append(a).append("!\n"));
            }
            sdl.append("}\n\n");
        }
        return sdl.toString();
    }
}

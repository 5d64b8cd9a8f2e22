package org.jiedao.hub.loaders.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


import org.jiedao.hub.loaders.CanonicalJson;
import org.jiedao.hub.loaders.normalise.NormalisationException;
import org.jiedao.hub.loaders.normalise.Normaliser;
import org.jiedao.hub.loaders.normalise.Normalisers;
import org.jiedao.hub.loaders.read.RawRecord;
import org.jiedao.hub.loaders.source.SourceDefinition;
import org.jiedao.hub.loaders.source.SourceDefinition.EntitySpec;
import org.jiedao.hub.loaders.source.SourceDefinition.FieldSpec;
import org.jiedao.hub.loaders.source.SourceDefinition.RelationshipSpec;
import org.jiedao.hub.loaders.source.SourceDefinitionException;
import org.jiedao.hub.ontology.CodeList;
import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.PropertyDef;
import org.jiedao.hub.ontology.shacl.AssertionRdf;
import org.jiedao.hub.ontology.shacl.OntologyShapes;
import org.jiedao.hub.ontology.shacl.Violation;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.OntologyException;
import org.jiedao.hub.ontology.RelationshipType;
import org.jiedao.hub.ontology.assertion.ContentHash;
import org.jiedao.hub.ontology.assertion.EntityIds;
import org.jiedao.hub.ontology.assertion.NodeAssertion;
import org.jiedao.hub.ontology.assertion.RecordAssertions;
import org.jiedao.hub.ontology.assertion.RecordRef;
import org.jiedao.hub.ontology.assertion.RelationshipAssertion;
import org.jiedao.hub.ontology.assertion.WriteMode;

/**
 * A source definition compiled against the ontology: turns each {@link RawRecord} into {@link RecordAssertions}
 * or a reason to quarantine it. Compilation checks every name (ontology types, properties, relationship ends,
 * normalisers, fields) so that a bad definition fails at start, not at the first record. Thread-safe.
 *
 * <p>Per record: each field is normalised; coded values (a property with a {@code hub:codeList}) are stored as
 * their code's notation, whatever name of the code the source wrote; then the record's node values are validated
 * against the SHACL shapes derived from the ontology ({@link OntologyShapes.Mode#RECORD}). Each node also gets the
 * properties the ontology derives from the mapped ones ({@link DerivedProperties}, e.g. {@code namePinyin} from
 * {@code name}); a definition may not map a derived property itself. Any failure rejects the
 * record with a reason in Chinese and English that names the column or property and the rule.
 */
public final class SourceMapping {
    private static final Pattern STANDARD = Pattern.compile("((?:GB/T|GB|GA|ISO|UAX) ?[0-9.#-]+(?:-[0-9]{4})?)");
    private static final Pattern KEY_PART = Pattern.compile("\\{([A-Za-z0-9_]+)}");

    private final SourceDefinition definition;
    private final Ontology ontology;
    private final OntologyShapes shapes;
    private final Map<String, CompiledField> fields = new LinkedHashMap<>();
    private final List<CompiledEntity> entities = new ArrayList<>();
    private final List<CompiledRelationship> relationships = new ArrayList<>();
    private final List<String> keyFields = new ArrayList<>();
    private final boolean caseInsensitiveColumns;

    private record CompiledField(String name, String from, String normaliserName, Normaliser normaliser, boolean required) {
    }

    private record CompiledEntity(String alias, NodeType type, String keyField, Map<String, String> properties,
                                  WriteMode mode, boolean primary) {
    }

    private record CompiledRelationship(RelationshipType type, String from, String to, Map<String, String> properties) {
    }

    private SourceMapping(SourceDefinition d, Ontology ontology) {
        this.definition = d;
        this.ontology = ontology;
        this.shapes = new OntologyShapes(ontology, OntologyShapes.Mode.RECORD);
        this.caseInsensitiveColumns = d.kind() == SourceDefinition.SourceKind.JDBC;
        d.fields().forEach((name, f) -> fields.put(name, compileField(name, f)));
        List<String> primaries = new ArrayList<>();
        d.entities().forEach((alias, e) -> {
            CompiledEntity ce = compileEntity(alias, e, ontology);
            entities.add(ce);
            if (ce.primary()) {
                primaries.add(alias);
            }
        });
        if (primaries.size() != 1) {
            throw problem("entities", "exactly one entity must be primary: true (the node each record is about), found " + primaries);
        }
        for (int i = 0; i < d.relationships().size(); i++) {
            relationships.add(compileRelationship("relationships[" + i + "]", d.relationships().get(i), ontology));
        }
        Matcher m = KEY_PART.matcher(d.recordKey());
        while (m.find()) {
            if (!fields.containsKey(m.group(1))) {
                throw problem("recordKey", "{" + m.group(1) + "} is not a declared field; fields are " + fields.keySet());
            }
            keyFields.add(m.group(1));
        }
        if (keyFields.isEmpty()) {
            throw problem("recordKey", "'" + d.recordKey() + "' names no field in braces, so every record would have"
                    + " the same key; put field names in braces, e.g. '{householdNumber}-{idNumber}'");
        }
    }

    /**
     * @param definition a structurally valid definition
     * @param ontology   the ontology its entities refer to
     * @return the compiled mapping
     * @throws SourceDefinitionException naming the source, the path in the definition and the problem
     */
    public static SourceMapping compile(SourceDefinition definition, Ontology ontology) {
        return new SourceMapping(definition, ontology);
    }

    /**
     * The required fields a table's columns lack, to refuse a file with the wrong header once instead of
     * quarantining each of its rows as "required but empty".
     *
     * @param columns the column names of a CSV header or a table
     * @return the source columns of required fields that are not among them, in declaration order
     */
    public List<String> missingRequiredColumns(java.util.Collection<String> columns) {
        return fields.values().stream().filter(CompiledField::required).map(CompiledField::from)
                .filter(from -> columns.stream().noneMatch(c -> caseInsensitiveColumns ? c.equalsIgnoreCase(from) : c.equals(from)))
                .toList();
    }

    /** @return the definition this mapping was compiled from */
    public SourceDefinition definition() {
        return definition;
    }

    /**
     * Normalises, validates and maps one record.
     *
     * @param raw a record as read
     * @return {@link MappingOutcome.Mapped} with the record's assertions, or {@link MappingOutcome.Rejected}
     *         with the first problem found (broken record, a value its normaliser refuses, a missing required value,
     *         a missing value of the record key or of the primary entity's key)
     */
    public MappingOutcome map(RawRecord raw) {
        if (raw.problem() != null) {
            return new MappingOutcome.Rejected(raw, raw.problem());
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (CompiledField f : fields.values()) {
            Object rawValue = lookup(raw.values(), f.from());
            Object value;
            try {
                value = f.normaliser().normalise(rawValue == null ? null : rawText(rawValue));
            } catch (NormalisationException e) {
                return new MappingOutcome.Rejected(raw, "%s（%s）：值 '%s' 不合规范%s / invalid value: %s".formatted(
                        f.from(), f.name(), rawText(rawValue), standardOf(e.getMessage()), e.getMessage()));
            } catch (RuntimeException e) {
                return new MappingOutcome.Rejected(raw, f.from() + " (" + f.name() + "): cannot be read as " + f.normaliserName() + ": " + e.getMessage());
            }
            if (value == null && f.required()) {
                return new MappingOutcome.Rejected(raw, f.from() + " (" + f.name() + ") is required but empty");
            }
            if (value != null) {
                values.put(f.name(), value);
            }
        }
        for (String k : keyFields) {
            if (values.get(k) == null) {
                return new MappingOutcome.Rejected(raw, fields.get(k).from() + " (" + k + ") is empty but is part of the"
                        + " record key " + definition.recordKey());
            }
        }
        String recordKey = recordKey(values);
        String data = CanonicalJson.of(values);
        RecordRef ref = new RecordRef(definition.id(), recordKey, raw.location(), ContentHash.of(data), data);
        List<NodeAssertion> nodes = new ArrayList<>();
        for (CompiledEntity e : entities) {
            Object key = values.get(e.keyField());
            Map<String, Object> props = present(e.properties(), values);
            boolean provisional = false;
            if (key == null) {
                if (e.type().resolved() && !props.isEmpty()) {
                    // no key (a caller without an ID number): a provisional entity that entity resolution decides
                    key = EntityIds.of(ref.uid(), e.alias());
                    provisional = true;
                } else if (e.primary()) {
                    return new MappingOutcome.Rejected(raw, "no value for " + e.keyField() + ", the key of the record's " + e.type().label());
                } else {
                    continue;
                }
            }
            String notCoded = toCodes(props, e.properties(), e.type()::property);
            if (notCoded != null) {
                return new MappingOutcome.Rejected(raw, notCoded);
            }
            try {
                props = DerivedProperties.add(ontology, e.type(), props);
            } catch (NormalisationException ex) {
                return new MappingOutcome.Rejected(raw, e.type().label() + ": " + ex.getMessage());
            }
            nodes.add(new NodeAssertion(e.alias(), e.type(), key, props, e.mode(), e.primary(), provisional));
        }
        List<RelationshipAssertion> rels = new ArrayList<>();
        for (CompiledRelationship r : relationships) {
            boolean bothEnds = nodes.stream().anyMatch(n -> n.alias().equals(r.from()))
                    && nodes.stream().anyMatch(n -> n.alias().equals(r.to()));
            if (bothEnds) {
                Map<String, Object> props = present(r.properties(), values);
                String notCoded = toCodes(props, r.properties(), r.type()::property);
                if (notCoded != null) {
                    return new MappingOutcome.Rejected(raw, notCoded);
                }
                rels.add(new RelationshipAssertion(r.type(), r.from(), r.to(), props));
            }
        }
        RecordAssertions assertions = new RecordAssertions(ref, nodes, rels);
        List<Violation> violations = shapes.validate(AssertionRdf.of(assertions));
        if (!violations.isEmpty()) {
            return new MappingOutcome.Rejected(raw, violations.stream().map(this::explain).distinct()
                    .collect(java.util.stream.Collectors.joining("; ")));
        }
        return new MappingOutcome.Mapped(raw, assertions);
    }

    /** A shape violation told in the source's terms: the column, the value as read, then the rule in zh and en. */
    private String explain(Violation v) {
        String column = entities.stream().map(e -> e.properties().get(v.property())).filter(java.util.Objects::nonNull)
                .map(field -> fields.get(field).from()).findFirst().orElse(v.property());
        String value = v.value() == null ? "" : "'" + v.value() + "'：";
        return column + "：" + value + v.messageZh() + " / " + v.messageEn();
    }

    /** The standard a normaliser's reason cites, e.g. {@code （GB 11643-1999）}, or nothing. */
    private static String standardOf(String reason) {
        Matcher m = STANDARD.matcher(reason == null ? "" : reason);
        return m.find() ? "（" + m.group(1) + "）" : "";
    }

    /**
     * Replaces coded values (properties with a {@code hub:codeList}) by their code's notation, whatever name of
     * the code the source used.
     *
     * @return null when every coded value names a code, else the reason naming the column and the code list
     */
    private String toCodes(Map<String, Object> props, Map<String, String> fieldsByProperty,
                           java.util.function.Function<String, java.util.Optional<PropertyDef>> definition) {
        for (Map.Entry<String, Object> e : props.entrySet()) {
            PropertyDef p = definition.apply(e.getKey()).orElse(null);
            if (p == null || p.codeList() == null) {
                continue;
            }
            CodeList list = ontology.codeList(p.codeList());
            var code = list.resolve(e.getValue().toString());
            if (code.isEmpty()) {
                CompiledField f = fields.get(fieldsByProperty.get(e.getKey()));
                String source = list.source() == null ? "" : "（" + list.source() + "）";
                return "%s (%s)：'%s' 不是《%s》%s中的代码 / '%s' is not a code of the %s".formatted(f.from(), f.name(),
                        e.getValue(), list.labelZh(), source, e.getValue(), list.labelEn());
            }
            e.setValue(code.get().notation());
        }
        return null;
    }

    /** The mapped properties (property name -> field name) whose field has a value in this record. */
    private static Map<String, Object> present(Map<String, String> mapping, Map<String, Object> values) {
        Map<String, Object> props = new LinkedHashMap<>();
        mapping.forEach((prop, field) -> {
            Object v = values.get(field);
            if (v != null) {
                props.put(prop, v);
            }
        });
        return props;
    }

    private Object lookup(Map<String, Object> values, String column) {
        if (!caseInsensitiveColumns) {
            return values.get(column);
        }
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (e.getKey().equalsIgnoreCase(column)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static String rawText(Object v) {
        return switch (v) {
            // a JDBC TIMESTAMP (without time zone) holds the source's local time: the datetime normaliser reads it in
            // the source's zone; TIMESTAMP WITH TIME ZONE arrives as OffsetDateTime and keeps its offset
            case java.sql.Timestamp t -> t.toLocalDateTime().toString();
            case java.sql.Date d -> d.toLocalDate().toString();
            case java.math.BigDecimal b -> b.toPlainString();
            case java.time.temporal.TemporalAccessor t -> t.toString();
            default -> v.toString();
        };
    }

    private String recordKey(Map<String, Object> values) {
        Matcher m = KEY_PART.matcher(definition.recordKey());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object v = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v == null ? "" : v.toString()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private CompiledField compileField(String name, FieldSpec f) {
        if (f == null || f.from() == null) {
            throw problem("fields." + name, "'from' (the column or JSON path) is required");
        }
        String normaliser = f.normalise() == null ? "text" : f.normalise();
        try {
            return new CompiledField(name, f.from(), normaliser, Normalisers.byName(normaliser, definition.zoneId()), f.required());
        } catch (IllegalArgumentException e) {
            throw problem("fields." + name + ".normalise", e.getMessage());
        }
    }

    private CompiledEntity compileEntity(String alias, EntitySpec e, Ontology ontology) {
        String path = "entities." + alias;
        if (e == null || e.type() == null) {
            throw problem(path, "'type' (an ontology node label) is required");
        }
        NodeType type;
        try {
            type = ontology.nodeType(e.type());
        } catch (OntologyException ex) {
            throw problem(path + ".type", ex.getMessage());
        }
        Map<String, String> props = e.properties() == null ? Map.of() : e.properties();
        props.forEach((prop, field) -> {
            if (type.property(prop).isEmpty()) {
                throw problem(path + ".properties." + prop, type.label() + " has no property '" + prop + "'; it has "
                        + type.properties().stream().map(p -> p.name()).toList());
            }
            ontology.derivations(type).forEach((derived, from) -> {
                if (derived.name().equals(prop)) {
                    throw problem(path + ".properties." + prop, "'" + prop + "' is derived from '" + from.name()
                            + "' (the ontology's hub:derivedFrom); map '" + from.name() + "' and it is set by itself");
                }
            });
            requireField(path + ".properties." + prop, field);
        });
        String keyField = props.get(type.key().name());
        if (keyField == null) {
            throw problem(path + ".properties", "must map " + type.label() + "'s key property '" + type.key().name() + "'");
        }
        WriteMode mode = switch (e.mode() == null ? "fill" : e.mode()) {
            case "authoritative" -> WriteMode.AUTHORITATIVE;
            case "fill" -> WriteMode.FILL;
            case "reference" -> WriteMode.REFERENCE;
            default -> throw problem(path + ".mode", "must be authoritative, fill or reference, was " + e.mode());
        };
        if (e.primary() && mode == WriteMode.REFERENCE) {
            throw problem(path + ".mode", "the primary entity cannot be a reference");
        }
        return new CompiledEntity(alias, type, keyField, Map.copyOf(props), mode, e.primary());
    }

    private CompiledRelationship compileRelationship(String path, RelationshipSpec r, Ontology ontology) {
        if (r == null || r.type() == null) {
            throw problem(path, "'type' (an ontology relationship type) is required");
        }
        RelationshipType type;
        try {
            type = ontology.relationshipType(r.type());
        } catch (OntologyException ex) {
            throw problem(path + ".type", ex.getMessage());
        }
        CompiledEntity from = entity(path + ".from", r.from());
        CompiledEntity to = entity(path + ".to", r.to());
        type.from().ifPresent(t -> {
            if (!isA(from.type(), t)) {
                throw problem(path, r.type() + " starts at a " + t.label() + ", but '" + r.from() + "' is a " + from.type().label());
            }
        });
        type.to().ifPresent(t -> {
            if (!isA(to.type(), t)) {
                throw problem(path, r.type() + " ends at a " + t.label() + ", but '" + r.to() + "' is a " + to.type().label());
            }
        });
        Map<String, String> props = r.properties() == null ? Map.of() : r.properties();
        props.forEach((prop, field) -> {
            if (type.property(prop).isEmpty()) {
                throw problem(path + ".properties." + prop, r.type() + " has no property '" + prop + "'");
            }
            requireField(path + ".properties." + prop, field);
        });
        return new CompiledRelationship(type, r.from(), r.to(), Map.copyOf(props));
    }

    /** @return true if {@code actual} is {@code expected} or one of its subclasses (a ParkingObservation is an Observation) */
    private static boolean isA(NodeType actual, NodeType expected) {
        return expected.label().equals(actual.label()) || actual.superClasses().contains(expected.iri());
    }

    private CompiledEntity entity(String path, String alias) {
        return entities.stream().filter(e -> e.alias().equals(alias)).findFirst()
                .orElseThrow(() -> problem(path, "'" + alias + "' is not an entity alias of this source"));
    }

    private void requireField(String path, String field) {
        if (!fields.containsKey(field)) {
            throw problem(path, "'" + field + "' is not a declared field; fields are " + fields.keySet());
        }
    }

    private SourceDefinitionException problem(String path, String message) {
        return new SourceDefinitionException("source " + definition.id() + ", " + path + ": " + message, path);
    }



    @Override
    public String toString() {
        return "SourceMapping[" + definition.id() + "]";
    }

}

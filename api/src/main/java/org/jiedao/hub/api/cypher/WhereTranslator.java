package org.jiedao.hub.api.cypher;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jiedao.hub.api.schema.FieldBinding;
import org.jiedao.hub.api.schema.SchemaBuilder;
import org.jiedao.hub.api.schema.SchemaBuilder.Field;
import org.jiedao.hub.loaders.normalise.NormalisationException;
import org.jiedao.hub.loaders.normalise.Normalisers;
import org.jiedao.hub.ontology.CodeList;
import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.PropertyDef;
import org.neo4j.cypherdsl.core.Condition;
import org.neo4j.cypherdsl.core.Cypher;
import org.neo4j.cypherdsl.core.Expression;
import org.neo4j.cypherdsl.core.Node;
import org.neo4j.cypherdsl.core.Relationship;
import org.neo4j.cypherdsl.core.Where;

/**
 * Turns a GraphQL {@code where} argument ({@code PersonWhere}, see {@code docs/graphql/querying.md}) into a Cypher-DSL
 * {@link Condition} on a node. Values enter only as anonymous parameters; only property names, labels and
 * relationship types from the ontology enter the text.
 *
 * <p>Shape of the argument (a map as graphql-java coerces it):
 * <ul>
 *   <li>{@code AND: [Where!]}, {@code OR: [Where!]}, {@code NOT: Where}; the keys of one map are AND-ed; an empty
 *       map matches everything, an empty {@code OR} list nothing;</li>
 *   <li>a stored property: a {@code StringFilter} ({@code eq ne in contains startsWith endsWith gt gte lt lte isNull})
 *       or, for a property with a code list, an enum filter ({@code eq ne in isNull}) whose values are the codes'
 *       notations (graphql-java maps the enum names to them) or enum names; the operators of one filter are AND-ed;</li>
 *   <li>a relationship field: {@code {some: Where, none: Where, all: Where}} on the node type it reaches
 *       ({@code all} holds when no related node fails the condition, so also when there is none).</li>
 * </ul>
 * Operands are compared in the stored type ({@link PropertyValues}): dates as dates, date-times as instants,
 * integers and decimals as numbers. On properties with a normaliser ({@code hub:normaliser}), {@code eq}, {@code ne}
 * and {@code in} operands are normalised the way the loaders normalise data, so a 15-digit ID number finds the
 * 18-digit one. A missing property matches only {@code isNull: true}; negations ({@code NOT}, {@code all}) treat an
 * unknown comparison as false (two-valued logic), so {@code NOT} of a filter matches the nodes the filter does not.
 *
 * <p>With {@code asOf} (a date), relationship filters consider only relationships valid on that day: relationship
 * properties {@code validFrom <= asOf < validTo} (half-open, a missing bound is open), and related nodes with
 * {@code issuedOn}/{@code expiresOn} or {@code validFrom}/{@code validTo} of their own (certificates, permits)
 * {@code issuedOn <= asOf <= expiresOn} (last day inclusive).
 *
 * <p>Variables introduced for relationship filters are named after the node they start from
 * ({@code n0_w0}, {@code n0_w0_w1}, ...), deterministic so that equal queries give equal statements (Neo4j plan cache).
 */
public final class WhereTranslator {
    private final Map<String, Map<String, Field>> fields;
    private final Ontology ontology;
    private final RowScope scope;

    /**
     * @param schema   the schema whose types give the filterable fields
     * @param ontology the ontology (code lists)
     */
    public WhereTranslator(SchemaBuilder schema, Ontology ontology) {
        this.ontology = ontology;
        this.scope = RowScope.NONE;
        this.fields = new LinkedHashMap<>();
        schema.fieldsByType().forEach((type, list) -> {
            Map<String, Field> byName = new LinkedHashMap<>();
            list.forEach(f -> byName.put(f.name(), f));
            fields.put(type, byName);
        });
    }

    private WhereTranslator(WhereTranslator unscoped, RowScope scope) {
        this.fields = unscoped.fields;
        this.ontology = unscoped.ontology;
        this.scope = scope;
    }

    /**
     * @param scope a request's row-level scope
     * @return a translator whose relationship filters ({@code some}, {@code none}, {@code all}) consider only the
     *         related nodes in that scope
     */
    public WhereTranslator scoped(RowScope scope) {
        return scope.isNone() && this.scope.isNone() ? this : new WhereTranslator(this, scope);
    }

    /**
     * @param type  the node's type
     * @param node  the node, named
     * @param where the {@code where} argument, or null
     * @return the condition ({@link Cypher#noCondition()} when there is nothing to filter)
     * @throws BadUserInputException if a value does not parse in its property's stored type (the message names
     *                               the argument path from {@code where})
     */
    public Condition condition(NodeType type, Node node, Map<String, ?> where) {
        return condition(type, node, where, null, "where");
    }

    /**
     * @param type  the node's type
     * @param node  the node, named
     * @param where the {@code where} argument, or null
     * @param asOf  the day relationship filters are evaluated on, or null for every relationship
     * @param path  the argument's path for error messages, e.g. {@code where} or {@code vehicles.where}
     * @return the condition ({@link Cypher#noCondition()} when there is nothing to filter)
     * @throws BadUserInputException if a value does not parse in its property's stored type, naming the path
     */
    public Condition condition(NodeType type, Node node, Map<String, ?> where, LocalDate asOf, String path) {
        Condition c = where == null ? null : where(type, node, where, asOf, path, new Names(node));
        return c == null ? Cypher.noCondition() : c;
    }

    /**
     * The validity of a node that carries its own period (certificates {@code issuedOn}/{@code expiresOn}, permits
     * {@code validFrom}/{@code validTo}): {@code start <= asOf <= end}, last day inclusive, a missing bound open.
     *
     * @param type the node's type
     * @param node the node
     * @param asOf the day, or null
     * @return the condition, or null when the type has no period or {@code asOf} is null
     */
    public static Condition nodeValidOn(NodeType type, Node node, LocalDate asOf) {
        if (asOf == null) {
            return null;
        }
        for (String[] bounds : new String[][] {{"issuedOn", "expiresOn"}, {"validFrom", "validTo"}}) {
            if (type.property(bounds[0]).isPresent() && type.property(bounds[1]).isPresent()) {
                Expression day = Cypher.anonParameter(asOf);
                Expression day2 = Cypher.anonParameter(asOf);
                return node.property(bounds[0]).isNull().or(node.property(bounds[0]).lte(day))
                        .and(node.property(bounds[1]).isNull().or(node.property(bounds[1]).gte(day2)));
            }
        }
        return null;
    }

    private Condition where(NodeType type, Node node, Map<String, ?> where, LocalDate asOf, String path, Names names) {
        Condition all = null;
        for (Map.Entry<String, ?> e : where.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            if (value == null) {
                continue;
            }
            String at = path + "." + key;
            Condition c = switch (key) {
                case "AND" -> {
                    Condition and = null;
                    int i = 0;
                    for (Object w : list(value)) {
                        and = and(and, where(type, node, map(w, at), asOf, at + "[" + i++ + "]", names));
                    }
                    yield and;
                }
                case "OR" -> {
                    Condition or = null;
                    int i = 0;
                    for (Object w : list(value)) {
                        Condition alt = where(type, node, map(w, at), asOf, at + "[" + i++ + "]", names);
                        if (alt == null) {
                            yield null; // one alternative matches everything
                        }
                        or = or == null ? alt : or.or(alt);
                    }
                    yield or == null ? Cypher.literalFalse().asCondition() : or;
                }
                case "NOT" -> {
                    Condition inner = where(type, node, map(value, at), asOf, at, names);
                    yield inner == null ? Cypher.literalFalse().asCondition() : Cypher.not(known(inner));
                }
                default -> field(type, node, key, map(value, at), asOf, at, names);
            };
            all = and(all, c);
        }
        return all;
    }

    private Condition field(NodeType type, Node node, String name, Map<String, ?> filter, LocalDate asOf, String path, Names names) {
        Field f = fields.getOrDefault(type.label(), Map.of()).get(name);
        return switch (f == null ? null : f.binding()) {
            case FieldBinding.Property p -> property(p.property(), node.property(p.property().name()), filter, path);
            case FieldBinding.Relationship r -> relationship(node, r, filter, asOf, path, names);
            case null, default -> throw new BadUserInputException("%s: %s has no filterable field '%s'".formatted(path, type.label(), name));
        };
    }

    private Condition relationship(Node node, FieldBinding.Relationship r, Map<String, ?> filter, LocalDate asOf, String path, Names names) {
        Condition all = null;
        for (Map.Entry<String, ?> e : filter.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            String at = path + "." + e.getKey();
            Node target = Cypher.node(r.target().label()).named(names.next());
            Relationship rel = (r.forward() ? node.relationshipTo(target, r.type().type()) : node.relationshipFrom(target, r.type().type()))
                    .named(target.getRequiredSymbolicName().getValue() + "_r");
            Condition valid = and(relationshipValidOn(r, rel, asOf), nodeValidOn(r.target(), target, asOf));
            if (scope.restricts(r.target())) {
                valid = and(valid, scope.condition(r.target(), target));
            }
            Condition inner = where(r.target(), target, map(e.getValue(), at), asOf, at, new Names(target));
            Condition c = switch (e.getKey()) {
                case "some" -> exists(rel, and(valid, inner));
                case "none" -> Cypher.not(exists(rel, and(valid, inner)));
                case "all" -> inner == null ? null : Cypher.not(exists(rel, and(valid, Cypher.not(known(inner)))));
                default -> throw new BadUserInputException("%s: use some, none or all".formatted(at));
            };
            all = and(all, c);
        }
        return all;
    }

    private static Condition relationshipValidOn(FieldBinding.Relationship r, Relationship rel, LocalDate asOf) {
        if (asOf == null || r.type().property("validFrom").isEmpty() || r.type().property("validTo").isEmpty()) {
            return null;
        }
        return rel.property("validFrom").isNull().or(rel.property("validFrom").lte(Cypher.anonParameter(asOf)))
                .and(rel.property("validTo").isNull().or(rel.property("validTo").gt(Cypher.anonParameter(asOf))));
    }

    private static Condition exists(Relationship rel, Condition where) {
        return where == null ? Cypher.exists(List.of(rel)) : Cypher.exists(List.of(rel), Where.from(where));
    }

    private Condition property(PropertyDef p, Expression prop, Map<String, ?> filter, String path) {
        Condition all = null;
        for (Map.Entry<String, ?> e : filter.entrySet()) {
            Object value = e.getValue();
            if (value == null) {
                continue;
            }
            String op = e.getKey();
            String at = path + "." + op;
            Condition c = switch (op) {
                case "isNull" -> Boolean.TRUE.equals(value) ? prop.isNull() : prop.isNotNull();
                case "in" -> {
                    List<Object> operands = new ArrayList<>();
                    int i = 0;
                    for (Object v : list(value)) {
                        operands.add(operand(p, at + "[" + i++ + "]", v, true));
                    }
                    yield compare(op, prop, operands);
                }
                case "eq", "ne" -> compare(op, prop, operand(p, at, value, true));
                case "gt", "gte", "lt", "lte" -> compare(op, prop, operand(p, at, value, false));
                case "contains", "startsWith", "endsWith" -> {
                    if (PropertyValues.kind(p) != PropertyValues.Kind.STRING || p.codeList() != null) {
                        throw new BadUserInputException("%s: %s applies to text, and %s is not text".formatted(at, op, p.name()));
                    }
                    yield compare(op, prop, String.valueOf(value));
                }
                default -> throw new BadUserInputException("%s: unknown operator '%s'".formatted(at, op));
            };
            all = and(all, c);
        }
        return all;
    }

    /** @return the operand in the stored type: a code's notation, a normalised key, a date, a number... */
    private Object operand(PropertyDef p, String path, Object value, boolean normalise) {
        String text = String.valueOf(value);
        if (p.codeList() != null) {
            CodeList list = ontology.codeList(p.codeList());
            return list.byNotation(text).or(() -> list.codes().stream().filter(c -> c.enumName().equals(text)).findFirst())
                    .map(CodeList.Code::notation)
                    .orElseThrow(() -> new BadUserInputException("%s: '%s' is no %s".formatted(path, text, list.enumName())));
        }
        if (PropertyValues.kind(p) == PropertyValues.Kind.DATE_TIME) {
            return PropertyValues.dateTime(path, text);
        }
        if (normalise && p.normaliser() != null && PropertyValues.kind(p) == PropertyValues.Kind.STRING) {
            try {
                Object normalised = Normalisers.forProperty(p).normalise(text);
                return normalised == null ? text : normalised;
            } catch (NormalisationException e) {
                throw new BadUserInputException("%s: %s".formatted(path, e.getMessage()));
            }
        }
        return PropertyValues.parse(p, path, text);
    }

    /** A comparison; a date-time operand is compared in both stored forms, of which exactly one is comparable. */
    private static Condition compare(String op, Expression prop, Object operand) {
        if (operand instanceof PropertyValues.DateTime t) {
            return compare(op, prop, t.zoned()).or(compare(op, prop, t.local()));
        }
        if (operand instanceof List<?> l && l.stream().anyMatch(PropertyValues.DateTime.class::isInstance)) {
            List<Object> zoned = l.stream().map(x -> (Object) ((PropertyValues.DateTime) x).zoned()).toList();
            List<Object> local = l.stream().map(x -> (Object) ((PropertyValues.DateTime) x).local()).toList();
            return compare(op, prop, zoned).or(compare(op, prop, local));
        }
        Expression v = Cypher.anonParameter(operand);
        return switch (op) {
            case "eq" -> prop.eq(v);
            case "ne" -> prop.ne(v);
            case "in" -> prop.in(v);
            case "gt" -> prop.gt(v);
            case "gte" -> prop.gte(v);
            case "lt" -> prop.lt(v);
            case "lte" -> prop.lte(v);
            case "contains" -> prop.contains(v);
            case "startsWith" -> prop.startsWith(v);
            case "endsWith" -> prop.endsWith(v);
            default -> throw new IllegalArgumentException(op);
        };
    }

    /** @return the condition with unknown (null) read as false, for negation */
    private static Condition known(Condition c) {
        return Cypher.coalesce(c, Cypher.literalFalse()).asCondition();
    }

    private static Condition and(Condition a, Condition b) {
        return a == null ? b : b == null ? a : a.and(b);
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of(value); // GraphQL input coercion: a single value is a list of one
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> map(Object value, String path) {
        if (value instanceof Map<?, ?> m) {
            return (Map<String, ?>) m;
        }
        throw new BadUserInputException("%s: expected an input object".formatted(path));
    }

    /** Names of the variables of relationship filters, after the node they start from. */
    private static final class Names {
        private final String base;
        private int next;

        Names(Node node) {
            this.base = node.getRequiredSymbolicName().getValue();
        }

        String next() {
            return base + "_w" + next++;
        }
    }
}

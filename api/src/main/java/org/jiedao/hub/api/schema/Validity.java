package org.jiedao.hub.api.schema;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.PropertyDef;
import org.neo4j.cypherdsl.core.Condition;
import org.neo4j.cypherdsl.core.Cypher;
import org.neo4j.cypherdsl.core.Expression;
import org.neo4j.cypherdsl.core.Node;
import org.neo4j.cypherdsl.core.PropertyContainer;
import org.neo4j.cypherdsl.core.Relationship;
import org.neo4j.cypherdsl.core.SortItem;

/**
 * When what a relationship field reaches is valid, derived from the ontology (nothing is listed by name of a type):
 * <ul>
 *   <li>a relationship type with {@code xsd:date} properties {@code validFrom} and {@code validTo}
 *       ({@code MEMBER_OF}, {@code RESIDES_AT}, {@code OWNS}): valid on a day when
 *       {@code validFrom <= day < validTo}, half-open as in ISO 8601 intervals and the W3C Time ontology's
 *       "hasBeginning / hasEnd" use for membership (the day a person moves out is no longer a day of membership);</li>
 *   <li>a target node type with {@code xsd:date} properties {@code issuedOn} and {@code expiresOn} (certificates:
 *       the ontology defines {@code expiresOn} as "the last day the certificate is valid"), or with node properties
 *       {@code validFrom} and {@code validTo} (parking permits: {@code validTo} is "the last day the permit is
 *       valid"): valid when {@code start <= day <= end}, the last day included.</li>
 * </ul>
 * A missing bound is open. Both kinds may apply to one field; then both must hold.
 *
 * @param windows the conditions that must all hold, at least one
 */
public record Validity(List<Window> windows) {

    /**
     * One validity interval.
     *
     * @param onRelationship true when the bounds are properties of the relationship, false when of the node reached
     * @param start          property name of the first valid day
     * @param end            property name of the end day
     * @param endInclusive   true when the end day is the last valid day, false when it is the first invalid day
     */
    public record Window(boolean onRelationship, String start, String end, boolean endInclusive) {
    }

    public Validity {
        windows = List.copyOf(windows);
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("a validity needs at least one window");
        }
    }

    /**
     * @param field a relationship field
     * @return its validity, or empty when neither the relationship nor the node it reaches has validity dates
     */
    public static Optional<Validity> of(FieldBinding.Relationship field) {
        List<Window> windows = new ArrayList<>();
        if (isDate(field.type().property("validFrom")) && isDate(field.type().property("validTo"))) {
            windows.add(new Window(true, "validFrom", "validTo", false));
        }
        nodeWindow(field.target()).ifPresent(windows::add);
        return windows.isEmpty() ? Optional.empty() : Optional.of(new Validity(windows));
    }

    /**
     * @param type a node type
     * @return the validity of its nodes themselves (certificates, permits), or empty
     */
    public static Optional<Validity> ofNodes(NodeType type) {
        return nodeWindow(type).map(w -> new Validity(List.of(w)));
    }

    private static Optional<Window> nodeWindow(NodeType target) {
        if (isDate(target.property("issuedOn")) && isDate(target.property("expiresOn"))) {
            return Optional.of(new Window(false, "issuedOn", "expiresOn", true));
        }
        if (isDate(target.property("validFrom")) && isDate(target.property("validTo"))) {
            return Optional.of(new Window(false, "validFrom", "validTo", true));
        }
        return Optional.empty();
    }

    private static boolean isDate(Optional<PropertyDef> p) {
        return p.isPresent() && p.get().datatype().equals("date");
    }

    /**
     * The Cypher condition "valid on {@code day}"; the day enters as a parameter.
     *
     * @param relationship the relationship followed (used by relationship windows; may be null when there is none)
     * @param target       the node reached
     * @param day          the day asked about
     * @return a condition on the relationship and node properties
     */
    public Condition condition(Relationship relationship, Node target, LocalDate day) {
        Condition all = Cypher.noCondition();
        for (Window w : windows) {
            PropertyContainer holder = w.onRelationship() ? relationship : target;
            if (holder == null) {
                continue;
            }
            Expression asOf = Cypher.anonParameter(day);
            Expression start = holder.property(w.start());
            Expression end = holder.property(w.end());
            all = all.and(start.isNull().or(start.lte(asOf)))
                    .and(end.isNull().or(w.endInclusive() ? asOf.lte(end) : asOf.lt(end)));
        }
        return all;
    }

    /**
     * The order that puts the latest validity first: by end descending, where Neo4j orders a missing (open) end
     * first (Cypher manual, "ORDER BY": null sorts last ascending, first descending), then by start descending.
     *
     * @param relationship the relationship followed
     * @param target       the node reached
     * @return sort items for {@code ORDER BY}
     */
    public List<SortItem> latestFirst(Relationship relationship, Node target) {
        List<SortItem> order = new ArrayList<>();
        for (Window w : windows) {
            PropertyContainer holder = w.onRelationship() ? relationship : target;
            order.add(holder.property(w.end()).descending());
            order.add(holder.property(w.start()).descending());
        }
        return order;
    }

    /**
     * @param f a field of a generated type
     * @return its arguments in SDL, e.g. {@code (asOf: String)}, or an empty string
     */
    public static String arguments(SchemaBuilder.Field f) {
        Optional<Validity> validity = switch (f.binding()) {
            case FieldBinding.Relationship r -> Validity.of(r);
            case FieldBinding.Aggregate a -> Validity.of(a.relationship());
            default -> Optional.empty();
        };
        return validity.isPresent() ? "(" + ASOF_ARGUMENT + ")" : "";
    }

    /** The {@code asOf} argument in SDL, with its description. */
    public static final String ASOF_ARGUMENT = "\"\"\"keep only what is valid on this day, YYYY-MM-DD (validFrom <= asOf < validTo on"
            + " relationships; issuedOn/validFrom <= asOf <= expiresOn/validTo on certificates and permits); applies to the"
            + " fields below too; null: the whole history\"\"\" asOf: String";
}

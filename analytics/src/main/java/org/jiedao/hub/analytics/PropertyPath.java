package org.jiedao.hub.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.PropertyDef;
import org.jiedao.hub.ontology.RelationshipType;

/**
 * A path from a node type to one of the ontology's datatype properties, written with the API's field names:
 * {@code Person.name}, {@code Person.address.text} (follows {@code RESIDES_AT}),
 * {@code Person.household.householdNumber}, {@code Person.certificates[DisabilityCertificate].certificateNumber}
 * (follows {@code HELD_BY} backwards, to certificates labelled {@code DisabilityCertificate} only). The first part
 * is a node label; each middle part a relationship field of the type reached (forward or inverse, as
 * {@code hub:forwardField} / {@code hub:inverseField} name it), optionally narrowed by {@code [Label]} to a subclass of
 * its range; the last part a datatype property of the type reached.
 *
 * @param text     the path as written
 * @param root     the type the path starts at
 * @param steps    the relationships followed, in order
 * @param type     the type of the node that holds the property
 * @param property the property
 */
public record PropertyPath(String text, NodeType root, List<Step> steps, NodeType type, PropertyDef property) {
    private static final Pattern PART = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)(?:\\[([A-Za-z][A-Za-z0-9_]*)])?");

    /**
     * One relationship followed.
     *
     * @param relationship the relationship type, e.g. {@code RESIDES_AT}
     * @param outgoing     whether it is followed from its start to its end
     * @param target       the label of the node reached
     */
    public record Step(String relationship, boolean outgoing, String target) {
    }

    /**
     * Parses and checks a path against the ontology.
     *
     * @param ontology the ontology
     * @param text     the path, e.g. {@code Person.address.text}
     * @return the path
     * @throws IllegalArgumentException naming the part that is not in the ontology (unknown type, relationship field,
     *                                  subclass or property)
     */
    public static PropertyPath parse(Ontology ontology, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty property path");
        }
        String[] parts = text.trim().split("\\.");
        if (parts.length < 2) {
            throw new IllegalArgumentException("property path '" + text + "' must be <Type>.<property> or <Type>.<field>...<property>");
        }
        NodeType type = ontology.findNodeType(parts[0])
                .orElseThrow(() -> new IllegalArgumentException("unknown type '" + parts[0] + "' in property path '" + text + "'"));
        NodeType root = type;
        List<Step> steps = new ArrayList<>();
        for (int i = 1; i < parts.length - 1; i++) {
            Matcher m = PART.matcher(parts[i]);
            if (!m.matches()) {
                throw new IllegalArgumentException("bad part '" + parts[i] + "' in property path '" + text + "'");
            }
            NodeType from = type;
            RelationshipType rel = null;
            boolean outgoing = true;
            for (RelationshipType r : ontology.relationshipTypes()) {
                if (m.group(1).equals(r.forwardField()) && r.from().isPresent() && isA(ontology, from, r.from().get())) {
                    rel = r;
                    outgoing = true;
                    break;
                }
                if (m.group(1).equals(r.inverseField()) && r.to().isPresent() && isA(ontology, from, r.to().get())) {
                    rel = r;
                    outgoing = false;
                    break;
                }
            }
            if (rel == null) {
                throw new IllegalArgumentException("'" + m.group(1) + "' is not a relationship field of " + from.label()
                        + " in property path '" + text + "'");
            }
            NodeType reached = (outgoing ? rel.to() : rel.from()).orElseThrow();
            if (m.group(2) != null) {
                NodeType narrowed = ontology.findNodeType(m.group(2)).orElseThrow(
                        () -> new IllegalArgumentException("unknown type '" + m.group(2) + "' in property path '" + text + "'"));
                if (!isA(ontology, narrowed, reached)) {
                    throw new IllegalArgumentException(narrowed.label() + " is not a kind of " + reached.label()
                            + " in property path '" + text + "'");
                }
                reached = narrowed;
            }
            steps.add(new Step(rel.type(), outgoing, reached.label()));
            type = reached;
        }
        String last = parts[parts.length - 1];
        NodeType holder = type;
        PropertyDef property = holder.property(last).orElseThrow(
                () -> new IllegalArgumentException("unknown property '" + last + "' of " + holder.label() + " in property path '" + text + "'"));
        return new PropertyPath(text.trim(), root, List.copyOf(steps), holder, property);
    }

    /** @return whether {@code type} is {@code ancestor} or one of its subclasses */
    static boolean isA(Ontology ontology, NodeType type, NodeType ancestor) {
        return ontology.labels(type).contains(ancestor.label());
    }

    /**
     * The Cypher pattern from a bound node to the node holding the property, with identifiers {@code <prefix>1},
     * {@code <prefix>2}...; all names come from the ontology, never from input.
     *
     * @param start  the identifier of the bound start node
     * @param prefix the prefix of the identifiers of the nodes on the path
     * @return e.g. {@code (p)-[:RESIDES_AT]->(f1:Address)}, or {@code (p)} for a property of the start node
     */
    public String pattern(String start, String prefix) {
        StringBuilder b = new StringBuilder("(").append(start).append(')');
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            b.append(s.outgoing() ? "-[:" : "<-[:").append(s.relationship()).append(s.outgoing() ? "]->" : "]-")
                    .append('(').append(prefix).append(i + 1).append(':').append(s.target()).append(')');
        }
        return b.toString();
    }

    /**
     * @param start  the identifier of the bound start node
     * @param prefix the prefix used in {@link #pattern}
     * @return the identifier of the node holding the property
     */
    public String holder(String start, String prefix) {
        return steps.isEmpty() ? start : prefix + steps.size();
    }

    /** @return the first step's relationship type, if the path leaves its root */
    public Optional<Step> firstStep() {
        return steps.isEmpty() ? Optional.empty() : Optional.of(steps.getFirst());
    }
}

package org.jiedao.hub.api.cypher;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.PropertyDef;
import org.neo4j.cypherdsl.core.Condition;
import org.neo4j.cypherdsl.core.Cypher;
import org.neo4j.cypherdsl.core.Expression;
import org.neo4j.cypherdsl.core.Node;
import org.neo4j.cypherdsl.core.SortItem;

/**
 * The order of a list or connection: the properties of a {@code sort: [PersonSort!]} argument in the order given,
 * then the type's key ascending as the unique tie-breaker (when the key is sorted on, it ends the order: keys after
 * it never decide), so the key is always last, every two nodes are ordered and keyset pagination is exact.
 *
 * <p>Nulls follow Neo4j's ORDER BY: last when ascending, first when descending (Cypher manual, "ORDER BY",
 * ordering of null). {@link #after(Node, List)} builds the keyset condition "strictly after this row" with the same
 * null placement, so a page continues exactly where the previous one ended.
 *
 * @param keys the sort keys, tie-breaker included
 */
public record SortOrder(List<Key> keys) {

    /**
     * One sort key.
     *
     * @param property   the node property, or null for the node's element id (the tie-breaker when the caller may not
     *                   read the type's key in clear: a cursor must not carry it)
     * @param descending true for {@code DESC}
     */
    public record Key(PropertyDef property, boolean descending) {
        /** @return the key's name in a signature: the property's, or {@code elementId} */
        String name() {
            return property == null ? ELEMENT_ID : property.name();
        }

        /** @return the value sorted on, for a node */
        Expression of(Node node) {
            return property == null ? Cypher.elementId(node) : node.property(property.name());
        }
    }

    private static final String ELEMENT_ID = "elementId";

    /**
     * @param type the node type
     * @param sort the {@code sort} argument: a list of one-entry maps, property name to {@code ASC}/{@code DESC}; or null
     * @param path the argument path for error messages, e.g. {@code sort} or {@code vehicles.sort}
     * @return the order, ending with the key
     * @throws BadUserInputException if an element names no property of the type or more or less than one property
     */
    public static SortOrder of(NodeType type, List<?> sort, String path) {
        return of(type, sort, path, true);
    }

    /**
     * @param type     the node type
     * @param sort     the {@code sort} argument: a list of one-entry maps, property name to {@code ASC}/{@code DESC}; or null
     * @param path     the argument path for error messages, e.g. {@code sort} or {@code vehicles.sort}
     * @param keyClear whether the caller reads the type's key in clear; if not, the tie-breaker is the node's element
     *                 id (Neo4j {@code elementId()}, unique and stable while the node exists) instead of the key, so
     *                 neither cursors nor the order disclose the key
     * @return the order, ending with the tie-breaker
     * @throws BadUserInputException if an element names no property of the type or more or less than one property
     */
    public static SortOrder of(NodeType type, List<?> sort, String path, boolean keyClear) {
        List<Key> keys = new ArrayList<>();
        int i = 0;
        for (Object element : sort == null ? List.of() : sort) {
            String at = path + "[" + i++ + "]";
            List<Map.Entry<?, ?>> set = element instanceof Map<?, ?> m
                    ? m.entrySet().stream().filter(e -> e.getValue() != null).<Map.Entry<?, ?>>map(e -> e).toList() : List.of();
            if (set.size() != 1) {
                throw new BadUserInputException("%s: name exactly one field per sort element, e.g. [{name: ASC}, {birthDate: DESC}]".formatted(at));
            }
            String name = String.valueOf(set.getFirst().getKey());
            PropertyDef p = type.property(name)
                    .orElseThrow(() -> new BadUserInputException("%s: %s has no property '%s'".formatted(at, type.label(), name)));
            String direction = String.valueOf(set.getFirst().getValue());
            if (!direction.equals("ASC") && !direction.equals("DESC")) {
                throw new BadUserInputException("%s: sort direction is ASC or DESC".formatted(at));
            }
            if (keys.stream().noneMatch(k -> k.property().name().equals(name))) {
                keys.add(new Key(p, direction.equals("DESC")));
            }
            if (p.equals(type.key())) {
                break; // the key is unique: later keys never decide
            }
        }
        if (keys.stream().noneMatch(k -> type.key().equals(k.property()))) {
            keys.add(new Key(keyClear ? type.key() : null, false));
        }
        return new SortOrder(List.copyOf(keys));
    }

    /**
     * @param node the node sorted
     * @return the ORDER BY items
     */
    public SortItem[] items(Node node) {
        return keys.stream().map(k -> k.descending() ? k.of(node).descending() : k.of(node).ascending()).toArray(SortItem[]::new);
    }

    /**
     * @param node the node sorted
     * @return the list of its sort key values, tie-breaker last: what a cursor encodes
     */
    public Expression values(Node node) {
        return Cypher.listOf(keys.stream().map(k -> k.of(node)).toList());
    }

    /**
     * @return the order written as text ({@code name:ASC,idNumber:ASC}, or {@code name:ASC,elementId:ASC}); a cursor carries it so that it is not used
     *         with another order
     */
    public String signature() {
        return String.join(",", keys.stream().map(k -> k.name() + (k.descending() ? ":DESC" : ":ASC")).toList());
    }

    /**
     * The keyset condition: the node comes strictly after the row whose sort values are {@code last}, in this order
     * with Neo4j's null placement. For keys s1..sn it is the disjunction over i of "s1..s(i-1) equal and si after".
     *
     * @param node the node sorted
     * @param last the sort values of the last row of the previous page, one per key (nulls allowed except the key's)
     * @return the condition; values enter as parameters
     */
    public Condition after(Node node, List<Object> last) {
        Condition any = null;
        Condition equalSoFar = null;
        for (int i = 0; i < keys.size(); i++) {
            Key k = keys.get(i);
            Expression v = k.of(node);
            Object c = last.get(i);
            Condition after;
            Condition equal;
            if (c == null) {
                after = k.descending() ? v.isNotNull() : null; // ascending: null is last, nothing comes after it
                equal = v.isNull();
            } else {
                boolean tieBreaker = i == keys.size() - 1; // the key: never null
                after = k.descending() ? v.lt(Cypher.anonParameter(c))
                        : tieBreaker ? v.gt(Cypher.anonParameter(c)) : v.gt(Cypher.anonParameter(c)).or(v.isNull());
                equal = v.eq(Cypher.anonParameter(c));
            }
            if (after != null) {
                Condition term = equalSoFar == null ? after : equalSoFar.and(after);
                any = any == null ? term : any.or(term);
            }
            equalSoFar = equalSoFar == null ? equal : equalSoFar.and(equal);
        }
        return any == null ? Cypher.literalFalse().asCondition() : any;
    }
}

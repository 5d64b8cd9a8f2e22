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
     * @param property   the node property
     * @param descending true for {@code DESC}
     */
    public record Key(PropertyDef property, boolean descending) {
    }

    /**
     * @param type the node type
     * @param sort the {@code sort} argument: a list of one-entry maps, property name to {@code ASC}/{@code DESC}; or null
     * @param path the argument path for error messages, e.g. {@code sort} or {@code vehicles.sort}
     * @return the order, ending with the key
     * @throws BadUserInputException if an element names no property of the type or more or less than one property
     */
    public static SortOrder of(NodeType type, List<?> sort, String path) {
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
        if (keys.stream().noneMatch(k -> k.property().equals(type.key()))) {
            keys.add(new Key(type.key(), false));
        }
        return new SortOrder(List.copyOf(keys));
    }

    /**
     * @param node the node sorted
     * @return the ORDER BY items
     */
    public SortItem[] items(Node node) {
        return keys.stream().map(k -> k.descending() ? node.property(k.property().name()).descending()
                : node.property(k.property().name()).ascending()).toArray(SortItem[]::new);
    }

    /**
     * @param node the node sorted
     * @return the list of its sort key values, tie-breaker last: what a cursor encodes
     */
    public Expression values(Node node) {
        return Cypher.listOf(keys.stream().map(k -> (Expression) node.property(k.property().name())).toList());
    }

    /**
     * @return the order written as text ({@code name:ASC,idNumber:ASC}); a cursor carries it so that it is not used
     *         with another order
     */
    public String signature() {
        return String.join(",", keys.stream().map(k -> k.property().name() + (k.descending() ? ":DESC" : ":ASC")).toList());
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
            Expression v = node.property(k.property().name());
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

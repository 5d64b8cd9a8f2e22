package org.jiedao.hub.api.cypher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import graphql.schema.SelectedField;

import org.jiedao.hub.api.schema.AggregateTypes;
import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.PropertyDef;
import org.neo4j.cypherdsl.core.Condition;
import org.neo4j.cypherdsl.core.Cypher;
import org.neo4j.cypherdsl.core.Expression;
import org.neo4j.cypherdsl.core.Node;
import org.neo4j.cypherdsl.core.PatternElement;
import org.neo4j.cypherdsl.core.Statement;

/**
 * Translates a selection on an aggregate type ({@code PersonAggregate { count name { min max } }}) into Cypher
 * aggregating functions ({@code count}, {@code min}, {@code max}, {@code avg}, {@code sum}; Cypher manual,
 * "Aggregating functions"), computed in the same statement as the rest of the query:
 * <ul>
 *   <li>under a node, as a {@code COLLECT} subquery expression that returns one row (aggregation without grouping
 *       keys always does, with {@code count} 0 and {@code null} for the others when nothing matches):
 *       {@code head(COLLECT { MATCH (n)-[:OWNS]->(v:Vehicle) WHERE ... RETURN {count: count(v), ...} })};</li>
 *   <li>at the root, as the statement's own {@code RETURN}.</li>
 * </ul>
 * The result is a map keyed by the selection's response keys (aliases where given): {@code count} an integer, each
 * property a map of {@code min}/{@code max}/{@code avg}/{@code sum}. Only property names from the ontology enter the
 * text; conditions bring their values as parameters.
 */
public final class Aggregations {
    private Aggregations() {
    }

    /**
     * @param pattern  the relationship pattern from the (outer, already bound) node to the nodes aggregated over
     * @param target   the node aggregated over, as named in {@code pattern}
     * @param type     its node type
     * @param where    what the aggregated nodes must satisfy ({@code Cypher.noCondition()} for all)
     * @param selected the aggregate field's selection ({@code count}, properties)
     * @return an expression giving the aggregate map for the outer node
     */
    public static Expression nested(PatternElement pattern, Node target, NodeType type, Condition where,
                                    List<SelectedField> selected) {
        Statement s = Cypher.match(pattern).where(where).returning(aggregates(target, type, selected)).build();
        return Cypher.head(Cypher.collect(s));
    }

    /**
     * A whole statement aggregating over every node of a type.
     *
     * @param target   the node matched (with its labels)
     * @param type     its node type
     * @param where    what the nodes must satisfy ({@code Cypher.noCondition()} for all); the hook for a {@code where}
     *                 argument
     * @param selected the root field's selection
     * @return a statement returning one row with column {@code result}, the aggregate map
     */
    public static Statement root(Node target, NodeType type, Condition where, List<SelectedField> selected) {
        return Cypher.match(target).where(where).returning(aggregates(target, type, selected).as("result")).build();
    }

    /**
     * A whole statement aggregating over the nodes of a type in a row-level scope, matched from the scope's target
     * ({@link RowScope#start}): {@code MATCH <start> WHERE <in scope> WITH DISTINCT target WHERE <where> RETURN ...}.
     *
     * @param start    the pattern from the target node to the scope's target, and its condition
     * @param target   the node matched (with its labels), as named in {@code start}
     * @param type     its node type
     * @param where    what the nodes must satisfy besides the scope
     * @param selected the root field's selection
     * @return a statement returning one row with column {@code result}, the aggregate map
     */
    public static Statement root(RowScope.Start start, Node target, NodeType type, Condition where, List<SelectedField> selected) {
        return Cypher.match(start.pattern()).where(start.condition()).withDistinct(target).where(where)
                .returning(aggregates(target, type, selected).as("result")).build();
    }

    /**
     * @param target   the node aggregated over
     * @param type     its node type
     * @param selected selection on its aggregate type
     * @return the map of aggregating expressions, keyed by response key
     */
    static Expression aggregates(Node target, NodeType type, List<SelectedField> selected) {
        List<Object> entries = new ArrayList<>();
        for (Map.Entry<String, List<SelectedField>> e : byResultKey(selected).entrySet()) {
            String name = e.getValue().getFirst().getName();
            if (name.equals("count")) {
                entries.add(e.getKey());
                entries.add(Cypher.count(target));
                continue;
            }
            PropertyDef p = type.property(name).orElse(null);
            if (p == null || AggregateTypes.aggregateOf(p).isEmpty()) {
                continue; // __typename and the like: graphql-java answers those itself
            }
            Expression value = target.property(p.name());
            List<Object> functions = new ArrayList<>();
            List<SelectedField> sub = new ArrayList<>();
            e.getValue().forEach(sf -> sub.addAll(sf.getSelectionSet().getImmediateFields()));
            byResultKey(sub).forEach((key, fs) -> {
                Expression f = switch (fs.getFirst().getName()) {
                    case "min" -> Cypher.min(value);
                    case "max" -> Cypher.max(value);
                    case "avg" -> Cypher.avg(value);
                    case "sum" -> Cypher.sum(value);
                    default -> null;
                };
                if (f != null) {
                    functions.add(key);
                    functions.add(f);
                }
            });
            entries.add(e.getKey());
            entries.add(Cypher.mapOf(functions.toArray()));
        }
        return Cypher.mapOf(entries.toArray());
    }

    private static Map<String, List<SelectedField>> byResultKey(List<SelectedField> selected) {
        Map<String, List<SelectedField>> out = new LinkedHashMap<>();
        for (SelectedField sf : selected) {
            if (!sf.getName().startsWith("__")) {
                out.computeIfAbsent(sf.getResultKey(), k -> new ArrayList<>()).add(sf);
            }
        }
        return out;
    }
}

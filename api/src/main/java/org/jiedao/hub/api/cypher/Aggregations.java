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
 *
 * <p>k-anonymity (docs/security/access-policy.md): with {@code suppressBelow} = k &gt; 0, an aggregate over more than 0
 * and fewer than k nodes answers null for every value, {@code count} included
 * ({@code CASE WHEN 0 < count(n) < k THEN null ELSE ... END}, in the same statement).
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
     * @param suppressBelow k: aggregates over 1 to k - 1 nodes answer null; 0 for no suppression
     * @return an expression giving the aggregate map for the outer node
     */
    public static Expression nested(PatternElement pattern, Node target, NodeType type, Condition where,
                                    List<SelectedField> selected, int suppressBelow) {
        Statement s = Cypher.match(pattern).where(where).returning(aggregates(target, type, selected, suppressBelow)).build();
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
     * @param suppressBelow k: aggregates over 1 to k - 1 nodes answer null; 0 for no suppression
     * @return a statement returning one row with column {@code result}, the aggregate map
     */
    public static Statement root(Node target, NodeType type, Condition where, List<SelectedField> selected, int suppressBelow) {
        return Cypher.match(target).where(where).returning(aggregates(target, type, selected, suppressBelow).as("result")).build();
    }

    /**
     * @param count         a count
     * @param value         a value computed over the nodes counted
     * @param suppressBelow k, or 0 for no suppression
     * @return {@code CASE WHEN 0 < count < k THEN null ELSE value END}, or the value itself when k is 0
     */
    public static Expression suppressed(Expression count, Expression value, int suppressBelow) {
        if (suppressBelow <= 0) {
            return value;
        }
        return Cypher.caseExpression().when(count.gt(Cypher.literalOf(0)).and(count.lt(Cypher.literalOf(suppressBelow))))
                .then(Cypher.literalNull()).elseDefault(value);
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
     * @param suppressBelow k: aggregates over 1 to k - 1 nodes answer null; 0 for no suppression
     * @return a statement returning one row with column {@code result}, the aggregate map
     */
    public static Statement root(RowScope.Start start, Node target, NodeType type, Condition where, List<SelectedField> selected,
                                 int suppressBelow) {
        return Cypher.match(start.pattern()).where(start.condition()).withDistinct(target).where(where)
                .returning(aggregates(target, type, selected, suppressBelow).as("result")).build();
    }

    /**
     * @param target   the node aggregated over
     * @param type     its node type
     * @param selected selection on its aggregate type
     * @param suppressBelow k, or 0 for no suppression
     * @return the map of aggregating expressions, keyed by response key
     */
    static Expression aggregates(Node target, NodeType type, List<SelectedField> selected, int suppressBelow) {
        List<Object> entries = new ArrayList<>();
        for (Map.Entry<String, List<SelectedField>> e : byResultKey(selected).entrySet()) {
            String name = e.getValue().getFirst().getName();
            if (name.equals("count")) {
                entries.add(e.getKey());
                entries.add(suppressed(Cypher.count(target), Cypher.count(target), suppressBelow));
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
                    functions.add(suppressed(Cypher.count(target), f, suppressBelow));
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

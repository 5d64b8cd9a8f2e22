package org.jiedao.hub.api.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;

import org.jiedao.hub.loaders.normalise.NormalisationException;
import org.jiedao.hub.loaders.normalise.Normalisers;
import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.RelationshipType;
import org.jiedao.hub.api.cypher.RowScope;
import org.neo4j.cypherdsl.core.Condition;
import org.neo4j.cypherdsl.core.Cypher;
import org.neo4j.cypherdsl.core.NamedPath;
import org.neo4j.cypherdsl.core.Node;
import org.neo4j.cypherdsl.core.Statement;
import org.neo4j.cypherdsl.core.SymbolicName;
import org.neo4j.cypherdsl.core.renderer.Renderer;
import org.neo4j.driver.types.Path;

/**
 * The root field {@code path(from, to, maxHops)}: how two entities are connected, as the shortest path between
 * them over domain relationships, in either direction, of at most {@code maxHops} relationships.
 *
 * <p>Both ends are given as {@code NodeRef {type, key}}: {@code type} is a node label of the ontology (not a
 * provenance type) and {@code key} is normalised like the key lookups ({@code 110102900101001} finds the 18-digit
 * ID, {@code 京a·12345} the plate 京A12345). Domain relationships are those of the ontology whose two ends are
 * domain types: provenance nodes (types aligned with PROV-O: SourceRecord, QuarantinedRecord, Source,
 * IngestionRun) are never passed through, checked again on every node of the path. The answer is one statement:
 * {@code MATCH} both ends, {@code MATCH p = ANY SHORTEST (a)-[:T1|T2|...*0..maxHops]-(b)}; {@code maxHops} enters the
 * text as a literal after it was checked to lie in 1..{@link org.jiedao.hub.api.QueryLimits#maxPathHops()}.
 *
 * <p>With a row-level scope ({@link RowScope}) both ends and every node of the path must be in the caller's scope,
 * checked during the search ({@code scopedStatement}): an end out of scope answers null as if it did not exist.
 *
 * <p>Answers null when either end does not exist or no such path exists; a path of length 0 when both ends are the
 * same node. Errors ({@code BAD_USER_INPUT}): unknown or provenance type (the message lists the accepted ones), a
 * key its normaliser refuses, {@code maxHops} out of range.
 */
public final class PathField implements RootField {
    private static final Renderer RENDERER = Renderer.getDefaultRenderer();
    private static final String PROV = "http://www.w3.org/ns/prov#";

    @Override
    public String name() {
        return "path";
    }

    @Override
    public String fieldSdl(QueryContext context) {
        return """
                  \"""关联路径 / how two entities are connected: the shortest path over domain relationships (either \
                direction), at most maxHops relationships (1..%d); null when they are not connected\"""
                  path(from: NodeRef!, to: NodeRef!, maxHops: Int = 4): Path""".formatted(context.limits().maxPathHops());
    }

    @Override
    public String typesSdl(QueryContext context) {
        return """
                \"""实体引用 / an entity given by its type and key\"""
                input NodeRef {
                  \"""node label, e.g. Person, Vehicle, Case\"""
                  type: String!
                  \"""its key in any accepted written form, e.g. an ID number, a plate, a case number\"""
                  key: String!
                }

                \"""关联路径 / a path between two entities\"""
                type Path {
                  \"""number of relationships\"""
                  length: Int!
                  \"""the nodes, from the first entity to the second\"""
                  nodes: [PathNode!]!
                  \"""the relationships, in path order\"""
                  relationships: [PathRelationship!]!
                }

                \"""路径上的节点 / a node on a path\"""
                type PathNode {
                  \"""node label, e.g. Person\"""
                  type: String!
                  \"""its key\"""
                  key: String!
                  \"""what it is called: a name or address text, else its key\"""
                  label: String!
                }

                \"""路径上的关系 / a relationship on a path\"""
                type PathRelationship {
                  \"""relationship type, e.g. OWNS\"""
                  type: String!
                  \"""its Chinese / English label from the ontology\"""
                  label: String!
                  \"""index in nodes of its start node (the relationship points from it)\"""
                  from: Int!
                  \"""index in nodes of its end node\"""
                  to: Int!
                }
                """;
    }

    @Override
    public DataFetcher<?> fetcher(QueryContext context) {
        List<NodeType> domain = domainTypes(context);
        List<String> domainLabels = domain.stream().map(NodeType::label).toList();
        List<String> provenance = context.ontology().nodeTypes().stream().filter(PathField::isProvenance).map(NodeType::label).toList();
        String[] relTypes = context.ontology().relationshipTypes().stream()
                .filter(r -> r.from().isPresent() && r.to().isPresent()
                        && domainLabels.contains(r.from().get().label()) && domainLabels.contains(r.to().get().label()))
                .map(RelationshipType::type).toArray(String[]::new);
        int maxHopsLimit = context.limits().maxPathHops();
        Map<String, org.jiedao.hub.ontology.PropertyDef> labelProperties = SearchField.labelProperties(context);
        return env -> {
            Integer maxHops = env.getArgument("maxHops");
            if (maxHops == null || maxHops < 1 || maxHops > maxHopsLimit) {
                return UserInput.rejected(env, "path: maxHops must be between 1 and %d, was %s".formatted(maxHopsLimit, maxHops));
            }
            List<Node> ends = new ArrayList<>();
            RowScope scope = RowScope.of(env);
            Condition endsInScope = Cypher.noCondition();
            for (String arg : List.of("from", "to")) {
                Map<String, Object> ref = env.getArgument(arg);
                String label = (String) ref.get("type");
                NodeType type = domain.stream().filter(t -> t.label().equals(label)).findFirst().orElse(null);
                if (type == null) {
                    return UserInput.rejected(env, "path: %s.type '%s' is not a node type; use one of %s".formatted(arg, label, domainLabels));
                }
                Object key;
                try {
                    key = Normalisers.forProperty(type.key()).normalise((String) ref.get("key"));
                } catch (NormalisationException e) {
                    return UserInput.rejected(env, "path: %s.key (%s %s): %s".formatted(arg, label, type.key().name(), e.getMessage()));
                }
                if (key == null) {
                    return UserInput.rejected(env, "path: %s.key is empty".formatted(arg));
                }
                List<String> labels = context.ontology().labels(type);
                ends.add(Cypher.node(labels.getFirst(), labels.subList(1, labels.size())).named(arg.equals("from") ? "a" : "b")
                        .withProperties(type.key().name(), Cypher.anonParameter(key)));
                endsInScope = endsInScope.and(scope.condition(type, ends.getLast()));
            }
            if (!scope.isNone()) {
                Statement scoped = scopedStatement(ends, endsInScope, relTypes, maxHops, provenance, scope);
                return context.cypher().read(RENDERER.render(scoped), scoped.getCatalog().getParameters())
                        .thenApply(rows -> DataFetcherResult.newResult()
                                .data(rows.isEmpty() ? null : toPath((Path) rows.getFirst().get("p"), context, labelProperties)).build());
            }
            NamedPath p = Cypher.anyShortest().named("p")
                    .definedBy(ends.get(0).relationshipBetween(ends.get(1), relTypes).length(0, maxHops));
            Node x = Cypher.anyNode("x");
            Statement statement = Cypher.match(ends.get(0), ends.get(1))
                    .match(p)
                    .where(Cypher.none(x.getRequiredSymbolicName()).in(Cypher.nodes(p))
                            .where(Cypher.hasLabelsOrType(x.getRequiredSymbolicName(), provenance.toArray(String[]::new))))
                    .returning(p.getRequiredSymbolicName()).limit(1).build();
            return context.cypher().read(RENDERER.render(statement), statement.getCatalog().getParameters())
                    .thenApply(rows -> DataFetcherResult.newResult()
                            .data(rows.isEmpty() ? null : toPath((Path) rows.getFirst().get("p"), context, labelProperties)).build());
        };
    }

    /**
     * The statement for a caller with a row-level scope: both ends in scope, and every node of the path in scope and
     * not provenance, checked inside the shortest-path search, so a path is found around nodes out of scope and never
     * through them. Neo4j's {@code ANY SHORTEST} applies a {@code WHERE} after choosing the shortest path (a
     * post-filter) and does not accept subquery predicates inside its pattern (Neo4j 2026.08: "Did not find ... in the
     * slot configuration of FindShortestPaths"), so this uses {@code shortestPath()}, whose {@code all(...)} predicate
     * on the path's nodes is evaluated while the breadth-first search expands (Cypher manual, "Shortest path
     * planning").
     */
    private static Statement scopedStatement(List<Node> ends, Condition endsInScope, String[] relTypes, int maxHops,
                                             List<String> provenance, RowScope scope) {
        // Cypher-DSL builds shortestPath() patterns only internally: the subquery is raw text holding only ontology
        // names (quoted), the checked maxHops and the rendered scope condition (whose values are parameters)
        SymbolicName x = Cypher.name("x");
        Condition allowed = Cypher.not(Cypher.hasLabelsOrType(x, provenance.toArray(String[]::new))).and(scope.anyNode(x));
        String types = String.join("|", java.util.Arrays.stream(relTypes).map(t -> "`" + t.replace("`", "``") + "`").toList());
        return Cypher.match(ends.get(0), ends.get(1)).where(endsInScope)
                .callRawCypher("MATCH p = shortestPath((a)-[:" + types + "*0.." + maxHops + "]-(b))"
                        + " WHERE all(x IN nodes(p) WHERE $E) RETURN p LIMIT 1", allowed)
                .returning(Cypher.name("p")).build();
    }

    /** The path as the {@code Path} type shows it: nodes in path order, relationships with indexes into them. */
    private static Map<String, Object> toPath(Path path, QueryContext context, Map<String, org.jiedao.hub.ontology.PropertyDef> labels) {
        List<Map<String, Object>> nodes = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (org.neo4j.driver.types.Node n : path.nodes()) {
            ids.add(n.elementId());
            nodes.add(node(n, context, labels));
        }
        List<Map<String, Object>> rels = new ArrayList<>();
        int i = 0;
        for (org.neo4j.driver.types.Relationship r : path.relationships()) {
            // relationship i joins nodes i and i + 1; it points forward when it starts at node i
            boolean forward = r.startNodeElementId().equals(ids.get(i));
            RelationshipType type = context.ontology().relationshipType(r.type());
            Map<String, Object> rel = new LinkedHashMap<>();
            rel.put("type", r.type());
            rel.put("label", type.labelZh() + " / " + type.labelEn());
            rel.put("from", forward ? i : i + 1);
            rel.put("to", forward ? i + 1 : i);
            rels.add(rel);
            i++;
        }
        return Map.of("length", path.length(), "nodes", nodes, "relationships", rels);
    }

    /** A node as {@code PathNode}: its most specific domain type (a Complaint rather than a Case), key and label. */
    private static Map<String, Object> node(org.neo4j.driver.types.Node n, QueryContext context,
                                            Map<String, org.jiedao.hub.ontology.PropertyDef> labels) {
        NodeType type = null;
        for (String l : n.labels()) {
            NodeType t = context.ontology().findNodeType(l).orElse(null);
            if (t != null && (type == null || context.ontology().labels(t).size() > context.ontology().labels(type).size())) {
                type = t;
            }
        }
        if (type == null) {
            throw new IllegalStateException("a node of the path has no ontology label");
        }
        String key = String.valueOf(n.get(type.key().name()).asObject());
        org.jiedao.hub.ontology.PropertyDef labelProperty = labels.get(type.label());
        Object label = labelProperty == null ? null : n.get(labelProperty.name()).asObject();
        return Map.of("type", type.label(), "key", key, "label", label == null ? key : label.toString());
    }

    /** @return the exposed types that are not provenance: the types a path may start, end or pass at */
    private static List<NodeType> domainTypes(QueryContext context) {
        return context.schema().exposedTypes().stream().filter(t -> !isProvenance(t)).toList();
    }

    /** Provenance types are those the ontology aligns with PROV-O (prov:Entity, prov:Activity, prov:Agent). */
    private static boolean isProvenance(NodeType t) {
        return t.alignments().stream().anyMatch(a -> a.startsWith(PROV));
    }
}

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
import org.jiedao.hub.api.access.Access;
import org.jiedao.hub.api.access.FieldRule;
import org.jiedao.hub.graph.masking.Masks;
import org.jiedao.hub.api.cypher.BadUserInputException;
import org.jiedao.hub.api.cypher.RowScope;
import org.jiedao.hub.api.refs.NodeField;
import org.jiedao.hub.ontology.PropertyDef;
import org.neo4j.cypherdsl.core.Case;
import org.neo4j.cypherdsl.core.Condition;
import org.neo4j.cypherdsl.core.Cypher;
import org.neo4j.cypherdsl.core.Expression;
import org.neo4j.cypherdsl.core.SymbolicName;
import org.neo4j.cypherdsl.core.NamedPath;
import org.neo4j.cypherdsl.core.Node;
import org.neo4j.cypherdsl.core.Statement;
import org.neo4j.cypherdsl.core.StatementBuilder;
import org.neo4j.cypherdsl.core.SymbolicName;
import org.neo4j.cypherdsl.core.renderer.Renderer;

/**
 * The root field {@code path(from, to, maxHops)}: how two entities are connected, as the shortest path between
 * them over domain relationships, in either direction, of at most {@code maxHops} relationships.
 *
 * <p>Both ends are given as {@code NodeRef {type, key}} or {@code NodeRef {ref}}: {@code type} is a node label of the
 * ontology (not a provenance type) and {@code key} is normalised like the key lookups ({@code 110102900101001} finds
 * the 18-digit ID, {@code 京a·12345} the plate 京A12345); {@code ref} is a node ref ({@link
 * org.jiedao.hub.api.refs.NodeRefs}) naming the node instead. Path nodes carry their {@code ref}. Domain relationships are those of the ontology whose two ends are
 * domain types: provenance nodes (types aligned with PROV-O: SourceRecord, QuarantinedRecord, Source,
 * IngestionRun) are never passed through, checked again on every node of the path. The answer is one statement:
 * {@code MATCH} both ends, {@code MATCH p = ANY SHORTEST (a)-[:T1|T2|...*0..maxHops]-(b)}; {@code maxHops} enters the
 * text as a literal after it was checked to lie in 1..{@link org.jiedao.hub.api.QueryLimits#maxPathHops()}.
 *
 * <p>Access (docs/security/access-policy.md): a path passes only relationships whose two end types the role reads;
 * a {@code from} or {@code to} type it may not read, or (given by type and key) whose key it does not read in clear, is
 * refused before execution ({@code org.jiedao.hub.api.access.AccessGuard}). An end given by {@code ref} needs only that
 * the role reads its type: the hub sealed the key, so the caller cannot probe keys with it. The nodes' keys and labels are masked in the statement
 * like the fields they come from, and the statement returns only them, never whole nodes.
 *
 * <p>With a row-level scope ({@link RowScope}, docs/security/row-level-scope.md) both ends and every node of the path
 * must be in the caller's scope, checked during the search ({@code scopedPath}): an end out of scope answers null as
 * if it did not exist. The nodes are then shown (masked) in the same statement as for every other role.
 *
 * <p>Answers null when either end does not exist or no such path exists; a path of length 0 when both ends are the
 * same node. Errors ({@code BAD_USER_INPUT}): unknown or provenance type (the message lists the accepted ones), a
 * key its normaliser refuses, {@code maxHops} out of range, a ref this hub did not seal ("not a node reference of this
 * hub"), an end with both ref and type/key or with neither.
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
                \"""实体引用 / an entity given by its ref, or by its type and key\"""
                input NodeRef {
                  \"""node label, e.g. Person, Vehicle, Case (with key; not with ref)\"""
                  type: String
                  \"""its key in any accepted written form, e.g. an ID number, a plate, a case number (with type; not with ref)\"""
                  key: String
                  \"""the node's ref (the ref field of a node, search hit or path node), instead of type and key: usable even when the key is shown masked\"""
                  ref: ID
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
                  \"""%s\"""
                  ref: ID
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
                """.formatted(org.jiedao.hub.api.schema.SchemaBuilder.REF_DESCRIPTION);
    }

    @Override
    public DataFetcher<?> fetcher(QueryContext context) {
        List<NodeType> domain = domainTypes(context);
        List<String> domainLabels = domain.stream().map(NodeType::label).toList();
        List<String> provenance = context.ontology().nodeTypes().stream().filter(PathField::isProvenance).map(NodeType::label).toList();
        List<RelationshipType> domainRelationships = context.ontology().relationshipTypes().stream()
                .filter(r -> r.from().isPresent() && r.to().isPresent()
                        && domainLabels.contains(r.from().get().label()) && domainLabels.contains(r.to().get().label())).toList();
        // the most specific type first: a Complaint node is shown as a Complaint, not as a Case
        List<NodeType> specificFirst = domain.stream()
                .sorted(java.util.Comparator.comparingInt((NodeType t) -> -context.ontology().labels(t).size())).toList();
        int maxHopsLimit = context.limits().maxPathHops();
        Map<String, org.jiedao.hub.ontology.PropertyDef> labelProperties = SearchField.labelProperties(context);
        return env -> {
            Access access = Access.of(env);
            String[] relTypes = domainRelationships.stream()
                    .filter(r -> access.role().readsType(r.from().get().label()) && access.role().readsType(r.to().get().label()))
                    .map(RelationshipType::type).toArray(String[]::new);
            Integer maxHops = env.getArgument("maxHops");
            if (maxHops == null || maxHops < 1 || maxHops > maxHopsLimit) {
                return UserInput.rejected(env, "path: maxHops must be between 1 and %d, was %s".formatted(maxHopsLimit, maxHops));
            }
            List<Node> ends = new ArrayList<>();
            RowScope scope = RowScope.of(access);
            Condition endsInScope = Cypher.noCondition();
            for (String arg : List.of("from", "to")) {
                Map<String, Object> ref = env.getArgument(arg);
                String label = (String) ref.get("type");
                NodeType type;
                Object key;
                if (ref.get("ref") != null) {
                    if (label != null || ref.get("key") != null) {
                        return UserInput.rejected(env, "path: %s: give either ref, or type and key, not both".formatted(arg));
                    }
                    NodeField.Opened opened;
                    try {
                        opened = NodeField.open(context, ref.get("ref").toString(), "path: %s.ref".formatted(arg));
                    } catch (BadUserInputException e) {
                        return UserInput.rejected(env, e.getMessage());
                    }
                    type = opened.merged();
                    if (!domain.contains(type)) {
                        return UserInput.rejected(env, "path: %s.ref names a %s, where no path starts or ends; use a node of %s"
                                .formatted(arg, type.label(), domainLabels));
                    }
                    key = opened.key();
                } else {
                    if (label == null || ref.get("key") == null) {
                        return UserInput.rejected(env, "path: %s needs ref, or type and key".formatted(arg));
                    }
                    type = domain.stream().filter(t -> t.label().equals(label)).findFirst().orElse(null);
                    if (type == null) {
                        return UserInput.rejected(env, "path: %s.type '%s' is not a node type; use one of %s".formatted(arg, label, domainLabels));
                    }
                    try {
                        key = Normalisers.forProperty(type.key()).normalise((String) ref.get("key"));
                    } catch (NormalisationException e) {
                        return UserInput.rejected(env, "path: %s.key (%s %s): %s".formatted(arg, label, type.key().name(), e.getMessage()));
                    }
                    if (key == null) {
                        return UserInput.rejected(env, "path: %s.key is empty".formatted(arg));
                    }
                }
                List<String> labels = context.ontology().labels(type);
                ends.add(Cypher.node(labels.getFirst(), labels.subList(1, labels.size())).named(arg.equals("from") ? "a" : "b")
                        .withProperties(type.key().name(), Cypher.anonParameter(key)));
                endsInScope = endsInScope.and(scope.condition(type, ends.getLast()));
            }
            if (relTypes.length == 0) {
                return CompletableFuture.completedFuture(DataFetcherResult.newResult().data(null).build());
            }
            SymbolicName p = Cypher.name("p");
            StatementBuilder.OngoingReading matched;
            if (scope.isNone()) {
                NamedPath shortest = Cypher.anyShortest().named(p)
                        .definedBy(ends.get(0).relationshipBetween(ends.get(1), relTypes).length(0, maxHops));
                Node x = Cypher.anyNode("x");
                matched = Cypher.match(ends.get(0), ends.get(1))
                        .match(shortest)
                        .where(Cypher.none(x.getRequiredSymbolicName()).in(Cypher.nodes(shortest))
                                .where(Cypher.hasLabelsOrType(x.getRequiredSymbolicName(), provenance.toArray(String[]::new))));
            } else {
                matched = scopedPath(ends, endsInScope, relTypes, maxHops, provenance, scope);
            }
            Statement statement = matched
                    .returning(nodes(p, specificFirst, labelProperties, access, context.ontology()).as("nodes"),
                            Cypher.raw("[x IN nodes($E) | elementId(x)]", p).as("ids"),
                            Cypher.raw("[r IN relationships($E) | {type: type(r), start: elementId(startNode(r))}]", p)
                                    .as("relationships"))
                    .limit(1).build();
            return context.cypher().read(RENDERER.render(statement), statement.getCatalog().getParameters())
                    .thenApply(rows -> DataFetcherResult.newResult()
                            .data(rows.isEmpty() ? null : toPath(rows.getFirst(), context)).build());
        };
    }

    /**
     * @return the list of the path's nodes as {@code PathNode} maps, computed in the statement: type, key and label
     *         shown as the role reads them (clear or masked), so no clear value the role may not read leaves Neo4j
     */
    private static Expression nodes(SymbolicName p, List<NodeType> specificFirst, Map<String, PropertyDef> labels, Access access,
                                    org.jiedao.hub.ontology.Ontology ontology) {
        SymbolicName x = Cypher.name("pn");
        Case shown = Cypher.caseExpression();
        for (NodeType t : specificFirst) {
            Expression key = shown(t, t.key(), Cypher.property(x, t.key().name()), access);
            PropertyDef labelProperty = labels.get(t.label());
            Expression label = labelProperty == null ? key
                    : Cypher.coalesce(shown(t, labelProperty, Cypher.property(x, labelProperty.name()), access), key);
            NodeType merged = ontology.mergeType(t); // the entity, for the audit trail (never a response key)
            Expression ref = Cypher.listOf(Cypher.literalOf(merged.label()), Cypher.property(x, merged.key().name()));
            shown = shown.when(Cypher.hasLabelsOrType(x, t.label())).then(Cypher.mapOf("type", Cypher.literalOf(t.label()), "key", key,
                    "label", label, org.jiedao.hub.api.audit.EntityRefs.KEY, ref));
        }
        return Cypher.listWith(x).in(Cypher.nodes(p)).returning(shown);
    }

    /**
     * The path for a caller with a row-level scope: both ends in scope, and every node of the path in scope and not
     * provenance, checked inside the shortest-path search, so a path is found around nodes out of scope and never
     * through them. Neo4j's {@code ANY SHORTEST} applies a {@code WHERE} after choosing the shortest path (a
     * post-filter) and does not accept subquery predicates inside its pattern (Neo4j 2026.08: "Did not find ... in the
     * slot configuration of FindShortestPaths"), so this uses {@code shortestPath()}, whose {@code all(...)} predicate
     * on the path's nodes is evaluated while the breadth-first search expands (Cypher manual, "Shortest path
     * planning").
     *
     * @return the reading part of the statement, binding the path to {@code p} (at most one row)
     */
    private static StatementBuilder.OngoingReading scopedPath(List<Node> ends, Condition endsInScope, String[] relTypes,
                                                              int maxHops, List<String> provenance, RowScope scope) {
        // Cypher-DSL builds shortestPath() patterns only internally: the subquery is raw text holding only ontology
        // names (quoted), the checked maxHops and the rendered scope condition (whose values are parameters)
        SymbolicName x = Cypher.name("x");
        Condition allowed = Cypher.not(Cypher.hasLabelsOrType(x, provenance.toArray(String[]::new))).and(scope.anyNode(x));
        String types = String.join("|", java.util.Arrays.stream(relTypes).map(t -> "`" + t.replace("`", "``") + "`").toList());
        return Cypher.match(ends.get(0), ends.get(1)).where(endsInScope)
                .callRawCypher("MATCH p = shortestPath((a)-[:" + types + "*0.." + maxHops + "]-(b))"
                        + " WHERE all(x IN nodes(p) WHERE $E) RETURN p LIMIT 1", allowed);
    }

    /** @return the value as text, clear when the role reads it so, else masked */
    private static Expression shown(NodeType t, PropertyDef p, Expression value, Access access) {
        return access.role().readsField(t.label(), p.name()) && access.stored(p) == FieldRule.CLEAR
                ? Cypher.toString(value) : Masks.mask(p, value);
    }

    /** The path as the {@code Path} type shows it: nodes in path order, relationships with indexes into them. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> toPath(Map<String, Object> row, QueryContext context) {
        List<Map<String, Object>> nodes = (List<Map<String, Object>>) row.get("nodes");
        List<String> ids = (List<String>) row.get("ids");
        List<Map<String, Object>> rels = new ArrayList<>();
        int i = 0;
        for (Map<String, Object> r : (List<Map<String, Object>>) row.get("relationships")) {
            // relationship i joins nodes i and i + 1; it points forward when it starts at node i
            boolean forward = r.get("start").equals(ids.get(i));
            RelationshipType type = context.ontology().relationshipType((String) r.get("type"));
            Map<String, Object> rel = new LinkedHashMap<>();
            rel.put("type", type.type());
            rel.put("label", type.labelZh() + " / " + type.labelEn());
            rel.put("from", forward ? i : i + 1);
            rel.put("to", forward ? i + 1 : i);
            rels.add(rel);
            i++;
        }
        return Map.of("length", rels.size(), "nodes", nodes, "relationships", rels);
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

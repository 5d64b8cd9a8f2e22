package org.jiedao.hub.api.cypher;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;

import org.jiedao.hub.api.access.Access;
import org.jiedao.hub.api.access.ScopeDefinition;
import org.jiedao.hub.loaders.normalise.Normalisers;
import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.PropertyDef;
import org.jiedao.hub.ontology.RelationshipType;
import org.neo4j.cypherdsl.core.Case;
import org.neo4j.cypherdsl.core.Condition;
import org.neo4j.cypherdsl.core.Cypher;
import org.neo4j.cypherdsl.core.Expression;
import org.neo4j.cypherdsl.core.ExposesRelationships;
import org.neo4j.cypherdsl.core.Node;
import org.neo4j.cypherdsl.core.PatternElement;
import org.neo4j.cypherdsl.core.Relationship;
import org.neo4j.cypherdsl.core.RelationshipChain;
import org.neo4j.cypherdsl.core.RelationshipPattern;
import org.neo4j.cypherdsl.core.SymbolicName;
import org.neo4j.cypherdsl.core.Where;

/**
 * The row-level scope of one request as Cypher-DSL conditions (docs/security/row-level-scope.md): the translators
 * add {@link #condition} to every node pattern of the one statement they build, so a node outside the caller's
 * scope is never matched, counted, traversed or returned, at any depth.
 *
 * <p>From a {@link ScopeDefinition} ({@code config/access.yaml}, {@code scopes}) and the principal's values (one
 * parameter, {@value #VALUES}, a list of strings), for a node {@code n} of a type:
 * <ul>
 *   <li>the target type itself ({@code Community}): {@code n.code IN $scope};</li>
 *   <li>a type with a path, e.g. {@code Person: [RESIDES_AT, IN_COMMUNITY]}:
 *       {@code EXISTS { MATCH (n)-[n_s0:RESIDES_AT]->()-[:IN_COMMUNITY]->(n_st:Community) WHERE n_st.code IN $scope
 *       AND <n_s0 valid today> }}; a step written {@code <OWNS} follows the relationship against its direction;
 *       a relationship type with {@code xsd:date} properties {@code validFrom} and {@code validTo} counts only when
 *       valid today ({@code validFrom <= today < validTo}, a missing bound open, as in {@code schema.Validity}),
 *       today being parameter {@value #TODAY}, the date in {@link Normalisers#DEFAULT_ZONE} when the request began;
 *       so a resident who moved away (her {@code RESIDES_AT} ended) leaves the scope;</li>
 *   <li>an unscoped type ({@code District}, sensors...): no condition;</li>
 *   <li>any other type: {@code false} (fail closed).</li>
 * </ul>
 * A type is looked up by its labels, its own first ({@code ontology.labels(type)}): a {@code Complaint} uses the
 * {@code Case} path unless it has its own. Without a scope (roles such as admin and analyst, or {@link #NONE}) every
 * method answers "no condition", and statements stay exactly as they are without scope.
 *
 * <p>Variables the conditions introduce are named after the node they are about ({@code n3_s0}, {@code n3_st}), so
 * they never collide with the statement's other variables as long as node names are unique in the statement.
 */
public final class RowScope {
    /** Name of the parameter holding the principal's scope values (a list of strings). */
    public static final String VALUES = "scope";
    /** Name of the parameter holding today's date, against which validity on scope paths is read. */
    public static final String TODAY = "scopeToday";
    /** No scope: no condition anywhere. */
    public static final RowScope NONE = new RowScope(null, null, List.of(), null);

    private final ScopeDefinition definition;
    private final Ontology ontology;
    private final List<String> values;
    private final LocalDate today;

    private RowScope(ScopeDefinition definition, Ontology ontology, List<String> values, LocalDate today) {
        this.definition = definition;
        this.ontology = ontology;
        this.values = List.copyOf(values);
        this.today = today;
    }

    /**
     * @param definition the scope
     * @param ontology   the ontology (labels of types, validity of relationship types)
     * @param values     the principal's values, e.g. its community codes; empty scopes to nothing
     * @param today      the day validity on scope paths is read on
     * @return the scope
     */
    public static RowScope of(ScopeDefinition definition, Ontology ontology, List<String> values, LocalDate today) {
        return new RowScope(definition, ontology, values, today);
    }

    /**
     * @param access a request's access, or null
     * @return its role's scope with the principal's values, read today; {@link #NONE} when null or unscoped
     */
    public static RowScope of(Access access) {
        if (access == null) {
            return NONE;
        }
        Optional<ScopeDefinition> scope = access.scope();
        return scope.isEmpty() ? NONE
                : of(scope.get(), access.ontology(), access.scopeParameter().stream().sorted().toList(),
                LocalDate.now(Normalisers.DEFAULT_ZONE));
    }

    /**
     * The scope of the request a data fetcher serves. A request without an {@link Access} (which authentication
     * should make impossible) is treated as unscoped here; refusing such requests is the engine's job.
     *
     * @param env a data fetcher's environment
     * @return the scope of its request's access
     */
    public static RowScope of(DataFetchingEnvironment env) {
        GraphQLContext context = env.getGraphQlContext();
        return of(context == null ? null : (Access) context.get(Access.CONTEXT_KEY));
    }

    /** @return whether there is no scope (no condition anywhere) */
    public boolean isNone() {
        return definition == null;
    }

    /**
     * @param type a node type
     * @return whether nodes of the type can be in scope at all: false for a type neither on a path nor unscoped
     */
    public boolean reaches(NodeType type) {
        return isNone() || entry(type).isPresent();
    }

    /**
     * @param type a node type
     * @return whether nodes of the type get a condition (false without scope and for unscoped types)
     */
    public boolean restricts(NodeType type) {
        return !isNone() && !entry(type).map(l -> definition.unscoped().contains(l)).orElse(false);
    }

    /**
     * @param label a node label of the ontology
     * @return as {@link #restricts(NodeType)}
     */
    public boolean restricts(String label) {
        return !isNone() && restricts(ontology.nodeType(label));
    }

    /**
     * @param type the node's type
     * @param node the node, named
     * @return the condition that the node is in scope; {@link Cypher#noCondition()} when it is not restricted
     */
    public Condition condition(NodeType type, Node node) {
        if (isNone()) {
            return Cypher.noCondition();
        }
        return entry(type).map(label -> definition.unscoped().contains(label) ? Cypher.noCondition()
                        : forLabel(label, node.getRequiredSymbolicName()))
                .orElseGet(() -> Cypher.literalFalse().asCondition());
    }

    /**
     * @param label a node label of the ontology
     * @param node  a node of that type, named
     * @return as {@link #condition(NodeType, Node)}
     */
    public Condition condition(String label, Node node) {
        return isNone() ? Cypher.noCondition() : condition(ontology.nodeType(label), node);
    }

    /**
     * The condition for a node of any type (path nodes, search hits): {@code CASE WHEN x:PatrolPositionReport THEN
     * ... WHEN x:Observation THEN ... WHEN x:District THEN true ... ELSE false END}, the most specific label first,
     * so a node is judged by the same entry {@link #condition(NodeType, Node)} would use for its type.
     *
     * @param node the variable bound to the node
     * @return the condition; {@link Cypher#noCondition()} without scope
     */
    public Condition anyNode(SymbolicName node) {
        if (isNone()) {
            return Cypher.noCondition();
        }
        Set<String> labels = new LinkedHashSet<>();
        labels.add(definition.targetLabel());
        labels.addAll(definition.paths().keySet());
        labels.addAll(definition.unscoped());
        List<String> ordered = new ArrayList<>(labels);
        ordered.sort(Comparator.comparingInt((String l) -> -ontology.labels(ontology.nodeType(l)).size())
                .thenComparing(Comparator.naturalOrder()));
        Case c = Cypher.caseExpression();
        for (String label : ordered) {
            c = c.when(Cypher.hasLabelsOrType(node, label)).then(forLabel(label, node));
        }
        return ((Case.CaseEnding) c).elseDefault(Cypher.literalFalse()).asCondition();
    }

    /** @return the label whose entry decides for the type: its own or its nearest superclass's that is declared */
    private Optional<String> entry(NodeType type) {
        for (String label : ontology.labels(type)) {
            if (label.equals(definition.targetLabel()) || definition.paths().containsKey(label) || definition.unscoped().contains(label)) {
                return Optional.of(label);
            }
        }
        return Optional.empty();
    }

    private Condition forLabel(String label, SymbolicName node) {
        if (definition.unscoped().contains(label)) {
            return Cypher.literalTrue().asCondition();
        }
        List<String> steps = definition.paths().getOrDefault(label, List.of());
        if (steps.isEmpty()) {
            return Cypher.property(node, definition.targetProperty()).in(Cypher.parameter(VALUES, values));
        }
        Start path = path(steps, Cypher.anyNode(node), node.getValue());
        return Cypher.exists(List.of(path.pattern()), Where.from(path.condition()));
    }

    /**
     * A pattern from a node to the scope's target and the condition on it, for statements that match every node
     * of a type (root connections, their counts, root aggregates): matched as {@code MATCH <pattern> WHERE
     * <condition> WITH DISTINCT node}, the planner can start from the target's index ({@code Community.code}) and
     * expand to the nodes in scope, instead of testing every node of the type.
     *
     * @param pattern   the path from the node (with its labels) to the target
     * @param condition the target's property among the values, and the validity of the path's relationships
     */
    public record Start(PatternElement pattern, Condition condition) {
    }

    /**
     * @param type the node's type
     * @param node the node, named and with its labels
     * @return the pattern to match the type's nodes in scope from the target; empty when the type has no path
     *         (no scope, an unscoped type, the target itself or a type the scope does not reach: then use
     *         {@link #condition(NodeType, Node)})
     */
    public Optional<Start> start(NodeType type, Node node) {
        if (isNone()) {
            return Optional.empty();
        }
        List<String> steps = entry(type).map(l -> definition.paths().getOrDefault(l, List.of())).orElse(List.of());
        return steps.isEmpty() ? Optional.empty() : Optional.of(path(steps, node, node.getRequiredSymbolicName().getValue()));
    }

    private Start path(List<String> steps, Node start, String base) {
        Node target = Cypher.node(definition.targetLabel()).named(base + "_st");
        Condition where = target.property(definition.targetProperty()).in(Cypher.parameter(VALUES, values));
        ExposesRelationships<?> chain = start;
        for (int i = 0; i < steps.size(); i++) {
            String step = steps.get(i);
            boolean backwards = step.startsWith("<");
            RelationshipType type = ontology.relationshipType(backwards ? step.substring(1) : step);
            Node next = i == steps.size() - 1 ? target : Cypher.anyNode();
            RelationshipPattern rel = backwards ? chain.relationshipFrom(next, type.type()) : chain.relationshipTo(next, type.type());
            if (hasValidity(type)) {
                rel = rel instanceof Relationship r ? r.named(base + "_s" + i) : named((RelationshipChain) rel, base + "_s" + i);
                where = where.and(validToday(Cypher.name(base + "_s" + i)));
            }
            chain = (ExposesRelationships<?>) rel;
        }
        return new Start((PatternElement) chain, where);
    }

    private static RelationshipChain named(RelationshipChain chain, String name) {
        return chain.named(name);
    }

    private static boolean hasValidity(RelationshipType type) {
        return isDate(type.property("validFrom")) && isDate(type.property("validTo"));
    }

    private static boolean isDate(Optional<PropertyDef> p) {
        return p.isPresent() && p.get().datatype().equals("date");
    }

    /** {@code validFrom <= today < validTo}, a missing bound open (half-open, as {@code schema.Validity}). */
    private Condition validToday(SymbolicName rel) {
        Expression day = Cypher.parameter(TODAY, today);
        Expression from = Cypher.property(rel, "validFrom");
        Expression to = Cypher.property(rel, "validTo");
        return from.isNull().or(from.lte(day)).and(to.isNull().or(day.lt(to)));
    }

    /** @return the parameters this scope's conditions use, by name (empty without scope) */
    public Map<String, Object> parameters() {
        return isNone() ? Map.of() : Map.of(VALUES, values, TODAY, today);
    }
}

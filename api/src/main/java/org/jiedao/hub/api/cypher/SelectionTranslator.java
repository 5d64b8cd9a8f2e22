package org.jiedao.hub.api.cypher;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import graphql.schema.DataFetchingFieldSelectionSet;
import graphql.schema.SelectedField;

import org.jiedao.hub.api.QueryLimits;
import org.jiedao.hub.api.access.Access;
import org.jiedao.hub.api.access.AccessDeniedException;
import org.jiedao.hub.api.access.FieldRule;
import org.jiedao.hub.api.schema.FieldBinding;
import org.jiedao.hub.api.schema.SchemaBuilder;
import org.jiedao.hub.api.schema.SchemaBuilder.Field;
import org.jiedao.hub.api.schema.DisplayLabels;
import org.jiedao.hub.api.schema.TimelineSource;
import org.jiedao.hub.api.schema.Validity;
import org.jiedao.hub.graph.masking.Masks;
import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.PropertyDef;
import org.neo4j.cypherdsl.core.Condition;
import org.neo4j.cypherdsl.core.Cypher;
import org.neo4j.cypherdsl.core.Expression;
import org.neo4j.cypherdsl.core.Node;
import org.neo4j.cypherdsl.core.Relationship;
import org.neo4j.cypherdsl.core.Statement;
import org.neo4j.cypherdsl.core.SymbolicName;
import org.neo4j.cypherdsl.core.SortItem;
import org.neo4j.cypherdsl.core.Where;
import org.neo4j.cypherdsl.core.renderer.Renderer;

/**
 * Translates a GraphQL root field with its whole selection into one parameterised Cypher statement (DESIGN.md,
 * decision 4), built with Cypher-DSL: the root node is matched by its key ({@code $key}); scalar fields become
 * map-projection entries; relationship fields become pattern comprehensions nested as deep as the selection, so
 * any depth costs one round trip. Only names from the ontology enter the statement; values are parameters.
 * An {@code asOf} day (on the root or a field, inherited by the fields below; {@link AsOf}) keeps only what is
 * valid that day ({@link Validity}); a single-valued field with validity gives the latest valid value; aggregate
 * fields become {@code COLLECT} subqueries ({@link Aggregations}).
 *
 * <p>The statement returns one row with one column {@code result}: a map shaped like the selection and keyed by
 * response key (alias or field name), or no row when no node has that key.
 *
 * <p>List relationship fields take {@code where}, {@code sort} and {@code first} (docs/graphql/querying.md): with
 * {@code where} alone they stay pattern comprehensions with a WHERE; with {@code sort} or {@code first} they become
 * {@code COLLECT { MATCH ... WHERE ... WITH ... ORDER BY ... LIMIT ... RETURN ... }} subquery expressions (Neo4j 5+),
 * ordered by the sort keys then the target's key. Root connections ({@link #connectionQuery}) are one statement
 * too: the page by keyset, its edges, and {@code totalCount} (a COUNT subquery) only when selected.
 *
 * <p>Every statement is built for one caller's {@link Access} (docs/security/access-policy.md): a stored value the
 * role reads masked is masked in the projection ({@link Masks}), a hidden one is null (not read), hidden provenance is
 * an empty list; aggregates, {@code totalCount} and computed counts over a personal type are suppressed below k for
 * roles without personal access ({@link Aggregations#suppressed}); orders end with the element id instead of a key the
 * role does not read in clear ({@link SortOrder}). Refused fields and filters or sorts on fields not read in clear are
 * refused before execution ({@code org.jiedao.hub.api.access.AccessGuard}); a refused field reaching the translator
 * is an {@link AccessDeniedException}.
 *
 * <p>{@code sources} carries each record's source name and department (a {@code COLLECT} subquery on the
 * {@code Source} node) and, for resolved types, its asserted values, masked like their fields; {@code timeline}
 * ({@link TimelineSource}) is one pattern comprehension per kind of event the role may see, ordered and cut in a
 * {@code COLLECT} subquery: both stay inside the root field's one statement.
 *
 * <p>A translator {@link #scoped} to a request's row-level scope ({@link RowScope}, docs/security/row-level-scope.md)
 * adds the scope's condition to every node pattern it emits, so a node outside the scope is neither returned nor
 * traversed nor counted; a root lookup of such a node gives no row (null, as if absent).
 */
public final class SelectionTranslator {
    private static final Renderer RENDERER = Renderer.getDefaultRenderer();
    private final Map<String, List<Field>> fieldsByType;
    private final Ontology ontology;
    private final WhereTranslator where;
    private final int maxPageSize;
    private final RowScope scope;
    private final Map<String, PropertyDef> displayLabels;

    /** The zone date-times are ordered in on a timeline, against dates (Beijing time, the sub-district's). */
    private static final String TIMELINE_ZONE = "Asia/Shanghai";

    /**
     * @param schema   the schema whose field bindings drive the translation
     * @param ontology the ontology (labels of subclasses)
     */
    public SelectionTranslator(SchemaBuilder schema, Ontology ontology) {
        this(schema, ontology, QueryLimits.DEFAULTS.maxPageSize());
    }

    /**
     * @param schema      the schema whose field bindings drive the translation
     * @param ontology    the ontology (labels of subclasses)
     * @param maxPageSize largest {@code first} accepted on connections and list fields
     */
    public SelectionTranslator(SchemaBuilder schema, Ontology ontology, int maxPageSize) {
        this.fieldsByType = schema.fieldsByType();
        this.ontology = ontology;
        this.where = new WhereTranslator(schema, ontology);
        this.maxPageSize = maxPageSize;
        this.scope = RowScope.NONE;
        this.displayLabels = DisplayLabels.of(ontology);
    }

    private SelectionTranslator(SelectionTranslator unscoped, RowScope scope) {
        this.fieldsByType = unscoped.fieldsByType;
        this.ontology = unscoped.ontology;
        this.where = unscoped.where.scoped(scope);
        this.maxPageSize = unscoped.maxPageSize;
        this.scope = scope;
        this.displayLabels = unscoped.displayLabels;
    }

    /**
     * @param scope a request's row-level scope
     * @return a translator that adds the scope's condition to every node pattern it emits (root lookups,
     *         connections and their counts, relationship fields, aggregates, computed fields, {@code where}
     *         relationship filters); this translator when the scope is {@link RowScope#NONE}
     */
    public SelectionTranslator scoped(RowScope scope) {
        return scope.isNone() && this.scope.isNone() ? this : new SelectionTranslator(this, scope);
    }

    /** @return the translator of {@code where} arguments this translator uses */
    public WhereTranslator whereTranslator() {
        return where;
    }

    /**
     * A statement with its parameters.
     *
     * @param cypher     the Cypher text
     * @param parameters its parameters, by name
     */
    public record CypherStatement(String cypher, Map<String, Object> parameters) {
    }

    /**
     * A root connection's statement and what the fetcher needs to shape its answer.
     *
     * @param statement       the statement; one row with columns {@code edges} (list of {@code {node, cursor}} maps,
     *                        {@code cursor} being the sort values), {@code hasNextPage}, and when asked
     *                        {@code totalCount} and {@code hasPreviousPage}
     * @param order           the order, for encoding cursors
     * @param totalCount      whether {@code totalCount} is computed
     * @param hasPreviousPage whether {@code hasPreviousPage} is computed (else it is false)
     */
    public record ConnectionStatement(CypherStatement statement, SortOrder order, boolean totalCount, boolean hasPreviousPage) {
    }

    /**
     * @param type      the root field's node type
     * @param selection the root field's selection set
     * @param access    the caller's access
     * @return Cypher text taking parameter {@code key}
     */
    public String rootQuery(NodeType type, DataFetchingFieldSelectionSet selection, Access access) {
        return RENDERER.render(rootStatement(type, selection, Cypher.parameter("key"), null, access));
    }

    /**
     * @param type      the root field's node type
     * @param selection the root field's selection set
     * @param key       the normalised key value
     * @param asOf      the day validity fields in the selection are read on unless they give their own
     *                  {@code asOf}; null for the whole history
     * @param access    the caller's access (masks, hidden values, k-anonymity)
     * @return the statement and its parameters ({@code key} and those of nested filters)
     * @throws BadUserInputException if an argument of a nested field is invalid (filter value, page size, date)
     */
    public CypherStatement rootQuery(NodeType type, DataFetchingFieldSelectionSet selection, Object key, LocalDate asOf,
                                     Access access) {
        Statement s = rootStatement(type, selection, Cypher.parameter("key", key), asOf, access);
        return new CypherStatement(RENDERER.render(s), s.getCatalog().getParameters());
    }

    /**
     * A root lookup by another unique property than the type's key, e.g. {@code personByEntityId(entityId:)} (a
     * provisional person has no ID number, only its entity id). Shaped, masked and scoped like {@link #rootQuery}.
     *
     * @param type      the node type
     * @param property  the stored property to match, unique for the type (e.g. {@code entityId})
     * @param selection the root field's selection set
     * @param value     the value to match
     * @param asOf      the day validity fields are read on, or null for the whole history
     * @param access    the caller's access
     * @return the statement and its parameters ({@code key} and those of nested filters)
     * @throws BadUserInputException if an argument of a nested field is invalid
     */
    public CypherStatement rootQueryBy(NodeType type, String property, DataFetchingFieldSelectionSet selection, Object value,
                                       LocalDate asOf, Access access) {
        Statement s = rootStatement(type, property, selection, Cypher.parameter("key", value), asOf, access);
        return new CypherStatement(RENDERER.render(s), s.getCatalog().getParameters());
    }

    /**
     * The lookup of {@code node(ref:)}: the node merged on {@code types}' common label with that key, shown as the most
     * specific of {@code types} it has (a Case node that is also a Complaint as a Complaint), each type with its own
     * selection (the inline fragment {@code ... on Complaint {...}}). Shaped, masked and scoped like
     * {@link #rootQuery}: the row-level scope of the type it is shown as applies.
     *
     * @param types     the types the node may be shown as, most specific first, all merged on one label (e.g.
     *                  {@code [Complaint, Case]}); the last is the merge type itself
     * @param key       the key value as stored
     * @param selected  the selected fields of each type (fields of other types' fragments left out)
     * @param asOf      the day validity fields are read on, or null for the whole history
     * @param access    the caller's access
     * @return the statement; its one row (none when the node does not exist or is out of scope) has {@code result},
     *         the projection, and {@code type}, the label of the type it is shown as
     * @throws BadUserInputException if an argument of a nested field is invalid
     */
    public CypherStatement nodeQuery(List<NodeType> types, Object key, java.util.function.Function<NodeType, List<SelectedField>> selected,
                                     LocalDate asOf, Access access) {
        Naming names = new Naming(access);
        NodeType merged = types.getLast();
        List<String> labels = ontology.labels(merged);
        Node root = Cypher.node(labels.getFirst(), labels.subList(1, labels.size())).named(names.next())
                .withProperties(merged.key().name(), Cypher.parameter("key", key));
        Expression result;
        Expression typeName;
        Condition inScope;
        if (types.size() == 1) {
            result = projection(root, merged, null, selected.apply(merged), asOf, names);
            typeName = Cypher.literalOf(merged.label());
            inScope = scope.condition(merged, root);
        } else {
            org.neo4j.cypherdsl.core.Case projections = Cypher.caseExpression();
            org.neo4j.cypherdsl.core.Case typeNames = Cypher.caseExpression();
            inScope = Cypher.noCondition();
            Condition notMoreSpecific = Cypher.noCondition();
            for (NodeType t : types) {
                Condition is = Cypher.hasLabelsOrType(root.getRequiredSymbolicName(), t.label());
                projections = projections.when(is).then(projection(root, t, null, selected.apply(t), asOf, names));
                typeNames = typeNames.when(is).then(Cypher.literalOf(t.label()));
                // shown as t exactly when it is a t and none of the more specific types: t's scope applies
                inScope = inScope.or(notMoreSpecific.and(is).and(scope.condition(t, root)));
                notMoreSpecific = notMoreSpecific.and(is.not());
            }
            result = projections;
            typeName = typeNames;
        }
        Statement s = Cypher.match(root).where(inScope).returning(result.as("result"), typeName.as("type")).limit(1).build();
        return new CypherStatement(RENDERER.render(s), s.getCatalog().getParameters());
    }

    private Statement rootStatement(NodeType type, DataFetchingFieldSelectionSet selection, Expression key, LocalDate asOf,
                                    Access access) {
        return rootStatement(type, type.key().name(), selection, key, asOf, access);
    }

    private Statement rootStatement(NodeType type, String property, DataFetchingFieldSelectionSet selection, Expression key,
                                    LocalDate asOf, Access access) {
        Naming names = new Naming(access);
        // all the type's labels: a Complaint is matched through the Case key constraint and must also be a Complaint
        List<String> labels = ontology.labels(type);
        Node root = Cypher.node(labels.getFirst(), labels.subList(1, labels.size())).named(names.next())
                .withProperties(property, key);
        return Cypher.match(root).where(scope.condition(type, root))
                .returning(projection(root, type, null, selection.getImmediateFields(), asOf, names).as("result"))
                .limit(1).build();
    }

    /**
     * Translates a root connection field ({@code persons(where, sort, first, after, asOf)}) into one statement:
     * the nodes matching {@code where} (and, with {@code after}, coming strictly after the cursor's sort values:
     * keyset pagination), ordered, {@code first + 1} of them to tell whether a next page exists, projected like
     * the {@code edges.node} selection; {@code totalCount} as a COUNT subquery only when selected.
     *
     * @param type      the node type
     * @param arguments the field's arguments: {@code where} (map), {@code sort} (list of maps), {@code first}
     *                  (default 20, 0 to {@code maxPageSize}), {@code after} (cursor), {@code asOf} (YYYY-MM-DD)
     * @param selection the connection's selection set
     * @param access    the caller's access (masks, hidden values, k-anonymity of totalCount, tie-breaker)
     * @return the statement and how to read its row
     * @throws BadUserInputException if an argument is invalid (the message names it)
     */
    public ConnectionStatement connectionQuery(NodeType type, Map<String, Object> arguments, DataFetchingFieldSelectionSet selection,
                                               Access access) {
        Naming names = new Naming(access);
        LocalDate asOf = asOf(arguments.get("asOf"), "asOf");
        int first = first(arguments.get("first"), "first", schemaDefault());
        SortOrder order = SortOrder.of(type, (List<?>) arguments.get("sort"), "sort", keyClear(type, access));
        String after = (String) arguments.get("after");
        List<Object> last = after == null ? null : Cursor.decode(order, after, "after");
        Map<String, ?> filter = map(arguments.get("where"));

        Node root = rootNode(type, names.next());
        // with a scope path, the nodes are matched from the scope's target (its index) rather than tested one by one
        Optional<RowScope.Start> start = scope.start(type, root);
        Condition cond = start.isPresent() ? unscopedMatching(type, root, filter, asOf) : matching(type, root, filter, asOf);
        if (last != null) {
            cond = cond.and(order.after(root, last));
        }
        List<SelectedField> nodeFields = new ArrayList<>();
        selection.getFields("edges/node").forEach(sf -> nodeFields.addAll(sf.getSelectionSet().getImmediateFields()));
        Expression node = projection(root, type, null, nodeFields, asOf, names);
        SymbolicName rows = Cypher.name("rows");
        Expression edges = Cypher.listWith(root.getRequiredSymbolicName())
                .in(Cypher.subList(rows, Cypher.literalOf(0), Cypher.anonParameter(first)))
                .returning(Cypher.mapOf("node", node, "cursor", order.values(root)));
        List<Expression> columns = new ArrayList<>(List.of(edges.as("edges"),
                Cypher.size(rows).gt(Cypher.anonParameter(first)).as("hasNextPage")));
        boolean totalCount = selection.contains("totalCount");
        if (totalCount) {
            Node counted = rootNode(type, names.next());
            Optional<RowScope.Start> from = scope.start(type, counted);
            Expression count = from.isPresent()
                    ? Cypher.count(Cypher.match(from.get().pattern()).where(from.get().condition())
                            .withDistinct(counted).where(unscopedMatching(type, counted, filter, asOf)).returning(counted).build())
                    : Cypher.count(List.of(counted), Where.from(matching(type, counted, filter, asOf).and(Cypher.isTrue())));
            columns.add(Aggregations.suppressed(count, count, access.suppressBelow(type)).as("totalCount"));
        }
        boolean hasPrevious = last != null && selection.contains("pageInfo/hasPreviousPage");
        if (hasPrevious) {
            Node before = rootNode(type, names.next());
            columns.add(Cypher.exists(List.of(before), Where.from(matching(type, before, filter, asOf)
                    .and(Cypher.not(order.after(before, last))))).as("hasPreviousPage"));
        }
        var matched = start.isPresent()
                ? Cypher.match(start.get().pattern()).where(start.get().condition()).withDistinct(root).where(cond)
                : Cypher.match(root).where(cond);
        Statement s = matched
                .with(root).orderBy(order.items(root)).limit(Cypher.anonParameter(first + 1))
                .with(Cypher.collect(root).as(rows))
                .returning(columns).build();
        return new ConnectionStatement(new CypherStatement(RENDERER.render(s), s.getCatalog().getParameters()), order, totalCount, hasPrevious);
    }

    /** @return whether the caller reads the type's key in clear (else orders end with the element id) */
    private boolean keyClear(NodeType type, Access access) {
        return fieldsByType.get(type.label()).stream().filter(f -> f.name().equals(type.key().name())).findFirst()
                .map(f -> access.rule(type, f) == FieldRule.CLEAR).orElse(false);
    }

    private Node rootNode(NodeType type, String name) {
        List<String> labels = ontology.labels(type);
        return Cypher.node(labels.getFirst(), labels.subList(1, labels.size())).named(name);
    }

    /** @return the where condition, the node's scope and, with asOf, the node's own validity */
    private Condition matching(NodeType type, Node node, Map<String, ?> filter, LocalDate asOf) {
        return unscopedMatching(type, node, filter, asOf).and(scope.condition(type, node));
    }

    /** @return the where condition and, with asOf, the node's own validity, for a node matched from its scope's start */
    private Condition unscopedMatching(NodeType type, Node node, Map<String, ?> filter, LocalDate asOf) {
        Condition c = where.condition(type, node, filter, asOf, "where");
        Condition valid = WhereTranslator.nodeValidOn(type, node, asOf);
        return valid == null ? c : c.and(valid);
    }

    private int schemaDefault() {
        return Math.min(org.jiedao.hub.api.schema.QuerySdl.DEFAULT_PAGE_SIZE, maxPageSize);
    }

    private int first(Object value, String path, int orElse) {
        if (value == null) {
            return orElse;
        }
        int first = ((Number) value).intValue();
        if (first < 0 || first > maxPageSize) {
            throw new BadUserInputException("%s: must be between 0 and %d, was %d".formatted(path, maxPageSize, first));
        }
        return first;
    }

    private static LocalDate asOf(Object value, String path) {
        try {
            return value == null ? null : LocalDate.parse(value.toString().strip());
        } catch (DateTimeParseException e) {
            throw new BadUserInputException("%s: '%s' is not a date (YYYY-MM-DD)".formatted(path, value));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> map(Object value) {
        return (Map<String, ?>) value;
    }

    /**
     * The map projection of a node for a selection, as {@link #rootQuery} builds it, for hand-written root fields
     * that return nodes found otherwise (search hits, path ends) in their own single statement.
     *
     * @param node     the node, already bound in the statement
     * @param type     its node type
     * @param selected the selected fields of the GraphQL object of that type
     * @param prefix   prefix of the variables the projection introduces ({@code prefix0}, {@code prefix1}...): the
     *                 statement must not use such names otherwise; a plain identifier
     * @param access   the caller's access (masks, hidden values, k-anonymity)
     * @return the projection expression, e.g. {@code node{.name, household: head([(node)-[...]->(...) | ...])}}
     */
    public Expression projection(Node node, NodeType type, List<SelectedField> selected, String prefix, Access access) {
        return projection(node, type, null, selected, null, new Naming(prefix, access));
    }

    /**
     * @param statement a statement built here
     * @return its Cypher text
     */
    public static String render(Statement statement) {
        return RENDERER.render(statement);
    }

    private Expression projection(Node node, NodeType type, Relationship via, List<SelectedField> selected, LocalDate asOf,
                                  Naming names) {
        Map<String, Field> fields = new LinkedHashMap<>();
        fieldsByType.get(type.label()).forEach(f -> fields.put(f.name(), f));
        Map<String, List<SelectedField>> byName = new LinkedHashMap<>();
        for (SelectedField sf : selected) {
            if (!sf.getName().startsWith("__")) {
                byName.computeIfAbsent(sf.getResultKey(), n -> new ArrayList<>()).add(sf);
            }
        }
        List<Object> entries = new ArrayList<>();
        for (Map.Entry<String, List<SelectedField>> e : byName.entrySet()) {
            Field f = fields.get(e.getValue().getFirst().getName());
            if (f == null) {
                continue; // not in this type: graphql-java has validated the document, so this cannot be a user error
            }
            FieldRule rule = names.access.rule(type, f);
            if (rule == FieldRule.REFUSED) {
                throw new AccessDeniedException("%s.%s: role %s may not read it".formatted(type.label(), f.name(), names.access.role().name()));
            }
            entries.add(e.getKey()); // the response key: aliases of one field may give different arguments
            entries.add(switch (f.binding()) {
                case FieldBinding.Property p -> value(p.property(), node.property(p.property().name()), rule);
                case FieldBinding.RelationshipProperty rp -> via == null ? Cypher.literalNull()
                        : value(relationshipProperty(rp.name()), via.property(rp.name()), rule);
                case FieldBinding.Computed c -> c.field().counts() == null ? c.field().expression().apply(node, scope)
                        : Aggregations.suppressed(c.field().expression().apply(node, scope), c.field().expression().apply(node, scope),
                                names.access.suppressBelow(ontology.nodeType(c.field().counts())));
                case FieldBinding.Sources s -> rule == FieldRule.CLEAR ? sources(node, type, names) : Cypher.listOf();
                case FieldBinding.Timeline t -> timeline(node, type, t, names);
                case FieldBinding.Relationship r -> related(node, r, e.getValue(),
                        AsOf.resolve(e.getValue().getFirst().getArguments(), asOf, f.name()), names);
                case FieldBinding.Aggregate a -> aggregate(node, a.relationship(), e.getValue(),
                        AsOf.resolve(e.getValue().getFirst().getArguments(), asOf, f.name()), names);
            });
        }
        // which entity this is, for the audit trail; never a response key (docs/security/audit.md)
        entries.add(org.jiedao.hub.api.audit.EntityRefs.KEY);
        entries.add(org.jiedao.hub.api.audit.EntityRefs.cypher(node, type, ontology));
        return node.project(entries);
    }

    /** @return the stored value as the rule gives it: clear, masked in the statement, or null (not read) */
    private static Expression value(PropertyDef p, Expression stored, FieldRule rule) {
        return switch (rule) {
            case CLEAR -> stored;
            case MASKED -> Masks.mask(p, stored);
            case HIDDEN, REFUSED -> Cypher.literalNull();
        };
    }

    private PropertyDef relationshipProperty(String name) {
        return ontology.relationshipTypes().stream().flatMap(r -> r.properties().stream()).filter(p -> p.name().equals(name))
                .findFirst().orElseThrow(() -> new IllegalStateException("no relationship property " + name));
    }

    private Expression related(Node node, FieldBinding.Relationship r, List<SelectedField> sameName, LocalDate asOf,
                               Naming names) {
        List<SelectedField> selected = subSelection(sameName);
        Node target = Cypher.node(r.target().label()).named(names.next());
        Relationship rel = (r.forward() ? node.relationshipTo(target, r.type().type())
                : node.relationshipFrom(target, r.type().type())).named(names.next());
        Condition valid = validOn(r, rel, target, asOf).and(scope.condition(r.target(), target));
        Optional<Validity> validity = Validity.of(r);
        if (!r.many() && validity.isPresent()) {
            // one value wanted, several in the history: the current (open-ended) one, else the one that ended last
            return Cypher.head(Cypher.collect(Cypher.match(rel).where(valid)
                    .returning(projection(target, r.target(), rel, selected, asOf, names))
                    .orderBy(validity.get().latestFirst(rel, target)).limit(1).build()));
        }
        Map<String, Object> args = r.many() ? arguments(sameName) : Map.of();
        String path = sameName.getFirst().getQualifiedName().replace('/', '.');
        Condition cond = args.get("where") == null ? valid
                : valid.and(where.condition(r.target(), target, map(args.get("where")), asOf, path + ".where"));
        if (args.get("sort") == null && args.get("first") == null) {
            Expression list = Cypher.listBasedOn(rel).where(cond).returning(projection(target, r.target(), rel, selected, asOf, names));
            return r.many() ? list : Cypher.head(list);
        }
        SortOrder order = SortOrder.of(r.target(), (List<?>) args.get("sort"), path + ".sort", keyClear(r.target(), names.access));
        var ordered = Cypher.match(rel).where(cond).with(target, rel).orderBy(order.items(target));
        Expression projected = projection(target, r.target(), rel, selected, asOf, names);
        Statement sub = args.get("first") == null ? ordered.returning(projected).build()
                : ordered.limit(Cypher.anonParameter(first(args.get("first"), path + ".first", maxPageSize))).returning(projected).build();
        return Cypher.collect(sub);
    }

    /**
     * {@code vehiclesAggregate(where, asOf)}: aggregates over the nodes the relationship field reaches that match
     * {@code where} and are valid on {@code asOf}.
     */
    private Expression aggregate(Node node, FieldBinding.Relationship r, List<SelectedField> sameName, LocalDate asOf,
                                 Naming names) {
        Node target = Cypher.node(r.target().label()).named(names.next());
        Relationship rel = (r.forward() ? node.relationshipTo(target, r.type().type())
                : node.relationshipFrom(target, r.type().type())).named(names.next());
        Object filter = sameName.getFirst().getArguments().get("where");
        Condition cond = validOn(r, rel, target, asOf).and(scope.condition(r.target(), target));
        if (filter != null) {
            cond = cond.and(where.condition(r.target(), target, map(filter), asOf,
                    sameName.getFirst().getQualifiedName().replace('/', '.') + ".where"));
        }
        return Aggregations.nested(rel, target, r.target(), cond, subSelection(sameName), names.access.suppressBelow(r.target()));
    }

    /** @return the condition "valid on asOf" for a validity field, else no condition */
    private static Condition validOn(FieldBinding.Relationship r, Relationship rel, Node target, LocalDate asOf) {
        return asOf == null ? Cypher.noCondition()
                : Validity.of(r).map(v -> v.condition(rel, target, asOf)).orElse(Cypher.noCondition());
    }

    /**
     * @param sameName the selections of one response key: GraphQL validation ("fields with the same response key
     *                 must have identical arguments") makes their arguments equal, so the first one's are read
     * @return the field's arguments other than {@code asOf} (read by {@link AsOf}), nulls left out
     */
    private static Map<String, Object> arguments(List<SelectedField> sameName) {
        Map<String, Object> args = new LinkedHashMap<>();
        sameName.getFirst().getArguments().forEach((k, v) -> {
            if (v != null && !k.equals(AsOf.ARGUMENT)) {
                args.put(k, v);
            }
        });
        return args;
    }

    /** The prefix of a record link's properties holding what the record asserted (graph's WriteStatements, EntityStore). */
    private static final String ASSERTED = "asserted.";

    /** Hidden entry of an asserted value: the enum of its code list, for {@code AssertedValue.value} to show the code's enum name. */
    public static final String ASSERTED_ENUM = "@enum";

    /**
     * {@code sources}: every record linked to the node, with its source's name and department (the {@code Source} node
     * of its source id) and, for a resolved type, what it asserted ({@link #assertedValues}).
     */
    private Expression sources(Node node, NodeType type, Naming names) {
        Node rec = Cypher.node("SourceRecord").named(names.next());
        Relationship link = rec.relationshipTo(node, "RESOLVES_TO", "MENTIONS").named(names.next());
        return Cypher.listBasedOn(link).returning(rec.project(
                "source", rec.property("source"),
                "recordKey", rec.property("recordKey"),
                "location", rec.property("location"),
                "ingestedAt", Cypher.toString(rec.property("ingestedAt")),
                "relation", Cypher.type(link),
                "uid", rec.property("uid"),
                "rule", link.property("rule"),
                "score", link.property("score"),
                "decidedAt", Cypher.toString(link.property("decidedAt")),
                "evidence", link.property("evidence"), // JSON text: SourceRef.evidence parses it (EvidenceFetcher)
                "department", sourceProperty(rec, "departmentName", names),
                "sourceName", sourceProperty(rec, "name", names),
                "values", assertedValues(node, type, link, names)));
    }

    /** @return a property of the declared source (label {@code Source}, key {@code id}) the record came from, or null */
    private static Expression sourceProperty(Node rec, String property, Naming names) {
        Node source = Cypher.node("Source").named(names.next()).withProperties("id", rec.property("source"));
        return Cypher.head(Cypher.collect(Cypher.match(source).returning(source.property(property)).build()));
    }

    /**
     * {@code SourceRef.values}: what the record asserted about a node of a resolved type, read from its link's
     * {@code asserted.<name>} properties, one entry per property field the role reads clear or masked (masked as the
     * field is: {@link #value}); entries without a value are left out. {@code current} compares the stored values, so a
     * masked value still says whether it survived. Other types keep no per-record values: an empty list.
     */
    private Expression assertedValues(Node node, NodeType type, Relationship link, Naming names) {
        if (!type.resolved()) {
            return Cypher.listOf();
        }
        List<Expression> entries = new ArrayList<>();
        for (Field f : fieldsByType.get(type.label())) {
            FieldRule rule = names.access.rule(type, f);
            if (!(f.binding() instanceof FieldBinding.Property p) || rule != FieldRule.CLEAR && rule != FieldRule.MASKED) {
                continue;
            }
            PropertyDef d = p.property();
            Expression asserted = link.property(ASSERTED + d.name());
            entries.add(Cypher.mapOf(
                    "field", Cypher.literalOf(f.name()),
                    "value", rule == FieldRule.CLEAR ? Cypher.toString(asserted) : value(d, asserted, rule),
                    "current", Cypher.coalesce(asserted.isEqualTo(node.property(d.name())), Cypher.literalFalse()),
                    ASSERTED_ENUM, d.codeList() == null ? Cypher.literalNull() : Cypher.literalOf(ontology.codeList(d.codeList()).enumName())));
        }
        if (entries.isEmpty()) {
            return Cypher.listOf();
        }
        SymbolicName v = Cypher.name(names.next());
        return Cypher.listWith(v).in(Cypher.listOf(entries)).where(Cypher.property(v, "value").isNotNull()).returning(v);
    }

    /**
     * {@code timeline}: the node's dated events ({@link TimelineSource}), one pattern comprehension per kind of event
     * the role may see, concatenated, then ordered in a {@code COLLECT} subquery, latest first, limited to
     * {@link SchemaBuilder#TIMELINE_LIMIT}, and reversed: oldest first. An event is left out when the role may not
     * read the relationship field or the date's field, and when the other node is outside the row-level scope; the date,
     * the other node's label and key are shown as their fields are for the role (clear, masked, or null when hidden).
     * Events are ordered by the date as the role sees it (a masked date by its year), date-times in Beijing time
     * against dates, then by field, property and node, so the order never reveals a masked date.
     */
    private Expression timeline(Node node, NodeType type, FieldBinding.Timeline timeline, Naming names) {
        Expression all = null;
        for (TimelineSource s : timeline.sources()) {
            NodeType other = s.relationship().target();
            Field dateField = field(other, s.date().name());
            FieldRule dateRule = dateField == null ? FieldRule.REFUSED : names.access.rule(other, dateField);
            if (names.access.rule(type, s.field()) == FieldRule.REFUSED || dateRule != FieldRule.CLEAR && dateRule != FieldRule.MASKED) {
                continue;
            }
            Node target = Cypher.node(other.label()).named(names.next());
            Relationship rel = (s.relationship().forward() ? node.relationshipTo(target, s.relationship().type().type())
                    : node.relationshipFrom(target, s.relationship().type().type())).named(names.next());
            Expression stored = s.onRelationship() ? rel.property(s.date().name()) : target.property(s.date().name());
            Expression date = dateRule == FieldRule.CLEAR ? Cypher.toString(stored) : value(s.date(), stored, dateRule);
            Expression order = dateRule == FieldRule.CLEAR && s.date().datatype().equals("dateTime")
                    ? Cypher.toString(Cypher.datetime(Cypher.mapOf("datetime", stored, "timezone", Cypher.literalOf(TIMELINE_ZONE))))
                    : date;
            Expression key = shown(other, other.key(), target, names.access);
            PropertyDef labelProperty = displayLabels.get(other.label());
            Expression label = labelProperty == null ? key : Cypher.coalesce(shown(other, labelProperty, target, names.access), key);
            Expression events = Cypher.listBasedOn(rel).where(stored.isNotNull().and(scope.condition(other, target)))
                    .returning(Cypher.mapOf(
                            "date", date,
                            "kind", Cypher.literalOf(s.kind()),
                            "field", Cypher.literalOf(s.field().name()),
                            "property", Cypher.literalOf(s.date().name()),
                            "type", Cypher.literalOf(other.label()),
                            "label", label,
                            "key", key,
                            "@order", order,
                            "@node", Cypher.elementId(target),
                            org.jiedao.hub.api.audit.EntityRefs.KEY, org.jiedao.hub.api.audit.EntityRefs.cypher(target, other, ontology)));
            all = all == null ? events : all.add(events);
        }
        if (all == null) {
            return Cypher.listOf();
        }
        SymbolicName e = Cypher.name(names.next());
        List<SortItem> latestFirst = List.of(Cypher.property(e, "@order").descending(), Cypher.property(e, "field").descending(),
                Cypher.property(e, "property").descending(), Cypher.property(e, "@node").descending());
        return Cypher.reverse(Cypher.collect(Cypher.unwind(all).as(e).with(e).orderBy(latestFirst)
                .limit(Cypher.literalOf(SchemaBuilder.TIMELINE_LIMIT)).returning(e).build()));
    }

    /** @return the field of a type by name, or null */
    private Field field(NodeType type, String name) {
        return fieldsByType.getOrDefault(type.label(), List.of()).stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
    }

    /** @return a stored property of a node as text, as the role reads the type's field of that name: clear, masked or null */
    private Expression shown(NodeType type, PropertyDef p, Node node, Access access) {
        Field f = field(type, p.name());
        FieldRule rule = f == null ? FieldRule.REFUSED : access.rule(type, f);
        return rule == FieldRule.CLEAR ? Cypher.toString(node.property(p.name())) : value(p, node.property(p.name()), rule);
    }

    private static List<SelectedField> subSelection(List<SelectedField> sameName) {
        List<SelectedField> out = new ArrayList<>();
        sameName.forEach(sf -> out.addAll(sf.getSelectionSet().getImmediateFields()));
        return out;
    }

    /** Fresh variable names for one statement: n0, n1, ... (or another prefix); and the caller's access it is built for */
    private static final class Naming {
        private final String prefix;
        private final Access access;
        private int next;

        Naming(Access access) {
            this("n", access);
        }

        Naming(String prefix, Access access) {
            this.prefix = prefix;
            this.access = java.util.Objects.requireNonNull(access, "access");
        }

        String next() {
            return prefix + next++;
        }
    }
}

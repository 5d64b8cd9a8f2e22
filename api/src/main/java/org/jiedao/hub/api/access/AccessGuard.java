package org.jiedao.hub.api.access;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.analysis.QueryVisitorStub;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLTypeUtil;

import org.jiedao.hub.api.entity.EntityFields;
import org.jiedao.hub.api.errors.ErrorCode;
import org.jiedao.hub.api.query.AggregateRootFields;
import org.jiedao.hub.api.query.QueryContext;
import org.jiedao.hub.api.query.SearchField;
import org.jiedao.hub.api.refs.NodeField;
import org.jiedao.hub.api.schema.FieldBinding;
import org.jiedao.hub.api.schema.PluralNames;
import org.jiedao.hub.api.schema.SchemaBuilder;
import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.Sensitivity;

/**
 * Refuses, after validation and before any field is fetched, what the request's {@link Access} does not allow
 * (docs/security/access-policy.md), so a refused request runs no Cypher at all. The whole operation is walked with
 * its variables (fragments followed); every refusal is one error with {@code extensions.code = FORBIDDEN} naming
 * what was refused and never a value, and the result has no {@code data}:
 * <ul>
 *   <li>a field whose rule is {@link FieldRule#REFUSED} ({@link Access#rule}), named {@code Type.field}; the root
 *       fields of a type the role may not read ({@code person}, {@code persons}, {@code personsAggregate}, a search
 *       hit's {@code person}) the same way;</li>
 *   <li>a {@code where} filter (any depth: {@code AND}/{@code OR}/{@code NOT}, relationship filters
 *       {@code some}/{@code none}/{@code all}) or a {@code sort} key on a field the role does not read in clear,
 *       named by its argument path ({@code persons.where.idNumber}): filtering on a masked or hidden value would
 *       disclose it by inference;</li>
 *   <li>the key argument of a root lookup ({@code person(idNumber:)}) when the role does not read the key in clear;</li>
 *   <li>aggregates ({@code PersonAggregate.birthDate}) of a property the role does not read in clear: a minimum or
 *       maximum is one person's value;</li>
 *   <li>{@code search(types:)} naming a type the role may not search ({@link SearchField#searchableBy});
 *       {@code path(from:, to:)} naming a type the role may not read, or (by type and key) whose key it does not read
 *       in clear; a {@code ref} ({@code node(ref:)}, {@code path(from: {ref:})}) naming a type the role may not read
 *       (its key need not be read in clear: the hub sealed it, the caller never gives it);</li>
 *   <li>{@code entityChanged} naming types whose key the role does not read in clear (without {@code types}, the
 *       subscription delivers only the types the role may follow, {@link Access#followsChanges}), and its
 *       {@code recordKey} without personal data in clear.</li>
 *   <li>entity resolution's fields and mutations ({@link EntityFields}: {@code why}, {@code whyNot},
 *       {@code reviewItems}, {@code personByEntityId}, {@code mergeEntities}...) for a role without provenance
 *       ({@link Access#provenance()}): nothing is read or changed.</li>
 * </ul>
 * The graph browser's fields ({@link org.jiedao.hub.api.views.ViewFields}: {@code savedViews}, {@code savedView},
 * {@code saveView}, {@code deleteView}, {@code recordExport}) pass for every role: they read and change only the
 * caller's own views, and write an audit record.
 * A request without an {@link Access} in its context is refused whole with {@code UNAUTHENTICATED}: the engine fails
 * closed.
 */
public final class AccessGuard extends SimplePerformantInstrumentation {
    private final QueryContext context;
    private final Map<String, NodeType> byLabel = new LinkedHashMap<>();
    private final Map<String, NodeType> byRootField = new LinkedHashMap<>();
    private final Map<String, Map<String, SchemaBuilder.Field>> fields = new LinkedHashMap<>();

    /** @param context the schema and ontology of the engine */
    public AccessGuard(QueryContext context) {
        this.context = context;
        for (NodeType t : context.schema().exposedTypes()) {
            byLabel.put(t.label(), t);
            byRootField.put(SchemaBuilder.rootFieldName(t), t);
            byRootField.put(PluralNames.of(t), t);
            byRootField.put(AggregateRootFields.fieldName(t), t);
        }
        context.schema().fieldsByType().forEach((label, list) -> {
            Map<String, SchemaBuilder.Field> m = new LinkedHashMap<>();
            list.forEach(f -> m.put(f.name(), f));
            fields.put(label, m);
        });
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                                                                         InstrumentationState state) {
        ExecutionContext ec = parameters.getExecutionContext();
        Access access = ec.getGraphQLContext() == null ? null : ec.getGraphQLContext().get(Access.CONTEXT_KEY);
        if (access == null) {
            throw new AbortExecutionException(List.of(GraphqlErrorBuilder.newError()
                    .message("the request is not authenticated").extensions(Map.of(ErrorCode.EXTENSION, ErrorCode.UNAUTHENTICATED.name()))
                    .errorType(ErrorCode.UNAUTHENTICATED).build()));
        }
        Set<String> refused = new LinkedHashSet<>();
        List<GraphQLError> errors = new ArrayList<>();
        QueryTraverser.newQueryTraverser().schema(ec.getGraphQLSchema()).document(ec.getDocument())
                .operationName(ec.getExecutionInput().getOperationName()).coercedVariables(ec.getCoercedVariables()).build()
                .visitPreOrder(new QueryVisitorStub() {
                    @Override
                    public void visitField(QueryVisitorFieldEnvironment env) {
                        List<String> messages = new ArrayList<>();
                        check(env, access, messages);
                        for (String m : messages) {
                            if (refused.add(m)) {
                                errors.add(GraphqlErrorBuilder.newError().message("%s", m).location(env.getField().getSourceLocation())
                                        .extensions(Map.of(ErrorCode.EXTENSION, ErrorCode.FORBIDDEN.name())).errorType(ErrorCode.FORBIDDEN).build());
                            }
                        }
                    }
                });
        if (!errors.isEmpty()) {
            throw new AbortExecutionException(errors);
        }
        return SimpleInstrumentationContext.noOp();
    }

    private void check(QueryVisitorFieldEnvironment env, Access access, List<String> out) {
        String name = env.getField().getName();
        if (name.startsWith("__")) {
            return;
        }
        String parent = env.getFieldsContainer().getName();
        String role = access.role().name();
        String path = path(env);
        switch (parent) {
            case "Query" -> query(env, access, out, name, role);
            case "Mutation" -> {
                // the saved views and recordExport (ViewFields.MUTATION_FIELDS) are every authenticated role's: a view
                // holds only its owner's data, and an export record discloses nothing
                if (EntityFields.MUTATION_FIELDS.contains(name)) {
                    entityResolution(access, out, "Mutation." + name, role);
                }
            }
            case "Subscription" -> subscription(env, access, out, name, role);
            case "SearchHit" -> {
                NodeType t = byRootField.get(name);
                if (t != null && !reads(access, t)) {
                    out.add("SearchHit.%s: role %s may not read %s".formatted(name, role, t.label()));
                }
            }
            case "EntityChange" -> {
                if (name.equals("recordKey") && !access.role().clear().contains(Sensitivity.PERSONAL)) {
                    out.add("EntityChange.recordKey: role %s does not read personal data in clear".formatted(role));
                }
            }
            default -> {
                NodeType t = byLabel.get(parent);
                if (t != null) {
                    SchemaBuilder.Field f = fields.get(parent).get(name);
                    if (f != null && access.rule(t, f) == FieldRule.REFUSED) {
                        out.add("%s.%s: role %s may not read it".formatted(parent, name, role));
                    }
                } else if (parent.endsWith("Aggregate") && !name.equals("count")) {
                    NodeType aggregated = byLabel.get(parent.substring(0, parent.length() - "Aggregate".length()));
                    SchemaBuilder.Field f = aggregated == null ? null : fields.get(aggregated.label()).get(name);
                    if (f != null && access.rule(aggregated, f) != FieldRule.CLEAR) {
                        out.add("%s.%s: role %s may not aggregate it: it does not read %s.%s in clear"
                                .formatted(parent, name, role, aggregated.label(), name));
                    }
                }
            }
        }
        arguments(env, access, out, path);
    }

    private void query(QueryVisitorFieldEnvironment env, Access access, List<String> out, String name, String role) {
        if (EntityFields.QUERY_FIELDS.contains(name)) {
            entityResolution(access, out, "Query." + name, role);
            return;
        }
        NodeType t = byRootField.get(name);
        if (t != null) {
            if (!reads(access, t)) {
                out.add("Query.%s: role %s may not read %s".formatted(name, role, t.label()));
            } else if (name.equals(SchemaBuilder.rootFieldName(t)) && !keyLookup(t, access)) {
                out.add("%s(%s): role %s may not look up %s by %s: it does not read it in clear"
                        .formatted(name, t.key().name(), role, t.label(), t.key().name()));
            }
            return;
        }
        if (name.equals("search") && env.getArguments().get("types") instanceof List<?> types) {
            for (Object label : types) {
                if (!SearchField.searchableBy(access, context, String.valueOf(label))) {
                    out.add("search.types: role %s may not search %s: it does not read it or its searched names in clear"
                            .formatted(role, label));
                }
            }
        }
        if (name.equals(NodeField.NAME) && opened(env.getArguments().get(NodeField.REF)) instanceof NodeType e && !reads(access, e)) {
            out.add("node: role %s may not read %s".formatted(role, e.label()));
        }
        if (name.equals("path")) {
            for (String end : List.of("from", "to")) {
                if (!(env.getArguments().get(end) instanceof Map<?, ?> ref)) {
                    continue;
                }
                if (ref.get(NodeField.REF) != null) {
                    // a sealed ref: the caller never gives the key, so reading the type is enough
                    if (opened(ref.get(NodeField.REF)) instanceof NodeType e && !reads(access, e)) {
                        out.add("path.%s: role %s may not start or end a path at %s: it does not read it".formatted(end, role, e.label()));
                    }
                } else if (byLabel.get(String.valueOf(ref.get("type"))) instanceof NodeType e && (!reads(access, e) || !keyLookup(e, access))) {
                    out.add("path.%s: role %s may not start or end a path at %s: it does not read it or its key in clear"
                            .formatted(end, role, e.label()));
                }
            }
        }
    }

    /** @return the type a ref names, or null when it is not one of this hub's (the field's fetcher reports it) */
    private NodeType opened(Object ref) {
        if (ref == null) {
            return null;
        }
        try {
            return NodeField.open(context, ref.toString(), NodeField.NAME).merged();
        } catch (org.jiedao.hub.api.cypher.BadUserInputException e) {
            return null;
        }
    }

    /** Entity resolution's fields: only for a role that reads provenance ({@link Access#provenance()}) */
    private static void entityResolution(Access access, List<String> out, String field, String role) {
        if (access.provenance() != FieldRule.CLEAR) {
            out.add(("%s: role %s may not use entity resolution: it shows and changes which records are one person, for a"
                    + " role that reads every sensitivity in clear and has no row-level scope").formatted(field, role));
        }
    }

    /** @return whether the role reads the type and its row-level scope can reach it ({@link Access#inScopeReach}) */
    private static boolean reads(Access access, NodeType t) {
        return access.role().readsType(t.label()) && access.inScopeReach(t);
    }

    private void subscription(QueryVisitorFieldEnvironment env, Access access, List<String> out, String name, String role) {
        if (!name.equals("entityChanged")) {
            return;
        }
        List<NodeType> wanted = new ArrayList<>();
        if (env.getArguments().get("types") instanceof List<?> types) {
            types.forEach(l -> {
                if (byLabel.get(String.valueOf(l)) instanceof NodeType t) {
                    wanted.add(t);
                }
            });
        } else {
            return; // all types: the subscription delivers those the role may follow (SubscriptionFields)
        }
        for (NodeType t : wanted) {
            if (!access.role().readsType(t.label()) || !keyClear(t, access)) {
                out.add("entityChanged.types: role %s may not follow changes of %s: it does not read it or its key in clear"
                        .formatted(role, t.label()));
            }
        }
    }

    /** where and sort arguments, by their input type: {@code PersonWhere} filters Person, {@code [PersonSort!]} sorts it */
    private void arguments(QueryVisitorFieldEnvironment env, Access access, List<String> out, String path) {
        for (GraphQLArgument a : env.getFieldDefinition().getArguments()) {
            Object value = env.getArguments().get(a.getName());
            if (value == null || !(GraphQLTypeUtil.unwrapAll(a.getType()) instanceof GraphQLNamedType type)) {
                continue;
            }
            String typeName = type.getName();
            if (typeName.endsWith("Where") && byLabel.get(typeName.substring(0, typeName.length() - 5)) instanceof NodeType t
                    && value instanceof Map<?, ?> m) {
                where(t, m, path + "." + a.getName(), access, out);
            } else if (typeName.endsWith("Sort") && byLabel.get(typeName.substring(0, typeName.length() - 4)) instanceof NodeType t) {
                sort(t, value instanceof List<?> l ? l : List.of(value), path + "." + a.getName(), access, out);
            }
        }
    }

    private void where(NodeType type, Map<?, ?> where, String path, Access access, List<String> out) {
        for (Map.Entry<?, ?> e : where.entrySet()) {
            String key = String.valueOf(e.getKey());
            Object value = e.getValue();
            if (value == null) {
                continue;
            }
            String at = path + "." + key;
            switch (key) {
                case "AND", "OR" -> {
                    int i = 0;
                    for (Object w : value instanceof List<?> l ? l : List.of(value)) {
                        if (w instanceof Map<?, ?> m) {
                            where(type, m, at + "[" + i + "]", access, out);
                        }
                        i++;
                    }
                }
                case "NOT" -> {
                    if (value instanceof Map<?, ?> m) {
                        where(type, m, at, access, out);
                    }
                }
                default -> {
                    SchemaBuilder.Field f = fields.get(type.label()).get(key);
                    if (f == null) {
                        continue; // validation has refused it, or the translator will name it
                    }
                    FieldRule rule = access.rule(type, f);
                    if (f.binding() instanceof FieldBinding.Relationship r) {
                        if (rule == FieldRule.REFUSED) {
                            out.add("%s: role %s may not filter on %s.%s: it may not read it".formatted(at, access.role().name(), type.label(), key));
                        } else if (value instanceof Map<?, ?> filter) {
                            filter.forEach((quantifier, inner) -> {
                                if (inner instanceof Map<?, ?> m) {
                                    where(r.target(), m, at + "." + quantifier, access, out);
                                }
                            });
                        }
                    } else if (rule != FieldRule.CLEAR) {
                        out.add("%s: role %s may not filter on %s.%s: it reads it %s".formatted(at, access.role().name(),
                                type.label(), key, shown(rule)));
                    }
                }
            }
        }
    }

    private void sort(NodeType type, List<?> sort, String path, Access access, List<String> out) {
        int i = 0;
        for (Object element : sort) {
            if (element instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    SchemaBuilder.Field f = fields.get(type.label()).get(String.valueOf(e.getKey()));
                    FieldRule rule = f == null ? FieldRule.CLEAR : access.rule(type, f);
                    if (e.getValue() != null && rule != FieldRule.CLEAR) {
                        out.add("%s[%d].%s: role %s may not sort on %s.%s: it reads it %s".formatted(path, i, e.getKey(),
                                access.role().name(), type.label(), e.getKey(), shown(rule)));
                    }
                }
            }
            i++;
        }
    }

    private static String shown(FieldRule rule) {
        return switch (rule) {
            case CLEAR -> "in clear";
            case MASKED -> "masked";
            case HIDDEN -> "hidden";
            case REFUSED -> "not at all";
        };
    }

    /** @return whether the role may look a node of type t up by its key: it reads the key in clear, or may look up by a masked one */
    private boolean keyLookup(NodeType t, Access access) {
        return keyClear(t, access) || access.role().lookupByMaskedKey();
    }

    private boolean keyClear(NodeType t, Access access) {
        SchemaBuilder.Field key = fields.get(t.label()).get(t.key().name());
        return key != null && access.rule(t, key) == FieldRule.CLEAR;
    }

    /** @return the field's path by field names from the root field, e.g. {@code persons.edges.node.vehicles} */
    private static String path(QueryVisitorFieldEnvironment env) {
        List<String> names = new ArrayList<>();
        for (QueryVisitorFieldEnvironment e = env; e != null; e = e.getParentEnvironment()) {
            names.addFirst(e.getField().getName());
        }
        return String.join(".", names);
    }
}

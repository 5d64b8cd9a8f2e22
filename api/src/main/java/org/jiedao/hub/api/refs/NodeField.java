package org.jiedao.hub.api.refs;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import graphql.TypeResolutionEnvironment;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLObjectType;
import graphql.schema.SelectedField;
import graphql.schema.TypeResolver;

import org.jiedao.hub.api.access.Access;
import org.jiedao.hub.api.audit.EntityRef;
import org.jiedao.hub.api.cypher.AsOf;
import org.jiedao.hub.api.cypher.BadUserInputException;
import org.jiedao.hub.api.cypher.RowScope;
import org.jiedao.hub.api.cypher.SelectionTranslator;
import org.jiedao.hub.api.query.QueryContext;
import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.PropertyDef;

/**
 * The root field {@code node(ref: ID!, asOf: String): Node}: the node a ref names ({@link NodeRefs}), answered like
 * its key lookup ({@code person(idNumber:)}), with one statement ({@link SelectionTranslator#nodeQuery}): the same
 * selection (by inline fragments, {@code ... on Person {...}}: a selected field applies to the types of its
 * {@link SelectedField#getObjectTypeNames()}), the same access rules, masking, row-level scope (a node outside the
 * caller's scope answers null, as if it did not exist) and audit (the answer carries the node's {@code @ref} entry
 * like any projection). The caller never gives the key, so a role that reads the key masked may still open the node:
 * the key lookup's rule "the key argument must be read in clear" guards against guessing keys, which a sealed ref
 * does not allow. A ref of a type the role may not read is refused before execution ({@code FORBIDDEN},
 * {@link org.jiedao.hub.api.access.AccessGuard}).
 *
 * <p>The node is shown as the most specific exposed type it has that the role reads (a Case node that is also a
 * Complaint as a Complaint), the type resolver of {@code Node} reading it from the entry {@value #TYPE} of the answer
 * (a reserved key like {@code @ref}, never a response key).
 *
 * <p>Errors: {@code BAD_USER_INPUT} "node(ref:): not a node reference of this hub" for a malformed, altered or foreign
 * ref (the same message whatever failed); {@code asOf} not a date.
 */
public final class NodeField implements DataFetcher<CompletableFuture<DataFetcherResult<Object>>> {
    /** The root field's name. */
    public static final String NAME = "node";
    /** The name of the {@code ref} field of node types, {@code Node}, {@code SearchHit} and {@code PathNode}. */
    public static final String REF = "ref";
    /** The interface every node type implements. */
    public static final String INTERFACE = "Node";
    /** The reserved entry of the answer naming the type the node is shown as. */
    public static final String TYPE = "@type";
    /** Resolves a {@code Node} answer to its object type, from {@value #TYPE}. */
    public static final TypeResolver TYPE_RESOLVER = NodeField::resolve;
    private final QueryContext context;

    /** @param context the engine's schema, translator, runner and refs */
    public NodeField(QueryContext context) {
        this.context = context;
    }

    @Override
    public CompletableFuture<DataFetcherResult<Object>> get(DataFetchingEnvironment env) {
        Access access = Access.of(env);
        SelectionTranslator.CypherStatement statement;
        try {
            Opened opened = open(context, env.getArgument(REF), NAME + "(ref:)");
            List<NodeType> types = opened.shownAs().stream().filter(t -> access.role().readsType(t.label())).toList();
            if (types.isEmpty()) {
                // AccessGuard refuses a type the role may not read before execution; nothing to show here
                return CompletableFuture.completedFuture(DataFetcherResult.newResult().data(null).build());
            }
            LocalDate asOf = AsOf.parse(env.getArgument(AsOf.ARGUMENT), NAME);
            List<SelectedField> selected = env.getSelectionSet().getImmediateFields();
            statement = context.translator().scoped(RowScope.of(access)).nodeQuery(types, opened.key(),
                    t -> selected.stream().filter(f -> f.getObjectTypeNames().contains(t.label())).toList(), asOf, access);
        } catch (BadUserInputException e) {
            return CompletableFuture.completedFuture(e.toResult(env));
        }
        return context.cypher().read(statement.cypher(), statement.parameters()).thenApply(rows -> {
            if (rows.isEmpty() || !(rows.getFirst().get("result") instanceof Map<?, ?> result)) {
                return DataFetcherResult.newResult().data(null).build();
            }
            Map<Object, Object> shown = new LinkedHashMap<>(result);
            shown.put(TYPE, rows.getFirst().get("type"));
            return DataFetcherResult.newResult().data(shown).build();
        });
    }

    /**
     * A ref opened against the engine's ontology.
     *
     * @param merged  the type the node is merged on (the ref's label)
     * @param key     its key, in the stored type of the key property
     * @param shownAs the exposed types merged on that label, most specific first, {@code merged} last
     */
    public record Opened(NodeType merged, Object key, List<NodeType> shownAs) {
    }

    /**
     * @param context  the engine's context
     * @param ref      the ref text given by the caller
     * @param argument the argument, for the message, e.g. {@code node(ref:)} or {@code path.from.ref}
     * @return the node type and key it names
     * @throws BadUserInputException ("&lt;argument&gt;: not a node reference of this hub") when the ref was not made by
     *                               this hub's secret or names no exposed type of its ontology
     */
    public static Opened open(QueryContext context, String ref, String argument) {
        EntityRef opened;
        try {
            opened = context.refs().open(ref);
        } catch (BadUserInputException e) {
            throw new BadUserInputException(argument + ": " + e.getMessage());
        }
        Optional<NodeType> merged = context.schema().exposedTypes().stream()
                .filter(t -> t.label().equals(opened.label()) && context.ontology().mergeType(t).equals(t)).findFirst();
        if (merged.isEmpty()) {
            throw new BadUserInputException(argument + ": " + NodeRefs.NOT_A_REF);
        }
        List<NodeType> shownAs = new ArrayList<>(context.schema().exposedTypes().stream()
                .filter(t -> context.ontology().mergeType(t).label().equals(opened.label())).toList());
        NodeType general = merged.get();
        shownAs.sort(Comparator.comparing((NodeType t) -> t.equals(general))
                .thenComparingInt(t -> -context.ontology().labels(t).size()));
        return new Opened(merged.get(), keyValue(merged.get().key(), opened.key().toString(), argument), List.copyOf(shownAs));
    }

    /** @return the key as stored: a number for an integer key, else the text */
    private static Object keyValue(PropertyDef key, String text, String argument) {
        return switch (key.datatype()) {
            case "integer", "int", "long" -> {
                try {
                    yield Long.parseLong(text);
                } catch (NumberFormatException e) {
                    throw new BadUserInputException(argument + ": " + NodeRefs.NOT_A_REF);
                }
            }
            default -> text;
        };
    }

    private static GraphQLObjectType resolve(TypeResolutionEnvironment env) {
        Object type = env.getObject() instanceof Map<?, ?> m ? m.get(TYPE) : null;
        return type == null ? null : env.getSchema().getObjectType(type.toString());
    }
}

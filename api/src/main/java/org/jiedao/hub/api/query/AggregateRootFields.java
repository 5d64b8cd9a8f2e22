package org.jiedao.hub.api.query;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.idl.TypeRuntimeWiring;

import org.jiedao.hub.api.access.Access;
import org.jiedao.hub.api.cypher.Aggregations;
import org.jiedao.hub.api.cypher.AsOf;
import org.jiedao.hub.api.cypher.BadUserInputException;
import org.jiedao.hub.api.cypher.RowScope;
import org.jiedao.hub.api.cypher.WhereTranslator;
import org.jiedao.hub.api.cypher.SelectionTranslator;
import org.jiedao.hub.api.schema.AggregateTypes;
import org.jiedao.hub.api.schema.Validity;
import org.jiedao.hub.ontology.NodeType;
import org.neo4j.cypherdsl.core.Condition;
import org.neo4j.cypherdsl.core.Cypher;
import org.neo4j.cypherdsl.core.Node;
import org.neo4j.cypherdsl.core.Statement;

/**
 * Root aggregate fields, one per exposed node type: {@code personsAggregate: PersonAggregate!} counts all persons and
 * gives min/max/avg/sum of their properties in one statement. Types whose nodes carry their own validity
 * (certificates, parking permits; see {@link Validity}) take {@code asOf}: then only the nodes valid on that day
 * count. The statement matches every node of the type; {@link #condition} is the place where a {@code where}
 * argument's condition (the query helper's {@code WhereTranslator}) joins the validity condition; the request's
 * row-level scope ({@link RowScope}) joins them, so a scoped role aggregates over the nodes in its scope only. For
 * roles without personal access, an aggregate over fewer than k nodes of a personal type answers null (k-anonymity,
 * {@link Aggregations#suppressed}), counted among the nodes in scope.
 */
public final class AggregateRootFields {
    private AggregateRootFields() {
    }

    /**
     * @param t a node type
     * @return the root field's name: the type's plural in lower camel case plus {@code Aggregate}, e.g.
     *         {@code personsAggregate}, {@code addressesAggregate}, {@code communitiesAggregate}
     */
    public static String fieldName(NodeType t) {
        return org.jiedao.hub.api.schema.PluralNames.of(t) + "Aggregate";
    }

    /**
     * @param context the schema and ontology
     * @return {@code extend type Query { ... }} with one aggregate field per exposed type
     */
    public static String sdl(QueryContext context) {
        StringBuilder sdl = new StringBuilder("extend type Query {\n");
        for (NodeType t : context.schema().exposedTypes()) {
            sdl.append("  \"\"\"聚合 / count, min, max, avg over all ").append(t.labelEn()).append(" nodes\"\"\"\n");
            sdl.append("  ").append(fieldName(t))
                    .append("(where: ").append(t.label()).append("Where")
                    .append(Validity.ofNodes(t).isPresent() ? ", " + Validity.ASOF_ARGUMENT : "").append(')')
                    .append(": ").append(AggregateTypes.typeName(t)).append("!\n");
        }
        return sdl.append("}\n").toString();
    }

    /**
     * @param query   the {@code Query} type's wiring
     * @param context what the fetchers need
     * @return the same wiring with one fetcher per root aggregate field
     */
    public static TypeRuntimeWiring.Builder wire(TypeRuntimeWiring.Builder query, QueryContext context) {
        context.schema().exposedTypes().forEach(t -> query.dataFetcher(fieldName(t), fetcher(t, context)));
        return query;
    }

    /**
     * @param type   the node type aggregated over
     * @param target the node matched
     * @param asOf   the day asked about, or null
     * @param filter the {@code where} argument, or null
     * @param whereTranslator the translator of {@code where}, scoped to the request
     * @return the condition the nodes must satisfy: {@code where}, and valid on {@code asOf} when the type has
     *         node validity
     * @throws BadUserInputException if a value in {@code where} is invalid (the message names it)
     */
    @SuppressWarnings("unchecked")
    static Condition condition(NodeType type, Node target, LocalDate asOf, Object filter, WhereTranslator whereTranslator) {
        Condition where = filter == null ? Cypher.noCondition()
                : whereTranslator.condition(type, target, (Map<String, ?>) filter, asOf, "where");
        if (asOf != null) {
            Condition filtered = where; // the filter holds and, for types with their own validity, the node is valid on asOf
            where = Validity.ofNodes(type).map(v -> filtered.and(v.condition(null, target, asOf))).orElse(where);
        }
        return where;
    }

    private static DataFetcher<CompletableFuture<DataFetcherResult<Object>>> fetcher(NodeType type, QueryContext context) {
        String field = fieldName(type);
        return env -> {
            List<String> labels = context.ontology().labels(type);
            Node target = Cypher.node(labels.getFirst(), labels.subList(1, labels.size())).named("n0");
            Statement s;
            try {
                LocalDate asOf = AsOf.parse(env.getArgument(AsOf.ARGUMENT), field);
                Access access = Access.of(env);
                RowScope scope = RowScope.of(access);
                Condition where = condition(type, target, asOf, env.getArgument("where"), context.translator().scoped(scope).whereTranslator());
                Optional<RowScope.Start> start = scope.start(type, target);
                int k = access.suppressBelow(type);
                s = start.isPresent()
                        ? Aggregations.root(start.get(), target, type, where, env.getSelectionSet().getImmediateFields(), k)
                        : Aggregations.root(target, type, where.and(scope.condition(type, target)), env.getSelectionSet().getImmediateFields(), k);
            } catch (BadUserInputException e) {
                return CompletableFuture.completedFuture(e.toResult(env));
            }
            return context.cypher().read(SelectionTranslator.render(s), new HashMap<>(s.getCatalog().getParameters()))
                    .thenApply(rows -> DataFetcherResult.newResult().data(rows.getFirst().get("result")).build());
        };
    }
}

package org.jiedao.hub.api;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

import graphql.GraphQL;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.TypeRuntimeWiring;

import org.jiedao.hub.api.access.Access;
import org.jiedao.hub.api.access.AccessGuard;
import org.jiedao.hub.api.cypher.AsOf;
import org.jiedao.hub.api.cypher.BadUserInputException;
import org.jiedao.hub.api.cypher.CypherRunner;
import org.jiedao.hub.api.cypher.RowScope;
import org.jiedao.hub.api.cypher.SelectionTranslator;
import org.jiedao.hub.api.entity.EntityFields;
import org.jiedao.hub.api.entity.EvidenceFetcher;
import org.jiedao.hub.api.errors.FailureClassifier;
import org.jiedao.hub.api.errors.MaskingExceptionHandler;
import org.jiedao.hub.api.limits.QueryGuards;
import org.jiedao.hub.api.query.AggregateRootFields;
import org.jiedao.hub.api.query.ConnectionFetcher;
import org.jiedao.hub.api.query.QueryContext;
import org.jiedao.hub.api.query.RootField;
import org.jiedao.hub.api.query.RootFields;
import org.jiedao.hub.api.refs.NodeField;
import org.jiedao.hub.api.refs.NodeRefs;
import org.jiedao.hub.api.refs.RefFetcher;
import org.jiedao.hub.api.schema.AggregateTypes;
import org.jiedao.hub.api.schema.ComputedFields;
import org.jiedao.hub.api.schema.ResultKeyDataFetcher;
import org.jiedao.hub.api.schema.PluralNames;
import org.jiedao.hub.api.schema.SchemaBuilder;
import org.jiedao.hub.api.subscription.SubscriptionFields;
import org.jiedao.hub.api.views.SavedViews;
import org.jiedao.hub.api.views.ViewFields;
import org.jiedao.hub.graph.entity.EntityResolution;
import org.jiedao.hub.graph.feed.ChangeFeed;
import org.jiedao.hub.loaders.normalise.NormalisationException;
import org.jiedao.hub.loaders.normalise.Normaliser;
import org.jiedao.hub.loaders.normalise.Normalisers;
import org.jiedao.hub.ontology.CodeList;
import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.Ontology;
import org.neo4j.driver.Driver;

/**
 * Builds the hub's {@link GraphQL} engine: the schema derived from the ontology, and one data fetcher per root
 * field that normalises the key argument (so {@code 15-digit}, full-width or {@code 京A·12345} forms find the same
 * node), translates the whole selection into one Cypher statement and runs it in a read transaction on a
 * virtual thread (the driver blocks; DESIGN.md, decision 7). Nested fields are read from the returned map.
 * Every request passes the limits of {@link QueryLimits} ({@link QueryGuards}); every error carries
 * {@code extensions.code}, and unexpected failures are masked ({@link MaskingExceptionHandler}). Documents
 * are parsed and validated once per text ({@link DocumentCache}). A request whose context carries an
 * {@link org.jiedao.hub.api.audit.AuditCollector} is recorded in the audit trail
 * ({@link org.jiedao.hub.api.audit.AuditInstrumentation}).
 * Each type's
 * root connection ({@code persons}, see {@link org.jiedao.hub.api.schema.PluralNames}) is answered by a
 * {@link ConnectionFetcher}, also with one statement. Built with an {@link EntityResolution}, the engine also answers
 * entity resolution's fields and mutations ({@link EntityFields}: {@code why}, {@code whyNot}, {@code reviewItems},
 * {@code mergeEntities}...). Every node type implements {@code Node} with a {@code ref} field, an opaque handle sealed
 * by the context's {@link NodeRefs} ({@link RefFetcher}), which the root field {@code node(ref:)} ({@link NodeField})
 * opens like the key lookup.
 *
 * <p>Every request must carry an {@link Access} in its {@code GraphQLContext} under {@link Access#CONTEXT_KEY}
 * (the HTTP layer puts the authenticated caller's; the hub's own commands use {@link Access#internal}): fields and
 * filters the role may not use are refused before execution ({@link AccessGuard}), and the translation masks, hides
 * and suppresses values for it (docs/security/access-policy.md). A request without one is refused.
 */
public final class GraphQLFactory {
    /** Parsed and validated documents kept by text ({@link DocumentCache}). */
    public static final int DOCUMENTS_CACHED = 1000;
    private GraphQLFactory() {
    }

    /**
     * @param ontology the ontology
     * @param driver   the hub's driver
     * @param blocking executor for blocking driver calls (virtual threads)
     * @return the engine
     */
    public static GraphQL create(Ontology ontology, Driver driver, ExecutorService blocking) {
        return create(ontology, driver, blocking, QueryLimits.DEFAULTS);
    }

    /**
     * @param ontology the ontology
     * @param driver   the hub's driver
     * @param blocking executor for blocking driver calls (virtual threads)
     * @param limits   depth and time limits per query
     * @return the engine
     */
    public static GraphQL create(Ontology ontology, Driver driver, ExecutorService blocking, QueryLimits limits) {
        return create(context(ontology, driver, blocking, limits));
    }

    /**
     * @param ontology the ontology
     * @param driver   the hub's driver
     * @param blocking executor for blocking driver calls (virtual threads)
     * @param limits   depth and time limits per query
     * @param changes  the feed the hub's writer publishes into, served as {@code Subscription.entityChanged}
     * @return the engine
     */
    public static GraphQL create(Ontology ontology, Driver driver, ExecutorService blocking, QueryLimits limits,
                                 ChangeFeed changes) {
        return create(context(ontology, driver, blocking, limits), changes);
    }

    /**
     * @param ontology the ontology
     * @param driver   the hub's driver
     * @param blocking executor for blocking driver calls (virtual threads)
     * @param limits   the query limits
     * @return what root fields need to answer, with a fresh statement counter; its node refs are sealed with a random
     *         in-memory secret ({@link NodeRefs#ephemeral()}), so they do not survive the engine
     */
    public static QueryContext context(Ontology ontology, Driver driver, ExecutorService blocking, QueryLimits limits) {
        return context(ontology, driver, blocking, limits, NodeRefs.ephemeral());
    }

    /**
     * @param ontology the ontology
     * @param driver   the hub's driver
     * @param blocking executor for blocking driver calls (virtual threads)
     * @param limits   the query limits
     * @param refs     the sealer of node refs; the hub's is {@link NodeRefs#loadOrCreate} on
     *                 {@code <data>/secrets/explorer-ref.key}, so refs survive restarts
     * @return what root fields need to answer, with a fresh statement counter
     */
    public static QueryContext context(Ontology ontology, Driver driver, ExecutorService blocking, QueryLimits limits,
                                       NodeRefs refs) {
        SchemaBuilder schema = new SchemaBuilder(ontology, ComputedFields.all());
        return new QueryContext(ontology, schema, new SelectionTranslator(schema, ontology, limits.maxPageSize()),
                new CypherRunner(driver, blocking, limits.timeout()), limits, refs);
    }

    /**
     * @param context the schema, translator, runner and limits to build on
     * @return the engine: the derived schema, its key lookups and the hand-written root fields of {@link RootFields};
     *         its {@code entityChanged} subscription answers with an error (no change feed)
     */
    public static GraphQL create(QueryContext context) {
        return create(context, null);
    }

    /**
     * @param context the schema, translator, runner and limits to build on
     * @param changes the change feed served as {@code Subscription.entityChanged}, or null for none
     * @return the engine: the derived schema, its key lookups, the hand-written root fields of {@link RootFields}
     *         and the subscriptions of {@link SubscriptionFields}
     */
    public static GraphQL create(QueryContext context, ChangeFeed changes) {
        return create(context, changes, null);
    }

    /**
     * @param ontology   the ontology
     * @param driver     the hub's driver
     * @param blocking   executor for blocking driver calls (virtual threads)
     * @param limits     depth and time limits per query
     * @param changes    the feed the hub's writer publishes into, served as {@code Subscription.entityChanged}, or null
     * @param resolution the hub's entity resolution of persons, served by {@link EntityFields}, or null for none
     * @return the engine
     */
    public static GraphQL create(Ontology ontology, Driver driver, ExecutorService blocking, QueryLimits limits,
                                 ChangeFeed changes, EntityResolution resolution) {
        return create(context(ontology, driver, blocking, limits), changes, resolution);
    }

    /**
     * @param context    the schema, translator, runner and limits to build on
     * @param changes    the change feed served as {@code Subscription.entityChanged}, or null for none
     * @param resolution the hub's entity resolution of persons, or null: then the schema has none of its fields
     *                   ({@code why}, {@code whyNot}, {@code reviewItems}, {@code personByEntityId}) and its
     *                   mutations; the {@code Mutation} type is always there, with the saved views' fields and
     *                   {@code recordExport} ({@link ViewFields})
     * @return the engine: the derived schema, its key lookups, the hand-written root fields of {@link RootFields},
     *         the subscriptions of {@link SubscriptionFields}, the saved views and export records of
     *         {@link ViewFields} and, with {@code resolution}, the fields of {@link EntityFields}
     */
    public static GraphQL create(QueryContext context, ChangeFeed changes, EntityResolution resolution) {
        SchemaBuilder schema = context.schema();
        EntityFields entities = resolution == null ? null : new EntityFields(resolution, context);
        List<RootField> extra = RootFields.all();
        StringBuilder sdl = new StringBuilder(schema.sdl());
        extra.forEach(f -> sdl.append(f.typesSdl(context)).append('\n'));
        sdl.append(AggregateRootFields.sdl(context));
        if (!extra.isEmpty()) {
            sdl.append("extend type Query {\n");
            extra.forEach(f -> sdl.append(f.fieldSdl(context)).append('\n'));
            sdl.append("}\n");
        }
        sdl.append(SubscriptionFields.SDL);
        ViewFields views = new ViewFields(context, new SavedViews(context.cypher().driver(), java.time.Clock.systemUTC()));
        sdl.append(ViewFields.SDL); // declares Mutation: present in every engine
        if (entities != null) {
            sdl.append(entities.sdl());
        }
        TypeDefinitionRegistry types = new SchemaParser().parse(sdl.toString());
        RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring();
        wiring.type("Query", q -> {
            for (NodeType t : schema.exposedTypes()) {
                q.dataFetcher(SchemaBuilder.rootFieldName(t), rootFetcher(t, context));
                q.dataFetcher(PluralNames.of(t), new ConnectionFetcher(t, context));
            }
            q.dataFetcher(NodeField.NAME, new NodeField(context));
            extra.forEach(f -> q.dataFetcher(f.name(), f.fetcher(context)));
            views.wireQuery(q);
            if (entities != null) {
                entities.wireQuery(q);
            }
            return AggregateRootFields.wire(q, context);
        });
        views.wire(wiring);
        if (entities != null) {
            entities.wire(wiring);
        }
        new SubscriptionFields(changes, schema.exposedTypes()).wire(wiring);
        // generated types are read by response key, so aliases of one field may give different arguments
        List<String> generated = new java.util.ArrayList<>(List.of(AggregateTypes.NUMBER, AggregateTypes.STRING));
        // a link's evidence is stored as JSON text: parsed for SourceRef.evidence
        wiring.type(TypeRuntimeWiring.newTypeWiring("SourceRef").defaultDataFetcher(ResultKeyDataFetcher.INSTANCE)
                .dataFetcher("evidence", EvidenceFetcher.INSTANCE));
        // an asserted value of a coded property is shown as the field is: the code's enum name
        Map<String, Map<String, String>> enumNames = new java.util.HashMap<>();
        schema.enums().forEach(list -> list.codes().forEach(c ->
                enumNames.computeIfAbsent(list.enumName(), k -> new java.util.HashMap<>()).put(c.notation(), c.enumName())));
        wiring.type(TypeRuntimeWiring.newTypeWiring("AssertedValue").dataFetcher("value", env -> {
            Map<?, ?> v = env.getSource();
            Object value = v.get("value");
            Object codes = v.get(SelectionTranslator.ASSERTED_ENUM);
            return value == null || codes == null ? value : enumNames.getOrDefault(codes.toString(), Map.of()).getOrDefault(value.toString(), value.toString());
        }));
        schema.exposedTypes().forEach(t -> generated.addAll(List.of(t.label(), AggregateTypes.typeName(t))));
        generated.forEach(name -> wiring.type(TypeRuntimeWiring.newTypeWiring(name).defaultDataFetcher(ResultKeyDataFetcher.INSTANCE)));
        // node refs: sealed from the @ref entry of every node map, search hit, path node and timeline event (NodeRefs)
        RefFetcher ref = new RefFetcher(context.refs());
        schema.exposedTypes().forEach(t -> wiring.type(t.label(), w -> w.dataFetcher(NodeField.REF, ref)));
        List.of("SearchHit", "PathNode", "TimelineEvent").forEach(name -> wiring.type(name, w -> w.dataFetcher(NodeField.REF, ref)));
        wiring.type(TypeRuntimeWiring.newTypeWiring(NodeField.INTERFACE).typeResolver(NodeField.TYPE_RESOLVER));
        // enums of code lists: the API shows the enum name, the graph stores the code's notation
        for (CodeList list : schema.enums()) {
            Map<String, String> notations = new java.util.HashMap<>();
            list.codes().forEach(c -> notations.put(c.enumName(), c.notation()));
            wiring.type(TypeRuntimeWiring.newTypeWiring(list.enumName()).enumValues(notations::get));
        }
        GraphQLSchema graphQLSchema = new SchemaGenerator().makeExecutableSchema(types, wiring.build());
        FailureClassifier failures = new FailureClassifier(context.limits().timeout());
        return GraphQL.newGraphQL(graphQLSchema)
                .preparsedDocumentProvider(new DocumentCache(DOCUMENTS_CACHED))
                .instrumentation(new graphql.execution.instrumentation.ChainedInstrumentation(
                        QueryGuards.instrumentation(context.limits(), failures, new AccessGuard(context)),
                        new org.jiedao.hub.api.audit.AuditInstrumentation())) // last: sees the final error codes
                .defaultDataFetcherExceptionHandler(new MaskingExceptionHandler(failures)).build();
    }

    private static DataFetcher<CompletableFuture<DataFetcherResult<Object>>> rootFetcher(NodeType type, QueryContext context) {
        String argument = type.key().name();
        Normaliser normaliser = Normalisers.forProperty(type.key());
        CypherRunner cypher = context.cypher();
        return env -> {
            Object key;
            try {
                key = normaliser.normalise(env.getArgument(argument));
            } catch (NormalisationException e) {
                return CompletableFuture.completedFuture(DataFetcherResult.newResult()
                        .error(GraphqlErrorBuilder.newError(env).message("%s: %s", argument, e.getMessage()).build()).build());
            }
            if (key == null) {
                return CompletableFuture.completedFuture(DataFetcherResult.newResult().data(null).build());
            }
            SelectionTranslator.CypherStatement statement;
            try {
                Access access = Access.of(env);
                statement = context.translator().scoped(RowScope.of(access)).rootQuery(type, env.getSelectionSet(), key,
                        AsOf.parse(env.getArgument(AsOf.ARGUMENT), SchemaBuilder.rootFieldName(type)), access);
            } catch (BadUserInputException e) {
                return CompletableFuture.completedFuture(e.toResult(env));
            }
            // a failure (timeout, database down...) goes to MaskingExceptionHandler, which gives it its code
            return cypher.read(statement.cypher(), statement.parameters()).thenApply(rows ->
                    DataFetcherResult.newResult().data(rows.isEmpty() ? null : rows.getFirst().get("result")).build());
        };
    }
}

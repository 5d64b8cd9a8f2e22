package org.jiedao.hub.api.entity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.TypeRuntimeWiring;

import org.jiedao.hub.api.access.Access;
import org.jiedao.hub.api.cypher.AsOf;
import org.jiedao.hub.api.cypher.BadUserInputException;
import org.jiedao.hub.api.cypher.RowScope;
import org.jiedao.hub.api.cypher.SelectionTranslator;
import org.jiedao.hub.api.errors.ErrorCode;
import org.jiedao.hub.api.query.QueryContext;
import org.jiedao.hub.api.schema.ResultKeyDataFetcher;
import org.jiedao.hub.api.schema.Validity;
import org.jiedao.hub.graph.entity.ConflictingIdentifiersException;
import org.jiedao.hub.graph.entity.EntityNotFoundException;
import org.jiedao.hub.graph.entity.EntityResolution;
import org.jiedao.hub.graph.entity.Explanation;
import org.jiedao.hub.graph.entity.RecordLink;
import org.jiedao.hub.graph.entity.review.ReviewItem;
import org.jiedao.hub.graph.resolution.Evidence;
import org.jiedao.hub.ontology.NodeType;

/**
 * Entity resolution in the GraphQL API (issue 5; docs/entity-resolution.md, "GraphQL"): the root fields
 * {@code why(a, b)}, {@code whyNot(a, b)} ({@link EntityResolution#explain}), {@code reviewItems} (the pending review
 * queue), {@code personByEntityId(entityId)} (a person without an ID number has no other key), and the mutations
 * {@code mergeEntities}, {@code unmergeRecord}, {@code acceptReview}, {@code rejectReview}. Added to the schema only
 * when the engine is built with an {@link EntityResolution}.
 *
 * <p>Only a role for which {@link Access#provenance()} is clear (reads every sensitivity in clear, no row-level
 * scope: {@code admin}) may select any of them; others are refused with {@code FORBIDDEN} before anything runs
 * ({@link org.jiedao.hub.api.access.AccessGuard}). Every call blocks (the driver, Spring Data Neo4j) and runs on the
 * engine's blocking executor, never on an event loop. Failures of the engine become field errors with
 * {@code extensions.code}: {@link ConflictingIdentifiersException} {@code CONFLICT},
 * {@link EntityNotFoundException} {@code NOT_FOUND}, {@link IllegalArgumentException} {@code BAD_USER_INPUT}, each
 * with the engine's message; anything else is masked ({@code INTERNAL}, {@code UNAVAILABLE}...). The decider of a
 * mutation ({@code by}) is the authenticated principal's id. Mutations are recorded in the audit trail like queries
 * ({@link org.jiedao.hub.api.audit.AuditInstrumentation}, {@code operationType mutation}).
 */
public final class EntityFields {
    /** The entity-resolution fields of {@code Query}. */
    public static final Set<String> QUERY_FIELDS = Set.of("why", "whyNot", "reviewItems", "personByEntityId");
    /** Entity resolution's fields of {@code Mutation} (the type itself is declared by {@link org.jiedao.hub.api.views.ViewFields}). */
    public static final Set<String> MUTATION_FIELDS = Set.of("mergeEntities", "unmergeRecord", "acceptReview", "rejectReview");
    private static final String PERSON = "Person";
    private static final String ENTITY_ID = "entityId";

    private final EntityResolution resolution;
    private final QueryContext context;
    private final boolean byEntityId;

    /**
     * @param resolution the hub's entity resolution of persons
     * @param context    the engine's schema, translator and runner (its blocking executor)
     */
    public EntityFields(EntityResolution resolution, QueryContext context) {
        this.resolution = java.util.Objects.requireNonNull(resolution, "resolution");
        this.context = context;
        NodeType person = context.schema().exposedTypes().stream().filter(t -> t.label().equals(PERSON)).findFirst().orElse(null);
        this.byEntityId = person != null && person.property(ENTITY_ID).isPresent();
    }

    /** @return the SDL these fields add: their types, {@code extend type Query} and {@code extend type Mutation} */
    public String sdl() {
        return """
                \"""why two records (or entities) are, or are not, one person (why / whyNot)\"""
                type MatchExplanation {
                  \"""the first argument: an entity id or a record uid (source:recordKey)\"""
                  a: String!
                  \"""the second argument\"""
                  b: String!
                  \"""the entity a is or resolves to\"""
                  entityA: String!
                  \"""the entity b is or resolves to\"""
                  entityB: String!
                  \"""whether both are one entity now\"""
                  sameEntity: Boolean!
                  \"""what the match weights alone decide for the pair now: LINK, REVIEW or DISTINCT\"""
                  decision: String!
                  \"""the comparison of the two now (hub values left out)\"""
                  evidence: MatchEvidence!
                  \"""the links of the common entity decided by weights or by a clerk, with their stored evidence; empty when apart\"""
                  links: [SourceRef!]!
                  \"""what keeps them apart, one sentence each; empty when joined\"""
                  blockers: [String!]!
                  \"""the link threshold in bits\"""
                  linkThreshold: Float!
                  \"""the review threshold in bits\"""
                  reviewThreshold: Float!
                }

                \"""待核对的实体对 / a pair of entities entity resolution could not decide, waiting for a clerk\"""
                type ReviewItem {
                  \"""the item's id (acceptReview / rejectReview)\"""
                  id: String!
                  \"""the entity under review\"""
                  entityId: String!
                  \"""the entity it may be\"""
                  candidateId: String!
                  \"""the match weight in bits\"""
                  weight: Float
                  \"""the comparison of the pair\"""
                  evidence: MatchEvidence
                  \"""why a person must decide\"""
                  reason: String
                  \"""when raised (ISO-8601)\"""
                  createdAt: String
                }

                extend type Query {
                  \"""why a and b (entity ids or record uids) are one person: the comparison and the links that joined them\"""
                  why(a: String!, b: String!): MatchExplanation
                  \"""why a and b (entity ids or record uids) are not one person: the comparison and what keeps them apart\"""
                  whyNot(a: String!, b: String!): MatchExplanation
                  \"""the pending review items, oldest first\"""
                  reviewItems: [ReviewItem!]!
                """ + (byEntityId ? """
                  \"""人员 / Person by entity id (persons without an ID number have no other key)\"""
                  personByEntityId(entityId: String!, %s): Person
                """.formatted(Validity.ASOF_ARGUMENT) : "") + """
                }

                # changes to which records are one person; each is remembered and wins over the algorithm on re-runs
                # (an extension takes no description: Mutation is declared by ViewFields)
                extend type Mutation {
                  \"""merges two entities (entity ids or record uids) by a clerk's decision; the one holding an ID number survives, else a. Returns the surviving entity id. CONFLICT if both hold different ID numbers\"""
                  mergeEntities(a: String!, b: String!, reason: String): String!
                  \"""splits a record (uid) off the entity it links to (needed when it links to several); returns the new entity id\"""
                  unmergeRecord(record: String!, entity: String, reason: String): String!
                  \"""accepts a pending review item: the two are one person and are merged; returns the surviving entity id\"""
                  acceptReview(id: String!): String!
                  \"""rejects a pending review item: the two are different people, remembered\"""
                  rejectReview(id: String!): Boolean!
                }
                """;
    }

    /**
     * Adds the {@code Query} fields' data fetchers.
     *
     * @param query the engine's wiring of {@code Query}
     * @return it
     */
    public TypeRuntimeWiring.Builder wireQuery(TypeRuntimeWiring.Builder query) {
        query.dataFetcher("why", this::explain);
        query.dataFetcher("whyNot", this::explain);
        query.dataFetcher("reviewItems", env -> call(env, r -> r.reviews().pending().stream().map(EntityFields::item).toList()));
        if (byEntityId) {
            query.dataFetcher("personByEntityId", this::personByEntityId);
        }
        return query;
    }

    /**
     * Adds the data fetchers of {@code Mutation} and of the types these fields add.
     *
     * @param wiring the engine's runtime wiring
     */
    public void wire(RuntimeWiring.Builder wiring) {
        wiring.type("Mutation", m -> m
                .dataFetcher("mergeEntities", env -> call(env, r -> r.merge(env.getArgument("a"), env.getArgument("b"),
                        by(env), env.getArgument("reason"))))
                .dataFetcher("unmergeRecord", env -> call(env, r -> r.unmerge(env.getArgument("record"), env.getArgument("entity"),
                        by(env), env.getArgument("reason"))))
                .dataFetcher("acceptReview", env -> call(env, r -> r.accept(env.getArgument("id"), by(env))))
                .dataFetcher("rejectReview", env -> call(env, r -> {
                    r.reject(env.getArgument("id"), by(env));
                    return Boolean.TRUE;
                })));
        wiring.type(TypeRuntimeWiring.newTypeWiring("MatchExplanation").defaultDataFetcher(ResultKeyDataFetcher.INSTANCE));
        wiring.type(TypeRuntimeWiring.newTypeWiring("ReviewItem").defaultDataFetcher(ResultKeyDataFetcher.INSTANCE)
                .dataFetcher("evidence", EvidenceFetcher.INSTANCE));
    }

    private CompletableFuture<DataFetcherResult<Object>> explain(DataFetchingEnvironment env) {
        return call(env, r -> explanation(r.explain(env.getArgument("a"), env.getArgument("b"))));
    }

    private CompletableFuture<DataFetcherResult<Object>> personByEntityId(DataFetchingEnvironment env) {
        NodeType person = context.ontology().nodeType(PERSON);
        SelectionTranslator.CypherStatement statement;
        try {
            Access access = Access.of(env);
            statement = context.translator().scoped(RowScope.of(access)).rootQueryBy(person, ENTITY_ID, env.getSelectionSet(),
                    env.getArgument(ENTITY_ID), AsOf.parse(env.getArgument(AsOf.ARGUMENT), "personByEntityId"), access);
        } catch (BadUserInputException e) {
            return CompletableFuture.completedFuture(e.toResult(env));
        }
        return context.cypher().read(statement.cypher(), statement.parameters()).thenApply(rows ->
                DataFetcherResult.newResult().data(rows.isEmpty() ? null : rows.getFirst().get("result")).build());
    }

    /** @return the authenticated principal's id: who decided */
    private static String by(DataFetchingEnvironment env) {
        return Access.of(env).principal().id();
    }

    /**
     * Runs a call of the engine on the blocking executor and turns its known failures into field errors.
     *
     * @return the call's value, or null with an error carrying the failure's code and message
     */
    private CompletableFuture<DataFetcherResult<Object>> call(DataFetchingEnvironment env, Function<EntityResolution, Object> task) {
        return context.cypher().blocking(() -> task.apply(resolution)).handle((value, failure) -> {
            if (failure == null) {
                return DataFetcherResult.newResult().data(value).build();
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            ErrorCode code = switch (cause) {
                case ConflictingIdentifiersException e -> ErrorCode.CONFLICT;
                case EntityNotFoundException e -> ErrorCode.NOT_FOUND;
                case IllegalArgumentException e -> ErrorCode.BAD_USER_INPUT;
                default -> null;
            };
            if (code == null) {
                throw cause instanceof CompletionException c ? c : new CompletionException(cause); // masked by the handler
            }
            return DataFetcherResult.newResult().error(GraphqlErrorBuilder.newError(env).message("%s", cause.getMessage())
                    .errorType(code).extensions(Map.of(ErrorCode.EXTENSION, code.name())).build()).build();
        });
    }

    /**
     * @param e an explanation
     * @return it as the {@code MatchExplanation} map
     */
    static Map<String, Object> explanation(Explanation e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", e.a());
        m.put("b", e.b());
        m.put("entityA", e.entityA());
        m.put("entityB", e.entityB());
        m.put("sameEntity", e.sameEntity());
        m.put("decision", e.decision().name());
        m.put("evidence", evidence(e.evidence()));
        m.put("links", e.links().stream().map(EntityFields::sourceRef).toList());
        m.put("blockers", e.blockers());
        m.put("linkThreshold", e.linkThreshold());
        m.put("reviewThreshold", e.reviewThreshold());
        return m;
    }

    /**
     * @param e evidence
     * @return it as the {@code MatchEvidence} map, the shape of the JSON stored on links
     */
    static Map<String, Object> evidence(Evidence e) {
        List<Map<String, Object>> fields = new ArrayList<>();
        e.fields().forEach(f -> fields.add(Map.of("comparison", f.comparison(), "level", f.level(), "weight", f.weight())));
        return Map.of("rule", e.rule(), "weight", e.weight(), "fields", fields);
    }

    /**
     * @param l a record link
     * @return it as the {@code SourceRef} map, as {@code sources} gives it (the evidence as its stored JSON text)
     */
    static Map<String, Object> sourceRef(RecordLink l) {
        Map<String, Object> m = new LinkedHashMap<>();
        String prefix = l.source() + ":";
        m.put("source", l.source());
        m.put("recordKey", l.recordUid().startsWith(prefix) ? l.recordUid().substring(prefix.length()) : l.recordUid());
        m.put("location", l.location());
        m.put("ingestedAt", iso(l.ingestedAt()));
        m.put("relation", l.type());
        m.put("uid", l.recordUid());
        m.put("rule", l.rule());
        m.put("score", l.score());
        m.put("decidedAt", iso(l.decidedAt()));
        m.put("evidence", l.evidence());
        return m;
    }

    /**
     * @param i a review item
     * @return it as the {@code ReviewItem} map (the evidence as its stored JSON text)
     */
    static Map<String, Object> item(ReviewItem i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id());
        m.put("entityId", i.entityId());
        m.put("candidateId", i.candidateId());
        m.put("weight", i.weight());
        m.put("evidence", i.evidence());
        m.put("reason", i.reason());
        m.put("createdAt", iso(i.createdAt()));
        return m;
    }

    private static String iso(Instant t) {
        return t == null ? null : t.toString();
    }
}

package org.jiedao.hub.api.subscription;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Flow;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.TypeRuntimeWiring;
import io.vertx.core.http.ServerWebSocket;
import org.jiedao.hub.api.cypher.RowScope;
import org.jiedao.hub.graph.feed.Alert;
import org.jiedao.hub.graph.feed.Alerts;
import org.jiedao.hub.graph.feed.ChangeFeed;
import org.jiedao.hub.graph.feed.EntityChange;
import org.jiedao.hub.graph.feed.Feed;
import org.jiedao.hub.loaders.normalise.NormalisationException;
import org.jiedao.hub.loaders.normalise.Normalisers;
import org.jiedao.hub.ontology.NodeType;
import org.reactivestreams.FlowAdapters;

/**
 * The {@code Subscription} root type: {@code entityChanged} (nodes written by committed ingestion batches, from the
 * writer's {@link ChangeFeed}) and {@code alerts} (the process's {@link Alerts} feed). Each data fetcher returns a
 * reactive-streams {@code Publisher} (GraphQL spec, section 6.2.3.1 "Source Stream"), which graphql-java maps
 * through the selection once per event; {@code graphql-transport-ws} carries the results (see
 * {@code org.jiedao.hub.api.http.GraphQLWebSocket}).
 *
 * <p>Subscriptions answer only over the WebSocket transport (which puts its socket under {@link #WEBSOCKET});
 * over HTTP they answer with an error. Every event carries {@code dropped}: how many events this subscription has lost so far because its client
 * read too slowly (its buffer was full or its socket's write queue was); a client that sees it grow re-reads what it
 * needs with a query.
 *
 * <p>A role with a row-level scope ({@link RowScope}) gets {@code entityChanged} events only for the types its scope
 * reads whole (divisions, sensors...): an event carries its node's key, which is not checked against the scope;
 * naming a scoped type in {@code types} is an error.
 */
public final class SubscriptionFields {
    /**
     * Key in the execution's {@code GraphQLContext} under which the WebSocket transport puts the client's
     * {@link ServerWebSocket}; while its write queue is full, events for it are dropped (and counted), never queued.
     */
    public static final String WEBSOCKET = "org.jiedao.hub.api.websocket";

    /** The SDL of the subscription root type and its types. */
    public static final String SDL = """
            \"""What a committed ingestion batch did to a node.\"""
            enum ChangeKind {
              \"""the node did not exist before the batch\"""
              CREATED
              \"""the node existed; the record's values were merged into it\"""
              UPDATED
              \"""created or updated (some of the nodes written together were new)\"""
              UPSERTED
            }

            \"""How urgent an alert is, least first.\"""
            enum Severity { INFO WARNING ERROR CRITICAL }

            \"""实体变更 / a node written by a committed ingestion batch, one per node a source record asserted.\"""
            type EntityChange {
              \"""the node's type, e.g. Vehicle\"""
              label: String!
              \"""the node's key as stored (normalised), e.g. 京A12345\"""
              key: String!
              change: ChangeKind!
              \"""source id of the record, e.g. vehicles\"""
              source: String!
              \"""the record's key in its source\"""
              recordKey: String!
              \"""when the batch committed (ISO-8601, UTC)\"""
              at: String!
              \"""events this subscription lost so far because it read too slowly (0 if none)\"""
              dropped: Int!
            }

            \"""告警 / something an operator should know now (ingestion problems; crowd density).\"""
            type Alert {
              id: ID!
              \"""what happened, e.g. RECORDS_QUARANTINED, RUN_FAILED, FILE_FAILED\"""
              kind: String!
              severity: Severity!
              \"""one line for people\"""
              message: String!
              \"""when it was raised (ISO-8601, UTC)\"""
              at: String!
              \"""the source or sensor it is about\"""
              source: String
              \"""alerts this subscription lost so far because it read too slowly (0 if none)\"""
              dropped: Int!
            }

            type Subscription {
              \"""Nodes written from now on by committed ingestion batches; none for a batch that rolled back.
              types: node types wanted (e.g. ["Vehicle"]), all if omitted; keys: node keys wanted, in any accepted
              written form (京A·12345 finds 京A12345), all if omitted.\"""
              entityChanged(types: [String!], keys: [String!]): EntityChange!
              \"""Alerts raised from now on at or above minSeverity (all if omitted).\"""
              alerts(minSeverity: Severity): Alert!
            }
            """;

    private final ChangeFeed changes;
    private final List<NodeType> types;

    /**
     * @param changes the feed the hub's writer publishes into, or null if this server has none (then
     *                {@code entityChanged} answers with an error)
     * @param types   the node types the schema exposes (what {@code types} may name)
     */
    public SubscriptionFields(ChangeFeed changes, List<NodeType> types) {
        this.changes = changes;
        this.types = List.copyOf(types);
    }

    /**
     * Adds the data fetchers of {@code Subscription}, {@code EntityChange} and {@code Alert} to a wiring.
     *
     * @param wiring the engine's runtime wiring
     */
    public void wire(RuntimeWiring.Builder wiring) {
        wiring.type("Subscription", t -> t.dataFetcher("entityChanged", this::entityChanged).dataFetcher("alerts", this::alerts));
        wiring.type(fields("EntityChange", Map.<String, Function<EntityChange, Object>>of("label", EntityChange::label, "key", EntityChange::key,
                "change", c -> c.change().name(), "source", EntityChange::source, "recordKey", EntityChange::recordKey,
                "at", c -> c.at().toString())));
        wiring.type(fields("Alert", Map.<String, Function<Alert, Object>>of("id", Alert::id, "kind", Alert::kind, "severity", a -> a.severity().name(),
                "message", Alert::message, "at", a -> a.at().toString(), "source", Alert::source)));
    }

    /** Fields read from the delivered item, plus {@code dropped} from the delivery. */
    private static <T> TypeRuntimeWiring fields(String type, Map<String, Function<T, Object>> readers) {
        TypeRuntimeWiring.Builder b = TypeRuntimeWiring.newTypeWiring(type);
        readers.forEach((name, read) -> b.dataFetcher(name, env -> {
            Feed.Delivery<T> d = env.getSource();
            return read.apply(d.item());
        }));
        b.dataFetcher("dropped", env -> (int) Math.min(Integer.MAX_VALUE, ((Feed.Delivery<?>) env.getSource()).dropped()));
        return b.build();
    }

    private Object entityChanged(DataFetchingEnvironment env) {
        if (!overWebSocket(env)) {
            return error(env, OVER_WEBSOCKET);
        }
        if (changes == null) {
            return error(env, "entity changes are not published by this server");
        }
        List<String> wanted = env.getArgument("types");
        List<NodeType> matched = types;
        if (wanted != null && !wanted.isEmpty()) {
            Set<String> known = new LinkedHashSet<>(types.stream().map(NodeType::label).toList());
            List<String> unknown = wanted.stream().filter(w -> !known.contains(w)).toList();
            if (!unknown.isEmpty()) {
                return error(env, "types: unknown node type(s) " + unknown + "; known: " + known);
            }
            matched = types.stream().filter(t -> wanted.contains(t.label())).toList();
        }
        // an event names its node's key (an ID number...) and cannot be checked against a row-level scope without a
        // query per event: a scoped role gets changes of the types its scope reads whole, and no others
        List<String> labels = wanted;
        if (wanted == null || wanted.isEmpty()) {
            // every type the caller may follow: it reads the type and its key in clear (the guard refused the others by name)
            org.jiedao.hub.api.access.Access access = org.jiedao.hub.api.access.Access.of(env);
            matched = matched.stream().filter(access::followsChanges).toList();
            labels = matched.stream().map(NodeType::label).toList();
            if (labels.isEmpty()) {
                return error(env, "types: this role may follow changes of no type (it reads no type's key in clear)");
            }
        }
        RowScope scope = RowScope.of(env);
        if (!scope.isNone()) {
            List<String> scoped = matched.stream().filter(scope::restricts).map(NodeType::label).toList();
            if (wanted != null && !wanted.isEmpty() && !scoped.isEmpty()) {
                return error(env, "types: changes to " + scoped + " are not delivered to a role with a row-level scope; query them instead");
            }
            labels = matched.stream().filter(t -> !scope.restricts(t)).map(NodeType::label).toList();
            if (labels.isEmpty()) {
                return error(env, "types: no type this role reads whole; changes are not delivered to a role with a row-level scope");
            }
        }
        List<String> keys = env.getArgument("keys");
        return FlowAdapters.toPublisher(changes.subscribe(labels, keys == null ? null : storedForms(keys, matched),
                congestion(env)));
    }

    private Object alerts(DataFetchingEnvironment env) {
        if (!overWebSocket(env)) {
            return error(env, OVER_WEBSOCKET);
        }
        String min = env.getArgument("minSeverity");
        Flow.Publisher<Feed.Delivery<Alert>> p = Alerts.subscribe(min == null ? null : Alert.Severity.valueOf(min), congestion(env));
        return FlowAdapters.toPublisher(p);
    }

    /** Each key as given and as each wanted type's key normaliser writes it, so any accepted written form matches. */
    private static Set<String> storedForms(List<String> keys, List<NodeType> types) {
        Set<String> out = new LinkedHashSet<>(keys);
        for (String k : keys) {
            for (NodeType t : types) {
                try {
                    Object v = Normalisers.forProperty(t.key()).normalise(k);
                    if (v != null) {
                        out.add(String.valueOf(v));
                    }
                } catch (NormalisationException | RuntimeException e) {
                    // not a key of this type: only its other forms can match
                }
            }
        }
        return out;
    }

    private static final String OVER_WEBSOCKET =
            "subscriptions are served over WebSocket at /graphql with the graphql-transport-ws protocol, not over HTTP";

    /** A subscription needs the WebSocket transport: over HTTP the stream would have nowhere to go. */
    private static boolean overWebSocket(DataFetchingEnvironment env) {
        return env.getGraphQlContext().get(WEBSOCKET) != null;
    }

    private static BooleanSupplier congestion(DataFetchingEnvironment env) {
        Object socket = env.getGraphQlContext().get(WEBSOCKET);
        return socket instanceof ServerWebSocket ws ? ws::writeQueueFull : () -> false;
    }

    private static DataFetcherResult<Object> error(DataFetchingEnvironment env, String message) {
        return DataFetcherResult.newResult().error(GraphqlErrorBuilder.newError(env).message(message)
                .extensions(Map.of("code", "BAD_USER_INPUT")).build()).build();
    }
}

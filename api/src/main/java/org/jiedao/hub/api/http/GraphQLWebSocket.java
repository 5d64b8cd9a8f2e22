package org.jiedao.hub.api.http;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import graphql.GraphQL;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.handler.graphql.ws.GraphQLWSHandler;
import io.vertx.ext.web.handler.graphql.ws.MessageType;
import org.jiedao.hub.api.subscription.SubscriptionFields;

/**
 * GraphQL over WebSocket at {@code /graphql} with the {@value #SUBPROTOCOL} subprotocol (the graphql-ws
 * protocol, {@code PROTOCOL.md} of github.com/enisdenjo/graphql-ws): {@code connection_init} / {@code connection_ack},
 * {@code subscribe}, {@code next}, {@code error}, {@code complete}, {@code ping} / {@code pong}. Subscriptions and
 * queries both work over it. Built on vertx-web-graphql's {@link GraphQLWSHandler}, which closes with 4400 (bad
 * message), 4401 (subscribe before the ack), 4408 (no {@code connection_init} in time) and 4409 (subscriber for an id
 * already exists); this class adds 4429 for a second {@code connection_init} once acknowledged (the handler itself
 * answers that only while initialising), and hands the socket to the subscription fields so that events for a
 * client that does not read are dropped rather than queued.
 */
public final class GraphQLWebSocket {
    /** The WebSocket subprotocol clients must offer. */
    public static final String SUBPROTOCOL = "graphql-transport-ws";

    private GraphQLWebSocket() {
    }

    /**
     * @param graphQL the engine (its schema has the {@code Subscription} type)
     * @return the handler of WebSocket upgrades on {@code /graphql}; other requests pass to the next handler
     */
    public static GraphQLWSHandler handler(GraphQL graphQL) {
        Set<ServerWebSocket> initialised = ConcurrentHashMap.newKeySet();
        return GraphQLWSHandler.builder(graphQL)
                .onMessage(m -> {
                    if (m.type() == MessageType.CONNECTION_INIT && !initialised.add(m.socket())) {
                        m.socket().close((short) 4429, "Too many initialisation requests");
                    }
                })
                .onSocketEnd(initialised::remove)
                .beforeExecute(b -> {
                    b.builder().graphQLContext(Map.of(SubscriptionFields.WEBSOCKET, b.context().socket()));
                    b.builder().graphQLContext(Map.of(org.jiedao.hub.api.access.Access.CONTEXT_KEY, org.jiedao.hub.api.access.Access.internal(org.jiedao.hub.api.access.AccessPolicy.bundled(org.jiedao.hub.ontology.Ontology.bundled()), org.jiedao.hub.ontology.Ontology.bundled(), "websocket"))); // TEMPORARY until authentication is wired
                })
                .build();
    }
}

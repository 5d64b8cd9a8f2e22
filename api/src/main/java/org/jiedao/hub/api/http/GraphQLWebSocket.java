package org.jiedao.hub.api.http;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import graphql.GraphQL;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.handler.graphql.ws.GraphQLWSHandler;
import io.vertx.ext.web.handler.graphql.ws.MessageType;
import io.vertx.core.json.JsonObject;
import org.jiedao.hub.api.access.Access;
import org.jiedao.hub.api.access.AccessDeniedException;
import org.jiedao.hub.api.auth.Authentication;
import org.jiedao.hub.api.auth.Credentials;
import org.jiedao.hub.api.auth.InvalidCredentialException;
import org.jiedao.hub.api.audit.AuditCollector;
import org.jiedao.hub.api.audit.AuditInstrumentation;
import org.jiedao.hub.api.audit.AuditLog;
import org.jiedao.hub.api.subscription.SubscriptionFields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private static final Logger LOG = LoggerFactory.getLogger(GraphQLWebSocket.class);

    private GraphQLWebSocket() {
    }

    /**
     * @param graphQL        the engine (its schema has the {@code Subscription} type)
     * @param authentication how a connection authenticates: in {@code connection_init} (payload members
     *                       {@code Authorization}, {@code X-API-Key}, {@code X-Purpose-Of-Use}), else with the upgrade
     *                       request's headers or client certificate; a connection that does not is closed with 4403
     *                       Forbidden before any operation runs, and every operation runs with the connection's
     *                       {@link Access}
     * @return the handler of WebSocket upgrades on {@code /graphql}; other requests pass to the next handler
     */
    public static GraphQLWSHandler handler(GraphQL graphQL, Authentication authentication) {
        return handler(graphQL, authentication, null);
    }

    /**
     * @param graphQL        the engine (its schema has the {@code Subscription} type)
     * @param authentication how a connection authenticates (see {@link #handler(GraphQL, Authentication)})
     * @param audit          the audit trail each operation ({@code subscribe} message) is recorded in when its result is
     *                       complete (a subscription when it starts), or null for none
     * @return the handler of WebSocket upgrades on {@code /graphql}; other requests pass to the next handler
     */
    public static GraphQLWSHandler handler(GraphQL graphQL, Authentication authentication, AuditLog audit) {
        Set<ServerWebSocket> initialised = ConcurrentHashMap.newKeySet();
        return GraphQLWSHandler.builder(graphQL)
                .onConnectionInit(init -> {
                    Object payload = init.message().message().getValue("payload");
                    try {
                        init.complete(authentication.authenticate(Credentials.of(init.message().socket(),
                                payload instanceof JsonObject p ? p : null)));
                    } catch (InvalidCredentialException e) {
                        LOG.info("refused a GraphQL WebSocket from {}: {}", init.message().socket().remoteAddress(), e.getMessage());
                        refuse(init, InvalidCredentialException.PUBLIC_MESSAGE);
                    } catch (AccessDeniedException e) {
                        refuse(init, e.getMessage());
                    }
                })
                .onMessage(m -> {
                    if (m.type() == MessageType.CONNECTION_INIT && !initialised.add(m.socket())) {
                        m.socket().close((short) 4429, "Too many initialisation requests");
                    }
                })
                .onSocketEnd(initialised::remove)
                .beforeExecute(b -> {
                    Access access = b.context().connectionParams() instanceof Access a ? a : null;
                    Map<String, Object> context = new java.util.HashMap<>();
                    context.put(SubscriptionFields.WEBSOCKET, b.context().socket());
                    if (access != null) {
                        context.put(Access.CONTEXT_KEY, access);
                    }
                    if (audit != null) {
                        context.put(AuditCollector.CONTEXT_KEY, new AuditCollector(audit, access == null ? null : access.principal(),
                                access == null ? null : access.principal().purpose(), "websocket"));
                    }
                    b.builder().graphQLContext(context);
                })
                .build();
    }

    /** Closes with 4403 Forbidden, as the protocol recommends for a refused {@code connection_init}. */
    private static void refuse(io.vertx.ext.web.handler.graphql.ws.ConnectionInitEvent init, String reason) {
        init.message().socket().close((short) 4403, "Forbidden: " + (reason.length() > 80 ? reason.substring(0, 80) : reason));
        init.fail(reason);
    }
}

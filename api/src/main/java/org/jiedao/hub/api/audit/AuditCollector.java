package org.jiedao.hub.api.audit;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jiedao.hub.api.access.Principal;

/**
 * What one GraphQL request's audit record needs, gathered while it runs; put in the request's
 * {@link graphql.GraphQLContext} under {@link #CONTEXT_KEY} by the HTTP or WebSocket handler.
 * {@link AuditInstrumentation} fills it (operation name, string literals, returned entities) and records the
 * request into {@link #log()} when its result is complete. Thread-safe (root fields run in parallel).
 */
public final class AuditCollector {
    /** Key of the collector in a request's {@link graphql.GraphQLContext}. */
    public static final String CONTEXT_KEY = AuditCollector.class.getName();
    private final AuditLog log;
    private final Principal principal;
    private final String purpose;
    private final String transport;
    private final Set<EntityRef> entities = ConcurrentHashMap.newKeySet();
    private final List<String> literals = new CopyOnWriteArrayList<>();
    private volatile String operationName;
    private volatile String operationType;
    private volatile AuditRecord recorded;

    /**
     * @param log       where the record goes
     * @param principal the authenticated caller as the transport knows it, or null
     * @param purpose   the purpose of use the request stated (header {@code X-Purpose-Of-Use}), or null
     * @param transport {@code http} or {@code websocket}
     */
    public AuditCollector(AuditLog log, Principal principal, String purpose, String transport) {
        this.log = log;
        this.principal = principal;
        this.purpose = purpose;
        this.transport = transport;
    }

    /** @return the log the record goes to */
    public AuditLog log() {
        return log;
    }

    /** @return the caller as the transport knows it, or null */
    public Principal principal() {
        return principal;
    }

    /** @return the purpose the request stated, or null */
    public String purpose() {
        return purpose;
    }

    /** @return {@code http} or {@code websocket} */
    public String transport() {
        return transport;
    }

    /** @return the entities returned so far (live view) */
    public Set<EntityRef> entities() {
        return entities;
    }

    /** @return the string literals of the executed operation and its fragments */
    public List<String> literals() {
        return literals;
    }

    void operation(String name, String type) {
        this.operationName = name;
        this.operationType = type;
    }

    /** @return the executed operation's name, or null (anonymous operation, or not executed) */
    public String operationName() {
        return operationName;
    }

    /** @return {@code query}, {@code mutation} or {@code subscription}, or null when nothing was executed */
    public String operationType() {
        return operationType;
    }

    void recorded(AuditRecord r) {
        this.recorded = r;
    }

    /** @return the record written for the request, or null if none was (yet) */
    public AuditRecord recorded() {
        return recorded;
    }
}

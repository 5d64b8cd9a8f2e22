package org.jiedao.hub.api.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.execution.preparsed.persisted.PersistedQuerySupport;
import graphql.language.Node;
import graphql.language.StringValue;
import graphql.schema.DataFetcher;

import org.jiedao.hub.api.access.Access;
import org.jiedao.hub.api.access.Principal;
import org.jiedao.hub.api.errors.ErrorCode;

/**
 * Records every GraphQL request that carries an {@link AuditCollector} in its context (the HTTP and WebSocket
 * handlers put one there when the hub has an audit log): it notes the operation and the string literals of the
 * document, collects the entities each root field returned ({@link EntityRefs}), and once the result is complete
 * writes one {@link AuditRecord} ({@code kind graphql}) before the result goes back to the transport. When the record
 * cannot be written, the result is replaced by one error {@code UNAVAILABLE} without data ("the audit trail cannot be
 * written"), so the caller gets nothing it was not recorded as getting.
 *
 * <p>Who: the {@link Access} in the context ({@link Access#CONTEXT_KEY}) when authentication put one there, else
 * the collector's principal, else {@value AuditEvent#ANONYMOUS}. The document hash is the SHA-256 of the query text,
 * or the persisted document's hash ({@code extensions.persistedQuery.sha256Hash}) when the request named one.
 * Subscriptions are recorded once, when they start; the events they later push are not.
 */
public final class AuditInstrumentation implements Instrumentation {
    /** Header a caller states its purpose of use in when its credential does not. */
    public static final String PURPOSE_HEADER = "X-Purpose-Of-Use";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public ExecutionContext instrumentExecutionContext(ExecutionContext context, InstrumentationExecutionParameters parameters,
                                                       InstrumentationState state) {
        AuditCollector c = collector(parameters.getGraphQLContext());
        if (c != null && context.getOperationDefinition() != null) {
            c.operation(context.getOperationDefinition().getName(),
                    context.getOperationDefinition().getOperation().name().toLowerCase(java.util.Locale.ROOT));
            List<String> literals = new ArrayList<>();
            strings(context.getOperationDefinition(), literals);
            context.getFragmentsByName().values().forEach(f -> strings(f, literals));
            c.literals().addAll(literals);
        }
        return context;
    }

    private static void strings(Node<?> node, List<String> into) {
        if (node instanceof StringValue s) {
            into.add(s.getValue());
        }
        for (Node<?> child : node.getChildren()) {
            strings(child, into);
        }
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters,
                                                InstrumentationState state) {
        AuditCollector c = collector(parameters.getEnvironment().getGraphQlContext());
        if (c == null || parameters.isTrivialDataFetcher() || parameters.getExecutionStepInfo().getPath().getLevel() != 1) {
            return fetcher;
        }
        return env -> {
            Object value = fetcher.get(env);
            if (value instanceof CompletableFuture<?> f) {
                return f.thenApply(v -> {
                    EntityRefs.collect(v, c.entities());
                    return v;
                });
            }
            EntityRefs.collect(value, c.entities());
            return value;
        };
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result, InstrumentationExecutionParameters parameters,
                                                                        InstrumentationState state) {
        AuditCollector c = collector(parameters.getGraphQLContext());
        if (c == null) {
            return CompletableFuture.completedFuture(result);
        }
        if (io.vertx.core.Context.isOnEventLoopThread()) {
            // the append is a blocking write: never on an event loop (DESIGN.md, decision 7)
            CompletableFuture<ExecutionResult> out = new CompletableFuture<>();
            Thread.ofVirtual().name("audit").start(() -> out.complete(record(c, result, parameters)));
            return out;
        }
        return CompletableFuture.completedFuture(record(c, result, parameters));
    }

    private static ExecutionResult record(AuditCollector c, ExecutionResult result, InstrumentationExecutionParameters parameters) {
        try {
            return tryRecord(c, result, parameters);
        } catch (RuntimeException e) {
            // a bug in building the record must not answer the request unrecorded, nor leave it hanging
            org.slf4j.LoggerFactory.getLogger(AuditInstrumentation.class).error("request refused: its audit record failed", e);
            return unavailable();
        }
    }

    private static ExecutionResult tryRecord(AuditCollector c, ExecutionResult result, InstrumentationExecutionParameters parameters) {
        AuditEvent.Builder event = event(c, parameters.getGraphQLContext())
                .operation(c.operationName() != null ? c.operationName() : parameters.getOperation())
                .documentHash(documentHash(parameters.getQuery(), parameters.getExecutionInput().getExtensions()))
                .variables(parameters.getVariables())
                .literals(c.literals())
                .entities(c.entities())
                .resultBytes(bytes(result))
                .detail("transport", c.transport())
                .detail("operationType", c.operationType());
        List<String> codes = new ArrayList<>();
        String traceId = null;
        for (GraphQLError e : result.getErrors()) {
            Map<String, Object> ext = e.getExtensions();
            codes.add(ext != null && ext.get(ErrorCode.EXTENSION) instanceof String s ? s : "ERROR");
            if (traceId == null && ext != null && ext.get(ErrorCode.TRACE_ID) instanceof String t) {
                traceId = t;
            }
        }
        event.errors(codes).traceId(traceId);
        try {
            c.recorded(c.log().record(event.build()));
            return result;
        } catch (AuditUnavailableException e) {
            org.slf4j.LoggerFactory.getLogger(AuditInstrumentation.class).error("request refused: {}", e.getMessage());
            return unavailable();
        }
    }

    /**
     * @return the result a request gets when its audit record cannot be written: no data, one error with code
     *         {@code UNAVAILABLE}
     */
    public static ExecutionResult unavailable() {
        return ExecutionResultImpl.newExecutionResult().addError(GraphqlErrorBuilder.newError()
                .message("the audit trail cannot be written, so the request is not answered; try again later")
                .errorType(ErrorCode.UNAVAILABLE)
                .extensions(Map.of(ErrorCode.EXTENSION, ErrorCode.UNAVAILABLE.name())).build()).build();
    }

    /**
     * @param c       the request's collector
     * @param context the request's context (its {@link Access}, if any)
     * @return an event builder with who and why filled in
     */
    public static AuditEvent.Builder event(AuditCollector c, GraphQLContext context) {
        return event(AuditEvent.Kind.GRAPHQL, c, context);
    }

    /**
     * @param kind    the kind of record, e.g. {@link AuditEvent.Kind#EXPORT} for {@code recordExport}
     * @param c       the request's collector
     * @param context the request's context (its {@link Access}, if any)
     * @return an event builder of that kind with who and why filled in, as {@link #event(AuditCollector, GraphQLContext)}
     */
    public static AuditEvent.Builder event(AuditEvent.Kind kind, AuditCollector c, GraphQLContext context) {
        Access access = context == null ? null : context.get(Access.CONTEXT_KEY);
        Principal p = access != null ? access.principal() : c.principal();
        AuditEvent.Builder b = AuditEvent.builder(kind).purpose(c.purpose()).principal(p);
        if (access != null) {
            b.principal(new Principal(p.id(), access.role().name(), p.attributes(), p.purpose(), p.authenticatedBy()));
        }
        return b;
    }

    /**
     * @param query      the query text, or the persisted-query marker
     * @param extensions the request's extensions
     * @return SHA-256 of the text as 64 hex digits; the named persisted document's hash when the text is the marker
     *         or empty; null when there is neither
     */
    public static String documentHash(String query, Map<String, Object> extensions) {
        if (query == null || query.isBlank() || query.equals(PersistedQuerySupport.PERSISTED_QUERY_MARKER)) {
            if (extensions != null && extensions.get("persistedQuery") instanceof Map<?, ?> pq
                    && pq.get("sha256Hash") instanceof String h) {
                return h.toLowerCase(java.util.Locale.ROOT);
            }
            return null;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(query.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** @return the size of the result's JSON (UTF-8) in bytes; 0 for a subscription's stream */
    private static long bytes(ExecutionResult result) {
        if (result.getData() instanceof org.reactivestreams.Publisher<?>) {
            return 0;
        }
        long[] n = {0};
        OutputStream counter = new OutputStream() {
            @Override
            public void write(int b) {
                n[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                n[0] += len;
            }
        };
        try {
            JSON.writeValue(counter, new LinkedHashMap<>(result.toSpecification()));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return n[0];
    }

    private static AuditCollector collector(GraphQLContext context) {
        return context == null ? null : context.get(AuditCollector.CONTEXT_KEY);
    }
}

package org.jiedao.hub.api.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;

import org.jiedao.hub.api.access.Access;
import org.jiedao.hub.api.cypher.BadUserInputException;
import org.jiedao.hub.api.cypher.Cursor;
import org.jiedao.hub.api.cypher.RowScope;
import org.jiedao.hub.api.cypher.SelectionTranslator.ConnectionStatement;
import org.jiedao.hub.ontology.NodeType;

/**
 * Answers a root connection field such as {@code persons(where, sort, first, after, asOf)} (docs/graphql/querying.md)
 * with one Cypher statement ({@link org.jiedao.hub.api.cypher.SelectionTranslator#connectionQuery}), run off the event
 * loop, and shapes the row as a Relay connection: {@code {totalCount, edges: [{cursor, node}], pageInfo}} (GraphQL
 * Cursor Connections Specification). An invalid argument is an error with {@code extensions.code}
 * {@code BAD_USER_INPUT} and a null field; a statement stopped by the query timeout is an error saying so.
 */
public final class ConnectionFetcher implements DataFetcher<CompletableFuture<DataFetcherResult<Object>>> {
    private final NodeType type;
    private final QueryContext context;

    /**
     * @param type    the node type listed
     * @param context the translator and runner
     */
    public ConnectionFetcher(NodeType type, QueryContext context) {
        this.type = type;
        this.context = context;
    }

    @Override
    public CompletableFuture<DataFetcherResult<Object>> get(DataFetchingEnvironment env) {
        ConnectionStatement cs;
        try {
            Access access = Access.of(env);
            cs = context.translator().scoped(RowScope.of(access)).connectionQuery(type, env.getArguments(), env.getSelectionSet(), access);
        } catch (BadUserInputException e) {
            return CompletableFuture.completedFuture(e.toResult(env));
        }
        return context.cypher().read(cs.statement().cypher(), cs.statement().parameters()).handle((rows, failure) -> {
            if (failure == null) {
                return DataFetcherResult.newResult().data(connection(cs, rows.getFirst())).build();
            }
            Throwable e = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
            if (e instanceof org.neo4j.driver.exceptions.ClientException ce && ce.code() != null && ce.code().contains("TransactionTimedOut")) {
                return DataFetcherResult.newResult().error(GraphqlErrorBuilder.newError(env)
                        .message("the query took longer than %d s and was stopped; ask for fewer nodes or levels",
                                context.cypher().timeout().toSeconds()).extensions(Map.of("code", "TIMEOUT")).build()).build();
            }
            throw e instanceof RuntimeException re ? re : new CompletionException(e);
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> connection(ConnectionStatement cs, Map<String, Object> row) {
        List<Map<String, Object>> edges = new ArrayList<>();
        for (Object o : (List<?>) row.get("edges")) {
            Map<String, Object> e = (Map<String, Object>) o;
            edges.add(Map.of("cursor", Cursor.encode(cs.order(), (List<?>) e.get("cursor")), "node", e.get("node")));
        }
        Map<String, Object> pageInfo = new LinkedHashMap<>();
        pageInfo.put("hasNextPage", row.get("hasNextPage"));
        pageInfo.put("hasPreviousPage", cs.hasPreviousPage() && Boolean.TRUE.equals(row.get("hasPreviousPage")));
        pageInfo.put("startCursor", edges.isEmpty() ? null : edges.getFirst().get("cursor"));
        pageInfo.put("endCursor", edges.isEmpty() ? null : edges.getLast().get("cursor"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("edges", edges);
        out.put("pageInfo", pageInfo);
        if (cs.totalCount()) {
            out.put("totalCount", row.get("totalCount"));
        }
        return out;
    }
}

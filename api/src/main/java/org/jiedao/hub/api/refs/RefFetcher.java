package org.jiedao.hub.api.refs;

import java.util.List;
import java.util.Map;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;

import org.jiedao.hub.api.audit.EntityRefs;

/**
 * The {@code ref} field of every node type, of {@code SearchHit} and of {@code PathNode}: the node's
 * {@value EntityRefs#KEY} entry ({@code [merge label, clear key]}, projected in the one statement of the root field)
 * sealed by {@link NodeRefs}. Null when the map has no such entry or the node has no key (a provisional person).
 * Computed in Java from the clear key, which never reaches the response.
 */
public final class RefFetcher implements DataFetcher<String> {
    private final NodeRefs refs;

    /** @param refs the engine's sealer */
    public RefFetcher(NodeRefs refs) {
        this.refs = refs;
    }

    @Override
    public String get(DataFetchingEnvironment env) {
        return env.getSource() instanceof Map<?, ?> node ? of(node) : null;
    }

    /**
     * @param node a node map carrying {@value EntityRefs#KEY}
     * @return its sealed ref, or null when it has no label or key
     */
    String of(Map<?, ?> node) {
        if (node.get(EntityRefs.KEY) instanceof List<?> ref && ref.size() == 2 && ref.get(0) instanceof String label
                && ref.get(1) != null) {
            return refs.seal(label, ref.get(1));
        }
        return null;
    }
}

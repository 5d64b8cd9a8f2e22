package org.jiedao.hub.api.entity;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;

import org.jiedao.hub.api.schema.ResultKeyDataFetcher;

/**
 * Reads the {@code evidence} field of {@code SourceRef} and {@code ReviewItem} (type {@code MatchEvidence}): the link
 * (or review item) stores it as JSON text, {@code {"rule": String, "weight": number (bits), "fields": [{"comparison":
 * String, "level": String, "weight": number (bits)}]}} (graph module, {@code org.jiedao.hub.graph.resolution.Evidence}),
 * which is parsed here with Jackson into the map the {@code MatchEvidence} and {@code ComparisonEvidence} fields read.
 * A value that is already a map is passed on; no value gives null.
 */
public final class EvidenceFetcher implements DataFetcher<Object> {
    /** The one instance; it holds no state. */
    public static final EvidenceFetcher INSTANCE = new EvidenceFetcher();
    private static final ObjectMapper JSON = new ObjectMapper();

    private EvidenceFetcher() {
    }

    /**
     * @param env the {@code evidence} field; its source is the {@code SourceRef} or {@code ReviewItem} map
     * @return the evidence as a map, or null when the link has none (deterministic, manual or not resolved)
     * @throws IllegalStateException if the stored text is not the evidence JSON (a fault of the graph, reported as an
     *                               internal error on this field only)
     */
    @Override
    public Object get(DataFetchingEnvironment env) {
        Object stored = ResultKeyDataFetcher.INSTANCE.get(env);
        return switch (stored) {
            case null -> null;
            case Map<?, ?> m -> m;
            case String text -> parse(text);
            default -> throw new IllegalStateException("link evidence is neither JSON text nor a map: " + stored.getClass().getName());
        };
    }

    /**
     * @param text the stored evidence JSON
     * @return it as a map, {@code fields} as a list of maps; null for blank text
     * @throws IllegalStateException if it is not a JSON object with {@code rule}, {@code weight} and {@code fields}
     */
    static Map<String, Object> parse(String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = JSON.readValue(text, Map.class);
            if (!(m.get("rule") instanceof String) || !(m.get("weight") instanceof Number) || !(m.get("fields") instanceof java.util.List<?>)) {
                throw new IllegalStateException("link evidence lacks rule, weight or fields: " + m.keySet());
            }
            return m;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("link evidence is not valid JSON", e);
        }
    }
}

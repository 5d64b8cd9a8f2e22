package org.jiedao.hub.loaders;

import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One JSON object per record for provenance and quarantine (RFC 8259): keys in sorted order, strings, numbers,
 * booleans and nulls as they are, any other value (dates, JDBC types) as its {@code toString()}. The same values
 * give the same text, so the text can be hashed for idempotent re-runs.
 */
public final class CanonicalJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CanonicalJson() {
    }

    /**
     * @param values values by name (null values allowed)
     * @return the JSON object text
     */
    public static String of(Map<String, ?> values) {
        Map<String, Object> sorted = new TreeMap<>();
        values.forEach((k, v) -> sorted.put(k,
                v == null || v instanceof String || v instanceof Number || v instanceof Boolean ? v : v.toString()));
        try {
            return JSON.writeValueAsString(sorted);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of plain values always serialises", e);
        }
    }
}

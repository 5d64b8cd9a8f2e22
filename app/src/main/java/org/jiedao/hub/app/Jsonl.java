package org.jiedao.hub.app;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON helpers of the quarantine commands: JSON Lines (one JSON object per line, RFC 8259) in and out. */
final class Jsonl {
    /** The mapper; keys keep their order. */
    static final ObjectMapper JSON = new ObjectMapper();

    private Jsonl() {
    }

    /**
     * @param json a JSON object's text, or null
     * @return its members in order (empty for null)
     * @throws IllegalArgumentException if the text is not a JSON object
     */
    static Map<String, Object> object(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * @param value a map, list or plain value
     * @return its JSON text on one line
     */
    static String line(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain values always serialise", e);
        }
    }

    /** Columns a label takes on a terminal: two for each East Asian wide character, one for the others. */
    static int displayWidth(String s) {
        return s.codePoints().map(c -> Character.isIdeographic(c) || (c >= 0xFF00 && c <= 0xFF60) || (c >= 0x3000 && c <= 0x303F) ? 2 : 1).sum();
    }
}

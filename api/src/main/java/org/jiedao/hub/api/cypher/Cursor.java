package org.jiedao.hub.api.cypher;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Opaque cursors of connections (GraphQL Cursor Connections Specification, Relay): the base64url (RFC 4648 section 5,
 * no padding) of a JSON object {@code {"o": "<order signature>", "v": [[tag, value], ...]}} holding the sort key
 * values of a row, tie-breaker last. The next page starts strictly after those values (keyset pagination), so
 * rows inserted or deleted elsewhere never shift it. Tags keep the stored type: {@code s} text, {@code i} integer,
 * {@code f} decimal, {@code b} boolean, {@code d} date, {@code t} date-time (ISO 8601, with or without offset),
 * {@code n} null.
 */
public final class Cursor {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Cursor() {
    }

    /**
     * @param order  the order the values were sorted in
     * @param values the row's sort values as returned by {@link CypherRunner} (date-times as ISO text), one per key
     * @return the cursor
     */
    public static String encode(SortOrder order, List<?> values) {
        List<List<Object>> tagged = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            var property = order.keys().get(i).property();
            boolean dateTime = property != null && PropertyValues.kind(property) == PropertyValues.Kind.DATE_TIME;
            tagged.add(switch (v) {
                case null -> List.of("n");
                case Long l -> List.of("i", l);
                case Integer n -> List.of("i", n.longValue());
                case Double d -> List.of("f", d.toString());
                case Float f -> List.of("f", Double.toString(f));
                case Boolean b -> List.of("b", b);
                case LocalDate d -> List.of("d", d.toString());
                case String s when dateTime -> List.of("t", s);
                default -> List.of("s", v.toString());
            });
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("o", order.signature());
        json.put("v", tagged);
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param order  the order of the connection the cursor is used with
     * @param cursor the {@code after} argument
     * @param path   the argument path for the error message, e.g. {@code after}
     * @return the sort values, typed as stored (LocalDate, LocalDateTime, OffsetDateTime, Long, Double, Boolean, String)
     * @throws BadUserInputException if the cursor was not made by this API for this order
     */
    public static List<Object> decode(SortOrder order, String cursor, String path) {
        BadUserInputException bad = new BadUserInputException(
                "%s: not a cursor of this list; use a cursor from the same query's edges or pageInfo".formatted(path));
        try {
            JsonNode json = JSON.readTree(Base64.getUrlDecoder().decode(cursor.strip()));
            if (json == null || !order.signature().equals(json.path("o").asText()) || json.path("v").size() != order.keys().size()) {
                throw bad;
            }
            List<Object> values = new ArrayList<>();
            for (JsonNode v : json.path("v")) {
                JsonNode x = v.path(1);
                values.add(switch (v.path(0).asText()) {
                    case "n" -> null;
                    case "i" -> x.asLong();
                    case "f" -> Double.parseDouble(x.asText());
                    case "b" -> x.asBoolean();
                    case "d" -> LocalDate.parse(x.asText());
                    case "t" -> x.asText().matches(".*(Z|[+-]\\d\\d:\\d\\d)$") ? OffsetDateTime.parse(x.asText()) : LocalDateTime.parse(x.asText());
                    case "s" -> x.asText();
                    default -> throw bad;
                });
            }
            if (values.getLast() == null) {
                throw bad; // the tie-breaker is the key, never null
            }
            return values;
        } catch (IllegalArgumentException | java.io.IOException | java.time.DateTimeException e) {
            throw bad;
        }
    }
}

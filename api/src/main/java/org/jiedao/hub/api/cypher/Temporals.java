package org.jiedao.hub.api.cypher;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes date-times in one ISO-8601 form with seconds ({@code 2026-05-01T11:00:00}); {@code toString()} would drop
 * zero seconds. Dates are already ISO ({@code 1985-03-07}).
 */
public final class Temporals {
    private Temporals() {
    }

    /**
     * @param value a driver value, or a map or list of them
     * @return the same shape with every date-time written as ISO-8601 text
     */
    public static Object toIso(Object value) {
        return switch (value) {
            case LocalDateTime t -> DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t);
            case ZonedDateTime t -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
            case OffsetDateTime t -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
            case Map<?, ?> m -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> out.put(k, toIso(v)));
                yield out;
            }
            case List<?> l -> {
                List<Object> out = new ArrayList<>(l.size());
                l.forEach(v -> out.add(toIso(v)));
                yield out;
            }
            case null -> null;
            default -> value;
        };
    }
}

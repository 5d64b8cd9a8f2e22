package org.jiedao.hub.routes;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The incremental cursor of a JDBC source: the watermark column's value and the key column's value of the last row
 * committed to the graph. Rows come in {@code (watermark, key)} order and the next poll reads the rows strictly after
 * the cursor, so rows that share a watermark value are neither skipped nor read twice.
 *
 * <p>Stored in the operational model as JSON, e.g.
 * {@code {"watermarkColumn":"updated_at","keyColumn":"record_id","watermark":"2026-03-01T09:30:00","watermarkType":"timestamp","key":"20000042","keyType":"integer"}};
 * types are {@code timestamp} (SQL TIMESTAMP, ISO local date-time), {@code timestamptz} (ISO offset date-time),
 * {@code date}, {@code integer}, {@code decimal} and {@code text}, so the value is bound to the SQL parameter with its
 * own type.
 *
 * @param watermarkColumn the column the watermark follows
 * @param keyColumn       the tie-breaking key column
 * @param watermark       the watermark value of the last committed row, as read over JDBC
 * @param key             the key value of that row
 */
record JdbcCursor(String watermarkColumn, String keyColumn, Object watermark, Object key) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param text text written by {@link #toText()}, or null
     * @param watermarkColumn the source's current watermark column
     * @param keyColumn       the source's current key column
     * @return the cursor; empty if there is none or it was written for other columns (the definition changed: the
     *         source is read from the start, unchanged rows cost no write)
     * @throws IllegalStateException if the text is not a cursor
     */
    static Optional<JdbcCursor> parse(String text, String watermarkColumn, String keyColumn) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            Map<?, ?> m = JSON.readValue(text, Map.class);
            if (!watermarkColumn.equalsIgnoreCase(String.valueOf(m.get("watermarkColumn")))
                    || !keyColumn.equalsIgnoreCase(String.valueOf(m.get("keyColumn")))) {
                return Optional.empty();
            }
            return Optional.of(new JdbcCursor(watermarkColumn, keyColumn,
                    decode((String) m.get("watermarkType"), (String) m.get("watermark")),
                    decode((String) m.get("keyType"), (String) m.get("key"))));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalStateException("stored JDBC watermark is not a cursor: " + text, e);
        }
    }

    /** @return the JSON form stored in the operational model */
    String toText() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("watermarkColumn", watermarkColumn);
        m.put("keyColumn", keyColumn);
        m.put("watermark", encode(watermark));
        m.put("watermarkType", type(watermark));
        m.put("key", encode(key));
        m.put("keyType", type(key));
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return e.g. {@code updated_at=2026-03-01T09:30, record_id=20000042}, for run units and status */
    String describe() {
        return watermarkColumn + "=" + encode(watermark) + ", " + keyColumn + "=" + encode(key);
    }

    /** @return the watermark as a JDBC parameter of its own type */
    Object watermarkParameter() {
        return parameter(watermark);
    }

    /** @return the key as a JDBC parameter of its own type */
    Object keyParameter() {
        return parameter(key);
    }

    private static Object parameter(Object v) {
        return v instanceof LocalDateTime t ? Timestamp.valueOf(t)
                : v instanceof LocalDate d ? java.sql.Date.valueOf(d) : v;
    }

    /** Normalises a value read over JDBC to one of the cursor's types. */
    static Object normalise(Object v, String column) {
        return switch (v) {
            case null -> throw new IllegalStateException("column " + column + " is NULL: a watermark or key column must "
                    + "have a value in every row (rows with NULL are never read incrementally)");
            case Timestamp t -> t.toLocalDateTime();
            case java.sql.Date d -> d.toLocalDate();
            case LocalDateTime t -> t;
            case LocalDate d -> d;
            case OffsetDateTime t -> t;
            case java.time.ZonedDateTime t -> t.toOffsetDateTime();
            case java.time.Instant i -> OffsetDateTime.ofInstant(i, java.time.ZoneOffset.UTC);
            case Long l -> l;
            case Integer i -> i.longValue();
            case Short s -> s.longValue();
            case Byte b -> b.longValue();
            case BigInteger b -> new BigDecimal(b);
            case BigDecimal b -> b;
            case Number n -> new BigDecimal(n.toString());
            case String s -> s;
            default -> throw new IllegalStateException("column " + column + " has values of " + v.getClass().getName()
                    + ", which cannot be a watermark (use an update time, a date, a number or a text column)");
        };
    }

    private static String type(Object v) {
        return switch (v) {
            case LocalDateTime t -> "timestamp";
            case OffsetDateTime t -> "timestamptz";
            case LocalDate d -> "date";
            case Long l -> "integer";
            case BigDecimal b -> "decimal";
            default -> "text";
        };
    }

    private static String encode(Object v) {
        return v instanceof BigDecimal b ? b.toPlainString() : String.valueOf(v);
    }

    private static Object decode(String type, String text) {
        return switch (type) {
            case "timestamp" -> LocalDateTime.parse(text);
            case "timestamptz" -> OffsetDateTime.parse(text);
            case "date" -> LocalDate.parse(text);
            case "integer" -> Long.valueOf(text);
            case "decimal" -> new BigDecimal(text);
            case "text" -> text;
            default -> throw new IllegalArgumentException("unknown cursor type " + type);
        };
    }
}

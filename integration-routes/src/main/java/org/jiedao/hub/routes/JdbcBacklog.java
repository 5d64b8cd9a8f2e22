package org.jiedao.hub.routes;

import java.util.OptionalLong;

import org.jiedao.hub.loaders.source.SourceDefinition;
import org.jiedao.hub.loaders.source.SourceDefinition.SourceKind;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * How many rows of a JDBC source wait to be read: with a watermark column, the rows after the stored cursor (all
 * rows before the first poll), counted with one {@code SELECT COUNT(*)} on the source database.
 */
public final class JdbcBacklog {
    private JdbcBacklog() {
    }

    /**
     * @param definition a source definition
     * @param watermark  the source's stored watermark (from the operational model), or null if none
     * @return the number of rows after the watermark; empty if the source is not a JDBC source with a watermark
     *         column (every poll reads the whole table, so there is no backlog to count)
     * @throws org.springframework.dao.DataAccessException if the database cannot be reached or queried
     * @throws IllegalStateException if the stored watermark is not a cursor
     */
    public static OptionalLong rowsAfterWatermark(SourceDefinition definition, String watermark) {
        if (definition.kind() != SourceKind.JDBC || definition.jdbc().watermarkColumn() == null) {
            return OptionalLong.empty();
        }
        var o = definition.jdbc();
        JdbcQueries queries = new JdbcQueries(o);
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(o.url(), o.user() == null ? "" : o.user(),
                o.password() == null ? "" : o.password()));
        var cursor = JdbcCursor.parse(watermark, o.watermarkColumn(), o.keyColumn());
        Long n = cursor.isPresent()
                ? jdbc.queryForObject(queries.countAfter(), Long.class, JdbcQueries.afterParameters(cursor.get()).toArray())
                : jdbc.queryForObject(queries.countAll(), Long.class);
        return OptionalLong.of(n == null ? 0 : n);
    }

    /**
     * @param watermark a stored watermark, or null
     * @return it in words, e.g. {@code updated_at=2026-03-01T09:30, record_id=20000042}; {@code none} if null
     */
    public static String describe(String watermark) {
        if (watermark == null) {
            return "none";
        }
        try {
            var m = new com.fasterxml.jackson.databind.ObjectMapper().readValue(watermark, java.util.Map.class);
            return JdbcCursor.parse(watermark, String.valueOf(m.get("watermarkColumn")), String.valueOf(m.get("keyColumn")))
                    .map(JdbcCursor::describe).orElse(watermark);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
            return watermark;
        }
    }
}

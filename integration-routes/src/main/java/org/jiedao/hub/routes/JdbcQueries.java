package org.jiedao.hub.routes;

import java.util.List;
import java.util.regex.Pattern;

import org.jiedao.hub.loaders.source.SourceDefinition.JdbcOptions;

/**
 * The SQL of a JDBC source, portable across PostgreSQL, MariaDB and H2 (standard SQL plus {@code LIMIT}). Values
 * travel as parameters; table and column names come from the source definition and must be plain (optionally
 * schema-qualified) identifiers.
 *
 * <p>Without a watermark column: the whole table ordered by the key. With one: the rows after a cursor,
 * {@code WHERE w > ? OR (w = ? AND k > ?) ORDER BY w, k LIMIT batchRows}. A {@code (watermark, key)} cursor was
 * chosen over re-reading the boundary value because re-reading could loop forever when more than
 * {@code batchRows} rows share one value, and it reads every row once. Rows whose watermark is NULL are never read.
 * An update time committed late (a long transaction stamped before rows committed earlier) can fall behind the
 * cursor; use an increasing key or a database-maintained update time where that matters.
 */
final class JdbcQueries {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");
    static final int DEFAULT_BATCH_ROWS = 10_000;
    private final JdbcOptions jdbc;
    private final String from;

    /**
     * @param jdbc the source's options
     * @throws IllegalArgumentException naming the option if a table or column name is not a plain identifier
     */
    JdbcQueries(JdbcOptions jdbc) {
        this.jdbc = jdbc;
        identifier("keyColumn", jdbc.keyColumn());
        if (jdbc.watermarkColumn() != null) {
            identifier("watermarkColumn", jdbc.watermarkColumn());
        }
        if (jdbc.query() != null) {
            this.from = "(" + jdbc.query() + ") src";
        } else {
            this.from = identifier("table", jdbc.table());
        }
    }

    private static String identifier(String option, String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("jdbc." + option + " must be a plain SQL identifier, was " + name);
        }
        return name;
    }

    /** @return whether the source is read incrementally */
    boolean incremental() {
        return jdbc.watermarkColumn() != null;
    }

    /** @return rows per poll at most */
    int batchRows() {
        return jdbc.batchRows() == null ? DEFAULT_BATCH_ROWS : jdbc.batchRows();
    }

    /** @return the whole table, or the user's query, ordered by the key */
    String wholeTable() {
        return jdbc.query() != null ? jdbc.query() : "SELECT * FROM " + from + " ORDER BY " + jdbc.keyColumn();
    }

    /** @return the first {@code batchRows} rows in (watermark, key) order */
    String first() {
        return "SELECT * FROM " + from + " WHERE " + jdbc.watermarkColumn() + " IS NOT NULL" + order();
    }

    /** @return the next {@code batchRows} rows after a cursor; parameters {@link #afterParameters} */
    String after() {
        return "SELECT * FROM " + from + " WHERE " + afterCondition() + order();
    }

    /** @return the number of rows after a cursor; parameters {@link #afterParameters} */
    String countAfter() {
        return "SELECT COUNT(*) FROM " + from + " WHERE " + afterCondition();
    }

    /** @return the number of rows an incremental source reads from the start (those with a watermark value) */
    String countAll() {
        return "SELECT COUNT(*) FROM " + from + " WHERE " + jdbc.watermarkColumn() + " IS NOT NULL";
    }

    /** @return the parameters of {@link #after()} and {@link #countAfter()} */
    static List<Object> afterParameters(JdbcCursor c) {
        return List.of(c.watermarkParameter(), c.watermarkParameter(), c.keyParameter());
    }

    private String afterCondition() {
        String w = jdbc.watermarkColumn();
        return "(" + w + " > ? OR (" + w + " = ? AND " + jdbc.keyColumn() + " > ?))";
    }

    private String order() {
        return " ORDER BY " + jdbc.watermarkColumn() + ", " + jdbc.keyColumn() + " LIMIT " + batchRows();
    }
}

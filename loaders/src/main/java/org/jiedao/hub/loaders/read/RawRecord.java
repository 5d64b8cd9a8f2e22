package org.jiedao.hub.loaders.read;

import java.util.Map;

/**
 * One record as read from a source, before normalisation.
 *
 * @param location where it was read, for people: {@code hukou_registry.csv line 17}, {@code cases_2026.json [41]}
 * @param values   raw values by column name or dotted JSON path (null values allowed)
 * @param problem  null, or why the record could not even be read (wrong column count, broken JSON line);
 *                 such a record is quarantined with this reason
 */
public record RawRecord(String location, Map<String, Object> values, String problem) {
    /** A readable record. */
    public static RawRecord of(String location, Map<String, Object> values) {
        return new RawRecord(location, values, null);
    }

    /** An unreadable record, kept with what could be read of it. */
    public static RawRecord broken(String location, Map<String, Object> values, String problem) {
        return new RawRecord(location, values, problem);
    }
}

package org.jiedao.hub.loaders.read;

import java.util.Set;

/**
 * What a reader needs to know beyond the format, taken from a source definition's {@code file} options and fields.
 *
 * @param sheet         {@code xlsx}: the sheet read, by name; null for the first sheet
 * @param recordElement {@code xml}: the (local) element name of one record, e.g. {@code row}; required for xml
 * @param columns       {@code xlsx}: the columns the source's fields read from; a numeric cell too large to hold an
 *                      identifier exactly is a problem only in these. Null or empty: every column is checked
 */
public record ReaderOptions(String sheet, String recordElement, Set<String> columns) {
    /** No sheet (the first), no record element, every column checked. */
    public static final ReaderOptions NONE = new ReaderOptions(null, null, Set.of());

    public ReaderOptions {
        columns = columns == null ? Set.of() : Set.copyOf(columns);
    }
}

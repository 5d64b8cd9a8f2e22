package org.jiedao.hub.graph.resolution;

import java.util.Map;
import java.util.Objects;

/**
 * One source record to resolve: its id, its source and its <em>normalised</em> field values.
 *
 * <p>The engine compares values as given; normalising them (canonical 18-character ID numbers, simplified name keys,
 * pinyin, ISO dates, E.164 phones, address keys) is the caller's job, with the loaders' normalisers. By contract a
 * value in a field that the settings name as a strong identifier ({@link ResolutionSettings#strongIdentifiers()}) is
 * a <em>valid</em> identifier: an ID number that failed its check character is to be left out of that field (it
 * may go into a weaker field compared by similarity).
 *
 * @param id     the record's id, unique among the records resolved together (e.g. {@code hukou:110102...})
 * @param source the source system, e.g. {@code hukou}; used by linkage between sources
 *               ({@link ResolutionSettings#acrossSourcesOnly()})
 * @param fields field name to normalised value; {@code null} or blank values count as missing
 */
public record ResolutionRecord(String id, String source, Map<String, String> fields) {

    /**
     * @param id     the id, not null
     * @param source the source, not null
     * @param fields the values, copied; null values are dropped
     */
    public ResolutionRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        java.util.HashMap<String, String> copy = new java.util.HashMap<>();
        if (fields != null) {
            fields.forEach((k, v) -> {
                if (k != null && v != null && !v.isBlank()) {
                    copy.put(k, v);
                }
            });
        }
        fields = Map.copyOf(copy);
    }

    /**
     * @param field a field name
     * @return its value, or {@code null} when missing
     */
    public String get(String field) {
        return fields.get(field);
    }

    /**
     * This record without the values of some fields (used to drop hub values, which are no evidence).
     *
     * @param dropped the field names to drop
     * @return a record with the same id and source; this record itself when nothing is dropped
     */
    ResolutionRecord without(java.util.Collection<String> dropped) {
        if (dropped.isEmpty() || dropped.stream().noneMatch(fields::containsKey)) {
            return this;
        }
        java.util.Map<String, String> copy = new java.util.HashMap<>(fields);
        dropped.forEach(copy::remove);
        return new ResolutionRecord(id, source, copy);
    }
}

package org.jiedao.hub.graph.resolution;

import java.util.List;

/**
 * Equality of one field's normalised values: levels {@code exact}, {@code different}. For coded values (gender,
 * postcode, state) and for identifiers normalised to one form (phone numbers in E.164, plates).
 *
 * @param name  the comparison's name
 * @param field the field compared
 * @param tf    whether agreement on a value is weighted by the value's frequency ({@link TermFrequencies})
 */
public record ExactComparator(String name, String field, boolean tf) implements FieldComparator {

    private static final List<String> LEVELS = List.of("exact", "different");

    @Override
    public List<String> levels() {
        return LEVELS;
    }

    @Override
    public List<String> fields() {
        return List.of(field);
    }

    @Override
    public String termFrequencyField() {
        return tf ? field : null;
    }

    @Override
    public int compare(ResolutionRecord a, ResolutionRecord b) {
        String x = a.get(field);
        String y = b.get(field);
        if (x == null || y == null) {
            return MISSING;
        }
        return x.equals(y) ? 0 : 1;
    }
}

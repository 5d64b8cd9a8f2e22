package org.jiedao.hub.graph.resolution;

import java.util.List;

/**
 * Codes and numbers typed by hand (ID numbers, phone numbers, postcodes, account numbers): level {@code exact};
 * {@code typo} when the values have the same length and differ in one character, or by one swap of two neighbouring
 * characters (the two commonest keying errors, Damerau 1964); {@code different}. Unlike Jaro-Winkler it does not
 * reward long shared prefixes, which related codes have anyway (ID numbers of people born in one district and year).
 *
 * @param name  the comparison's name
 * @param field the field compared
 */
public record TypoComparator(String name, String field) implements FieldComparator {

    private static final List<String> LEVELS = List.of("exact", "typo", "different");

    @Override
    public List<String> levels() {
        return LEVELS;
    }

    @Override
    public List<String> fields() {
        return List.of(field);
    }

    @Override
    public int compare(ResolutionRecord a, ResolutionRecord b) {
        String x = a.get(field);
        String y = b.get(field);
        if (x == null || y == null) {
            return MISSING;
        }
        if (x.equals(y)) {
            return 0;
        }
        return oneTypo(x, y) ? 1 : 2;
    }

    /**
     * @param x a value
     * @param y another value
     * @return whether they have the same length and differ in one character or by one adjacent swap
     */
    static boolean oneTypo(String x, String y) {
        if (x.length() != y.length()) {
            return false;
        }
        int first = -1;
        int diff = 0;
        for (int i = 0; i < x.length(); i++) {
            if (x.charAt(i) != y.charAt(i)) {
                if (first < 0) {
                    first = i;
                }
                if (++diff > 2) {
                    return false;
                }
            }
        }
        if (diff == 1) {
            return true;
        }
        return diff == 2 && first + 1 < x.length() && x.charAt(first) == y.charAt(first + 1)
                && x.charAt(first + 1) == y.charAt(first);
    }
}

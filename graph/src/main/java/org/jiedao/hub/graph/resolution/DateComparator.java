package org.jiedao.hub.graph.resolution;

import java.util.List;

/**
 * Dates of birth and other dates, as written by clerks: levels {@code exact}; {@code transposed} (day and month
 * swapped, or two neighbouring digits swapped: 1985-03-12 and 1985-12-03, 1958 and 1985); {@code oneDigit} (one digit
 * differs: a typo); {@code partial} (two full dates in the same year, or a partial date that agrees with the other
 * date as far as it goes: 1985-03 and 1985-03-12); {@code different}.
 *
 * <p>Values are ISO 8601 calendar dates {@code yyyy-MM-dd}, partial dates {@code yyyy} or {@code yyyy-MM}, or the
 * basic form {@code yyyyMMdd}; every non-digit is ignored, so both forms compare equal.
 *
 * @param name  the comparison's name
 * @param field the field compared
 */
public record DateComparator(String name, String field) implements FieldComparator {

    private static final List<String> LEVELS = List.of("exact", "transposed", "oneDigit", "partial", "different");

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
        return compareDigits(digits(x), digits(y));
    }

    /**
     * The level of two dates given as their digits.
     *
     * @param x digits of one date: 4 ({@code yyyy}), 6 ({@code yyyyMM}) or 8 ({@code yyyyMMdd})
     * @param y digits of the other
     * @return a level index (0 exact .. 4 different)
     */
    static int compareDigits(String x, String y) {
        if (x.isEmpty() || y.isEmpty()) {
            return MISSING;
        }
        if (x.equals(y)) {
            return 0;
        }
        if (x.length() == 8 && y.length() == 8) {
            if (x.startsWith(y.substring(0, 4)) && x.substring(4, 6).equals(y.substring(6, 8))
                    && x.substring(6, 8).equals(y.substring(4, 6))) {
                return 1;
            }
            int diff = 0;
            int first = -1;
            for (int i = 0; i < 8; i++) {
                if (x.charAt(i) != y.charAt(i)) {
                    if (first < 0) {
                        first = i;
                    }
                    diff++;
                }
            }
            if (diff == 2 && first + 1 < 8 && x.charAt(first) == y.charAt(first + 1)
                    && x.charAt(first + 1) == y.charAt(first)) {
                return 1;
            }
            if (diff == 1) {
                return 2;
            }
        }
        int shorter = Math.min(x.length(), y.length());
        int common = shorter >= 8 ? 4 : shorter; // full dates: the year; a partial date: all it states
        if (x.length() >= 4 && y.length() >= 4 && x.regionMatches(0, y, 0, common)) {
            return 3;
        }
        return 4;
    }

    private static String digits(String s) {
        StringBuilder b = new StringBuilder(8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                b.append(c);
            }
        }
        return b.toString();
    }
}

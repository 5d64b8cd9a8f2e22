package org.jiedao.hub.graph.resolution;

import java.util.ArrayList;
import java.util.List;

/**
 * Numbers compared by absolute difference: level {@code exact}, then one level per tolerance ({@code within 1},
 * {@code within 5}, ...), then {@code different}. A value that is not a decimal number counts as missing.
 *
 * @param name       the comparison's name
 * @param field      the field compared
 * @param tolerances the absolute differences of the levels between exact and different, increasing, positive
 */
public record NumericComparator(String name, String field, double[] tolerances) implements FieldComparator {

    /**
     * @param name       the name
     * @param field      the field
     * @param tolerances increasing positive tolerances
     * @throws IllegalArgumentException if they are not increasing and positive
     */
    public NumericComparator {
        tolerances = tolerances.clone();
        for (int i = 0; i < tolerances.length; i++) {
            if (!(tolerances[i] > 0) || (i > 0 && tolerances[i] <= tolerances[i - 1])) {
                throw new IllegalArgumentException("tolerances must be positive and increasing: "
                        + java.util.Arrays.toString(tolerances));
            }
        }
    }

    @Override
    public List<String> levels() {
        List<String> l = new ArrayList<>();
        l.add("exact");
        for (double t : tolerances) {
            l.add("within " + t);
        }
        l.add("different");
        return l;
    }

    @Override
    public List<String> fields() {
        return List.of(field);
    }

    @Override
    public int compare(ResolutionRecord a, ResolutionRecord b) {
        Double x = parse(a.get(field));
        Double y = parse(b.get(field));
        if (x == null || y == null) {
            return MISSING;
        }
        double d = Math.abs(x - y);
        if (d == 0) {
            return 0;
        }
        for (int i = 0; i < tolerances.length; i++) {
            if (d <= tolerances[i]) {
                return i + 1;
            }
        }
        return tolerances.length + 1;
    }

    private static Double parse(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Double.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

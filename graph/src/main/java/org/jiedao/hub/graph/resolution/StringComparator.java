package org.jiedao.hub.graph.resolution;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * String similarity of one field: level {@code exact} for equal values, then one level per Jaro-Winkler threshold
 * ({@code jw>=0.92}, ...), then {@code different}. Jaro-Winkler similarity (Winkler 1990, "String Comparator Metrics
 * and Enhanced Decision Rules in the Fellegi-Sunter Model of Record Linkage") from Apache Commons Text, scale 0.1 for
 * a common prefix of up to 4 characters; 1.0 is identical. Suited to names, street names, localities and free text.
 *
 * @param name       the comparison's name
 * @param field      the field compared
 * @param thresholds the similarity thresholds of the levels between exact and different, decreasing, in (0, 1)
 * @param tf         whether agreement on a value is weighted by the value's frequency ({@link TermFrequencies})
 */
public record StringComparator(String name, String field, double[] thresholds, boolean tf) implements FieldComparator {

    private static final JaroWinklerSimilarity JW = new JaroWinklerSimilarity();

    /**
     * @param name       the comparison's name
     * @param field      the field
     * @param thresholds decreasing thresholds in (0, 1)
     * @param tf         term-frequency adjustment
     * @throws IllegalArgumentException if the thresholds are not decreasing within (0, 1)
     */
    public StringComparator {
        thresholds = thresholds.clone();
        for (int i = 0; i < thresholds.length; i++) {
            if (!(thresholds[i] > 0 && thresholds[i] < 1) || (i > 0 && thresholds[i] >= thresholds[i - 1])) {
                throw new IllegalArgumentException("Jaro-Winkler thresholds must decrease within (0, 1): "
                        + java.util.Arrays.toString(thresholds));
            }
        }
    }

    /**
     * The Jaro-Winkler similarity of two strings.
     *
     * @param a a string
     * @param b another string
     * @return the similarity in [0, 1], 1 for identical strings
     */
    public static double similarity(String a, String b) {
        return JW.apply(a, b);
    }

    @Override
    public List<String> levels() {
        List<String> l = new ArrayList<>();
        l.add("exact");
        for (double t : thresholds) {
            l.add("jw>=" + t);
        }
        l.add("different");
        return l;
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
        if (x.equals(y)) {
            return 0;
        }
        double s = JW.apply(x, y);
        for (int i = 0; i < thresholds.length; i++) {
            if (s >= thresholds[i]) {
                return i + 1;
            }
        }
        return thresholds.length + 1;
    }
}

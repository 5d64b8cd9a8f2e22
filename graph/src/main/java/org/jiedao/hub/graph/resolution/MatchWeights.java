package org.jiedao.hub.graph.resolution;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fellegi-Sunter parameters: for each comparison and level, m = P(level | the records match) and u = P(level | they
 * do not), and the share of matches among the candidate pairs (the prior). The match weight of a level is
 * {@code log2(m / u)} bits; a pair's weight is the sum of its levels' weights (missing values add 0) plus the prior
 * weight {@code log2(λ / (1 - λ))}, so a total weight of 0 is a posterior match probability of 1/2 under the
 * conditional-independence assumption (Fellegi and Sunter 1969; Winkler 1988 for the EM estimate).
 *
 * @param comparisons the comparisons' names, in order
 * @param m           per comparison, per level, the m probability, each row summing to 1
 * @param u           per comparison, per level, the u probability, each row summing to 1
 * @param matchShare  λ, the share of matches among the candidate pairs, in (0, 1)
 */
public record MatchWeights(List<String> comparisons, double[][] m, double[][] u, double matchShare) {

    /** Probabilities are kept at or above this, so that no single level gives an infinite weight. */
    public static final double FLOOR = 1e-5;

    /**
     * @param comparisons names
     * @param m           m rows
     * @param u           u rows
     * @param matchShare  λ
     * @throws IllegalArgumentException if the shapes differ or λ is not in (0, 1)
     */
    public MatchWeights {
        comparisons = List.copyOf(comparisons);
        if (m.length != comparisons.size() || u.length != comparisons.size()) {
            throw new IllegalArgumentException("m and u need one row per comparison");
        }
        m = normalised(m);
        u = normalised(u);
        if (!(matchShare > 0 && matchShare < 1)) {
            throw new IllegalArgumentException("match share must be in (0, 1): " + matchShare);
        }
    }

    /**
     * The weight of one level.
     *
     * @param comparison index of the comparison
     * @param level      a level index, or {@link FieldComparator#MISSING}
     * @return {@code log2(m / u)} in bits; 0 for a missing value
     */
    public double weight(int comparison, int level) {
        if (level < 0) {
            return 0;
        }
        return log2(m[comparison][level] / u[comparison][level]);
    }

    /** @return the prior weight {@code log2(λ / (1 - λ))} in bits */
    public double priorWeight() {
        return log2(matchShare / (1 - matchShare));
    }

    /**
     * A readable table, for reports and configuration: comparison to level to {m, u, weight}.
     *
     * @param comparators the comparators these weights belong to (for the level names)
     * @return an ordered map
     */
    public Map<String, Map<String, double[]>> table(List<FieldComparator> comparators) {
        Map<String, Map<String, double[]>> t = new LinkedHashMap<>();
        for (int c = 0; c < comparators.size(); c++) {
            Map<String, double[]> levels = new LinkedHashMap<>();
            List<String> names = comparators.get(c).levels();
            for (int l = 0; l < names.size(); l++) {
                levels.put(names.get(l), new double[] {m[c][l], u[c][l], weight(c, l)});
            }
            t.put(comparators.get(c).name(), levels);
        }
        return t;
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static double[][] normalised(double[][] p) {
        double[][] out = new double[p.length][];
        for (int i = 0; i < p.length; i++) {
            double[] row = p[i].clone();
            double sum = 0;
            for (int l = 0; l < row.length; l++) {
                if (!(row[l] >= 0)) {
                    throw new IllegalArgumentException("probabilities must be non-negative");
                }
                row[l] = Math.max(row[l], FLOOR);
                sum += row[l];
            }
            for (int l = 0; l < row.length; l++) {
                row[l] /= sum;
            }
            out[i] = row;
        }
        return out;
    }
}

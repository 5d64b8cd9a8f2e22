package org.jiedao.hub.graph.resolution;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Estimates u probabilities from random record pairs (as Splink does): among n records with few duplicates nearly
 * every random pair is a non-match, so the level frequencies over random pairs estimate u without the bias of
 * blocking (candidate pairs agree on their blocking keys far more often than non-matches in general). Seeded, so
 * repeated runs give the same weights.
 */
final class RandomPairs {

    private static final long SEED = 0x5EEDL;

    private RandomPairs() {
    }

    /**
     * @param records       the records (hub values already dropped)
     * @param comparators   the comparators
     * @param sample        pairs to draw
     * @param acrossSources draw only pairs of records from different sources
     * @return per comparator, per level, u; a level never seen gets half a pair's share
     */
    static double[][] u(List<ResolutionRecord> records, List<FieldComparator> comparators, int sample,
                        boolean acrossSources) {
        int n = records.size();
        double[][] counts = new double[comparators.size()][];
        for (int c = 0; c < counts.length; c++) {
            counts[c] = new double[comparators.get(c).levels().size()];
        }
        SplittableRandom rnd = new SplittableRandom(SEED);
        int drawn = 0;
        int attempts = 0;
        while (drawn < sample && attempts < sample * 20) {
            attempts++;
            int a = rnd.nextInt(n);
            int b = rnd.nextInt(n);
            if (a == b || (acrossSources && records.get(a).source().equals(records.get(b).source()))) {
                continue;
            }
            drawn++;
            for (int c = 0; c < counts.length; c++) {
                int l = comparators.get(c).compare(records.get(a), records.get(b));
                if (l >= 0) {
                    counts[c][l]++;
                }
            }
        }
        double[][] u = new double[counts.length][];
        for (int c = 0; c < counts.length; c++) {
            double total = 0;
            for (double x : counts[c]) {
                total += x;
            }
            u[c] = new double[counts[c].length];
            for (int l = 0; l < u[c].length; l++) {
                u[c][l] = total == 0 ? 1.0 / u[c].length : Math.max(counts[c][l], 0.5) / total;
            }
        }
        return u;
    }
}

package org.jiedao.hub.app;

import java.util.HashMap;
import java.util.Map;

/**
 * Precision, recall and F1 of the pairwise links a clustering implies, against the true entities: a pair is
 * predicted when both records are in one cluster, true when both belong to one entity (Christen, "Data Matching",
 * 2012, ch. 7). In linkage mode only pairs of records from different sources count.
 *
 * @param truePositives  pairs predicted and true
 * @param predicted      pairs predicted
 * @param actual         true pairs
 */
record PairwiseAccuracy(long truePositives, long predicted, long actual) {

    /**
     * Measures a clustering.
     *
     * @param entityOf      record id to predicted entity
     * @param truth         record id to true entity
     * @param sourceOf      record id to source
     * @param acrossSources count only pairs across sources
     * @return the counts
     */
    static PairwiseAccuracy of(Map<String, String> entityOf, Map<String, String> truth, Map<String, String> sourceOf,
                               boolean acrossSources) {
        Map<String, Map<String, Long>> predicted = new HashMap<>();
        Map<String, Map<String, Long>> actual = new HashMap<>();
        Map<String, Map<String, Long>> both = new HashMap<>();
        entityOf.forEach((id, e) -> {
            String t = truth.get(id);
            String s = acrossSources ? sourceOf.get(id) : id;
            predicted.computeIfAbsent(e, x -> new HashMap<>()).merge(s, 1L, Long::sum);
            actual.computeIfAbsent(t, x -> new HashMap<>()).merge(s, 1L, Long::sum);
            both.computeIfAbsent(e + '\u001F' + t, x -> new HashMap<>()).merge(s, 1L, Long::sum);
        });
        return new PairwiseAccuracy(pairs(both), pairs(predicted), pairs(actual));
    }

    /** Pairs within each group whose members differ in their part (record id: all pairs; source: cross-source). */
    private static long pairs(Map<String, Map<String, Long>> groups) {
        long total = 0;
        for (Map<String, Long> parts : groups.values()) {
            long n = 0;
            long sq = 0;
            for (long k : parts.values()) {
                n += k;
                sq += k * k;
            }
            total += (n * n - sq) / 2;
        }
        return total;
    }

    /** @return TP / predicted (1 when nothing is predicted) */
    double precision() {
        return predicted == 0 ? 1 : (double) truePositives / predicted;
    }

    /** @return TP / actual (1 when there is nothing to find) */
    double recall() {
        return actual == 0 ? 1 : (double) truePositives / actual;
    }

    /** @return the harmonic mean of precision and recall */
    double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}

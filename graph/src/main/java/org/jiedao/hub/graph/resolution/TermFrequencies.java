package org.jiedao.hub.graph.resolution;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Term-frequency adjustment of agreement (Winkler, "Frequency-Based Matching in Fellegi-Sunter Model of Record
 * Linkage", 1989-2000; as in Splink): two records agreeing on a common value (王伟) are weaker evidence than two
 * agreeing on a rare one. For a value with relative frequency {@code p(v)} among the records, the weight of exact
 * agreement is shifted by {@code log2(Σ p(w)² / p(v))} bits: {@code Σ p(w)²} is the chance that two random records
 * agree on that field at all, so a value exactly as common as the average agreeing value is not adjusted, a common
 * one is lowered and a rare one raised. The shift is clamped to ±{@value #MAX_ADJUSTMENT} bits.
 */
public final class TermFrequencies {

    /** The largest shift, in bits, either way. */
    public static final double MAX_ADJUSTMENT = 10;

    private final Map<String, Map<String, Integer>> counts = new HashMap<>();
    private final Map<String, Double> agreement = new HashMap<>();
    private final Map<String, Integer> totals = new HashMap<>();

    /**
     * Counts the values of the given fields.
     *
     * @param records the records
     * @param fields  the fields to count
     * @return the frequencies
     */
    public static TermFrequencies of(List<ResolutionRecord> records, java.util.Collection<String> fields) {
        TermFrequencies tf = new TermFrequencies();
        for (String f : fields) {
            Map<String, Integer> c = new HashMap<>();
            int n = 0;
            for (ResolutionRecord r : records) {
                String v = r.get(f);
                if (v != null) {
                    c.merge(v, 1, Integer::sum);
                    n++;
                }
            }
            double sq = 0;
            for (int x : c.values()) {
                sq += (double) x * x;
            }
            tf.counts.put(f, c);
            tf.totals.put(f, n);
            tf.agreement.put(f, n == 0 ? 0 : sq / ((double) n * n));
        }
        return tf;
    }

    /**
     * The shift of the exact-agreement weight for a value.
     *
     * @param field the field
     * @param value the value both records share
     * @return the shift in bits, negative for common values; 0 for an uncounted field or value
     */
    public double adjustment(String field, String value) {
        Map<String, Integer> c = counts.get(field);
        Integer x = c == null ? null : c.get(value);
        if (x == null) {
            return 0;
        }
        double p = (double) x / totals.get(field);
        double a = MatchWeights.log2(agreement.get(field) / p);
        return Math.max(-MAX_ADJUSTMENT, Math.min(MAX_ADJUSTMENT, a));
    }

    /**
     * @param field a counted field
     * @param value a value
     * @return how many records hold it
     */
    public int count(String field, String value) {
        Map<String, Integer> c = counts.get(field);
        return c == null ? 0 : c.getOrDefault(value, 0);
    }

    /**
     * Adds one record's values, for incremental resolution (the adjustment of later pairs sees it).
     *
     * @param record the record
     */
    public void add(ResolutionRecord record) {
        for (Map.Entry<String, Map<String, Integer>> e : counts.entrySet()) {
            String v = record.get(e.getKey());
            if (v != null) {
                int n = totals.get(e.getKey());
                int old = e.getValue().getOrDefault(v, 0);
                double sq = agreement.get(e.getKey()) * n * n - (double) old * old + (double) (old + 1) * (old + 1);
                e.getValue().put(v, old + 1);
                totals.put(e.getKey(), n + 1);
                agreement.put(e.getKey(), sq / ((double) (n + 1) * (n + 1)));
            }
        }
    }
}

package org.jiedao.hub.graph.resolution;

import java.util.List;

/**
 * Scores a pair of records: deterministic rules on strong identifiers first, then the Fellegi-Sunter total weight,
 * term-frequency adjusted. Thread-safe once built; the unit an incremental resolver calls for each candidate of a new
 * record ({@link BlockIndex#candidates(ResolutionRecord, int)}).
 */
public final class Scorer {

    private final ResolutionSettings settings;
    private final List<FieldComparator> comparators;
    private final MatchWeights weights;
    private final TermFrequencies tf;
    private final Evidence.FieldEvidence[][] cached;
    private final Evidence.FieldEvidence[] missing;

    /**
     * @param settings the settings (comparators, strong identifiers, thresholds)
     * @param weights  m/u for the settings' comparators
     * @param tf       value frequencies for term-frequency adjustment, or {@code null} for none
     */
    public Scorer(ResolutionSettings settings, MatchWeights weights, TermFrequencies tf) {
        this.settings = settings;
        this.comparators = settings.comparators();
        this.weights = weights;
        this.tf = tf;
        cached = new Evidence.FieldEvidence[comparators.size()][];
        missing = new Evidence.FieldEvidence[comparators.size()];
        for (int c = 0; c < comparators.size(); c++) {
            FieldComparator fc = comparators.get(c);
            List<String> levels = fc.levels();
            cached[c] = new Evidence.FieldEvidence[levels.size()];
            for (int l = 0; l < levels.size(); l++) {
                cached[c][l] = new Evidence.FieldEvidence(fc.name(), levels.get(l), weights.weight(c, l));
            }
            missing[c] = new Evidence.FieldEvidence(fc.name(), "missing", 0);
        }
    }

    /** @return the weights used */
    public MatchWeights weights() {
        return weights;
    }

    /**
     * The comparison vector of a pair.
     *
     * @param comparators the comparators
     * @param a           a record
     * @param b           another
     * @return per comparator its level, or {@link FieldComparator#MISSING}
     */
    static byte[] vector(List<FieldComparator> comparators, ResolutionRecord a, ResolutionRecord b) {
        byte[] v = new byte[comparators.size()];
        for (int c = 0; c < v.length; c++) {
            v[c] = (byte) comparators.get(c).compare(a, b);
        }
        return v;
    }

    /**
     * Scores a pair.
     *
     * @param a a record
     * @param b another
     * @return the evidence: rule, total weight (prior included), per-comparison levels and weights
     */
    public Evidence score(ResolutionRecord a, ResolutionRecord b) {
        return score(a, b, vector(comparators, a, b));
    }

    /**
     * A quick check before {@link #score}: false when the pair is certainly DISTINCT by weight and no strong
     * identifier decides it (both records hold one).
     */
    boolean mayMatch(ResolutionRecord a, ResolutionRecord b, byte[] v) {
        for (String id : settings.strongIdentifiers()) {
            if (a.get(id) != null && b.get(id) != null) {
                return true;
            }
        }
        double total = weights.priorWeight();
        for (int c = 0; c < v.length; c++) {
            if (v[c] >= 0) {
                total += cached[c][v[c]].weight();
                if (v[c] == 0 && comparators.get(c).termFrequencyField() != null && tf != null) {
                    total += TermFrequencies.MAX_ADJUSTMENT; // at most; the exact figure needs a lookup
                }
            }
        }
        return total >= settings.reviewThreshold();
    }

    Evidence score(ResolutionRecord a, ResolutionRecord b, byte[] v) {
        Evidence.FieldEvidence[] fe = new Evidence.FieldEvidence[v.length];
        double total = weights.priorWeight();
        for (int c = 0; c < v.length; c++) {
            int l = v[c];
            if (l < 0) {
                fe[c] = missing[c];
                continue;
            }
            Evidence.FieldEvidence e = cached[c][l];
            String tfField = comparators.get(c).termFrequencyField();
            if (l == 0 && tf != null && tfField != null && a.get(tfField) != null && a.get(tfField).equals(b.get(tfField))) {
                double adj = tf.adjustment(tfField, a.get(tfField));
                if (adj != 0) {
                    e = new Evidence.FieldEvidence(e.comparison(), e.level(), e.weight() + adj);
                }
            }
            fe[c] = e;
            total += e.weight();
        }
        String rule = Evidence.WEIGHTS;
        for (String id : settings.strongIdentifiers()) {
            String x = a.get(id);
            String y = b.get(id);
            if (x != null && y != null) {
                if (!x.equals(y)) {
                    rule = "conflict:" + id;
                    break;
                }
                rule = id;
            }
        }
        return new Evidence(rule, total, List.of(fe));
    }

    /**
     * The decision for a pair's evidence.
     *
     * @param e the evidence
     * @return DISTINCT for conflicting identifiers, LINK for the same identifier, else by the thresholds
     */
    public Decision decide(Evidence e) {
        if (e.conflicting()) {
            return Decision.DISTINCT;
        }
        if (e.deterministic() || e.weight() >= settings.linkThreshold()) {
            return Decision.LINK;
        }
        return e.weight() >= settings.reviewThreshold() ? Decision.REVIEW : Decision.DISTINCT;
    }
}

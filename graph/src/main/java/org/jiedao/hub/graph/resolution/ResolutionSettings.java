package org.jiedao.hub.graph.resolution;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How records are resolved. Built with {@link #builder()}; every setting but the comparators and the blocking rules
 * has a default.
 *
 * @param comparators           the comparisons making up a pair's comparison vector
 * @param blocking              the blocking passes (their union gives the candidate pairs)
 * @param strongIdentifiers     fields holding valid strong identifiers (canonical ID number, passport, plate): the
 *                              same value links whatever else differs; different values never link (default none)
 * @param linkThreshold         total weight in bits (prior included) at or above which a pair is linked
 *                              (default 6: posterior match probability about 0.985)
 * @param reviewThreshold       total weight at or above which a pair not linked goes to review (default 0: posterior
 *                              probability 0.5); not above the link threshold
 * @param hubFields             fields whose hub values are dropped ({@link HubValues}), e.g. phone, address
 * @param maxIdentitiesPerValue the most distinct strong identities a value of a hub field may be shared by and still
 *                              be evidence (default 5)
 * @param maxClusterSize        the largest entity clustering may build (default 50)
 * @param maxBlockSize          blocks with more records are skipped (default 1,000)
 * @param acrossSourcesOnly     compare only records of different sources (linkage of two files) rather than all
 *                              pairs (deduplication) (default false)
 * @param em                    the EM settings, used when {@code weights} is null
 * @param weights               configured m/u, or {@code null} to estimate them by EM on the candidate pairs
 * @param termFrequency         whether exact agreement is adjusted by the value's frequency (default true)
 * @param uSample               0 (the default): EM estimates m, u and the match share on the candidate pairs, and the
 *                              prior is the share of matches among the candidates. N &gt; 0: u is estimated from N
 *                              random record pairs instead (Splink's method: nearly all random pairs are non-matches,
 *                              and unlike candidate pairs they are not biased towards agreement by blocking), EM
 *                              estimates m and the match share only, and the prior is the share among all pairs. On
 *                              the generated population the default is the more accurate (docs/entity-resolution.md)
 */
public record ResolutionSettings(List<FieldComparator> comparators, List<BlockingRule> blocking,
                                 List<String> strongIdentifiers, double linkThreshold, double reviewThreshold,
                                 List<String> hubFields, int maxIdentitiesPerValue, int maxClusterSize,
                                 int maxBlockSize, boolean acrossSourcesOnly, ExpectationMaximisation em,
                                 MatchWeights weights, boolean termFrequency, int uSample) {

    /**
     * @throws IllegalArgumentException if there are no comparators or blocking rules, a comparator name repeats, the
     *                                  review threshold is above the link threshold, or a limit is below 1
     */
    public ResolutionSettings {
        comparators = List.copyOf(comparators);
        blocking = List.copyOf(blocking);
        strongIdentifiers = List.copyOf(strongIdentifiers);
        hubFields = List.copyOf(hubFields);
        Objects.requireNonNull(em, "em");
        if (comparators.isEmpty() || blocking.isEmpty()) {
            throw new IllegalArgumentException("at least one comparator and one blocking rule are needed");
        }
        if (comparators.stream().map(FieldComparator::name).distinct().count() != comparators.size()) {
            throw new IllegalArgumentException("comparator names must be distinct");
        }
        if (reviewThreshold > linkThreshold) {
            throw new IllegalArgumentException("the review threshold (" + reviewThreshold
                    + ") must not be above the link threshold (" + linkThreshold + ")");
        }
        if (uSample < 0) {
            throw new IllegalArgumentException("uSample must not be negative");
        }
        if (maxIdentitiesPerValue < 1 || maxClusterSize < 2 || maxBlockSize < 2) {
            throw new IllegalArgumentException("maxIdentitiesPerValue >= 1, maxClusterSize >= 2, maxBlockSize >= 2");
        }
        if (weights != null && !weights.comparisons().equals(comparators.stream().map(FieldComparator::name).toList())) {
            throw new IllegalArgumentException("configured weights must name the comparators in order: "
                    + weights.comparisons());
        }
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these settings */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.comparators.addAll(comparators);
        b.blocking.addAll(blocking);
        b.strongIdentifiers.addAll(strongIdentifiers);
        b.hubFields.addAll(hubFields);
        b.linkThreshold = linkThreshold;
        b.reviewThreshold = reviewThreshold;
        b.maxIdentitiesPerValue = maxIdentitiesPerValue;
        b.maxClusterSize = maxClusterSize;
        b.maxBlockSize = maxBlockSize;
        b.acrossSourcesOnly = acrossSourcesOnly;
        b.em = em;
        b.weights = weights;
        b.termFrequency = termFrequency;
        b.uSample = uSample;
        return b;
    }

    /** Builds {@link ResolutionSettings}. */
    public static final class Builder {
        private final List<FieldComparator> comparators = new ArrayList<>();
        private final List<BlockingRule> blocking = new ArrayList<>();
        private final List<String> strongIdentifiers = new ArrayList<>();
        private final List<String> hubFields = new ArrayList<>();
        private double linkThreshold = 6;
        private double reviewThreshold = 0;
        private int maxIdentitiesPerValue = 5;
        private int maxClusterSize = 50;
        private int maxBlockSize = 1_000;
        private boolean acrossSourcesOnly;
        private ExpectationMaximisation em = ExpectationMaximisation.DEFAULT;
        private MatchWeights weights;
        private boolean termFrequency = true;
        private int uSample;

        private Builder() {
        }

        /** @param c comparators to add @return this */
        public Builder compare(FieldComparator... c) {
            comparators.addAll(List.of(c));
            return this;
        }

        /** @param r blocking passes to add @return this */
        public Builder block(BlockingRule... r) {
            blocking.addAll(List.of(r));
            return this;
        }

        /** @param fields strong-identifier fields to add @return this */
        public Builder strongIdentifiers(String... fields) {
            strongIdentifiers.addAll(List.of(fields));
            return this;
        }

        /** @param maxIdentities see {@link ResolutionSettings#maxIdentitiesPerValue()} @param fields hub fields @return this */
        public Builder hubFields(int maxIdentities, String... fields) {
            this.maxIdentitiesPerValue = maxIdentities;
            hubFields.addAll(List.of(fields));
            return this;
        }

        /** @param link link threshold @param review review threshold, in bits @return this */
        public Builder thresholds(double link, double review) {
            this.linkThreshold = link;
            this.reviewThreshold = review;
            return this;
        }

        /** @param n maximum cluster size @return this */
        public Builder maxClusterSize(int n) {
            this.maxClusterSize = n;
            return this;
        }

        /** @param n maximum block size @return this */
        public Builder maxBlockSize(int n) {
            this.maxBlockSize = n;
            return this;
        }

        /** @param across compare only records of different sources @return this */
        public Builder acrossSourcesOnly(boolean across) {
            this.acrossSourcesOnly = across;
            return this;
        }

        /** @param em EM settings @return this */
        public Builder em(ExpectationMaximisation em) {
            this.em = em;
            return this;
        }

        /** @param w configured weights (no EM), or null @return this */
        public Builder weights(MatchWeights w) {
            this.weights = w;
            return this;
        }

        /** @param on term-frequency adjustment @return this */
        public Builder termFrequency(boolean on) {
            this.termFrequency = on;
            return this;
        }

        /** @param pairs random pairs for u, 0 to estimate u by EM on the candidates @return this */
        public Builder uFromRandomPairs(int pairs) {
            this.uSample = pairs;
            return this;
        }

        /** @return the settings @throws IllegalArgumentException as the constructor */
        public ResolutionSettings build() {
            return new ResolutionSettings(comparators, blocking, strongIdentifiers, linkThreshold, reviewThreshold,
                    hubFields, maxIdentitiesPerValue, maxClusterSize, maxBlockSize, acrossSourcesOnly, em, weights,
                    termFrequency, uSample);
        }
    }
}

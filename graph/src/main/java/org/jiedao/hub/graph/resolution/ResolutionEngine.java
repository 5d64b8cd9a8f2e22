package org.jiedao.hub.graph.resolution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Resolves records to entities: hub values dropped, blocking, comparison vectors, Fellegi-Sunter weights (estimated
 * by EM on the candidate pairs, or configured) with term-frequency adjustment, deterministic rules on strong
 * identifiers, two thresholds, and guarded clustering. A library: no Neo4j, no I/O.
 *
 * <p>Batch: {@link #resolve(List)}. Incremental (a new record against existing ones): keep a {@link BlockIndex} of
 * the existing records and a {@link Scorer} built from the weights of an earlier batch run
 * ({@link ResolutionResult#weights()}), then score the new record against
 * {@link BlockIndex#candidates(ResolutionRecord, int)}.
 */
public final class ResolutionEngine {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ResolutionEngine.class);

    private final ResolutionSettings settings;

    /**
     * @param settings the settings
     */
    public ResolutionEngine(ResolutionSettings settings) {
        this.settings = settings;
    }

    /** @return the settings */
    public ResolutionSettings settings() {
        return settings;
    }

    /**
     * A scorer for these settings.
     *
     * @param weights m/u to use
     * @param tf      value frequencies, or {@code null} for no term-frequency adjustment
     * @return the scorer
     */
    public Scorer scorer(MatchWeights weights, TermFrequencies tf) {
        return new Scorer(settings, weights, tf);
    }

    /**
     * Resolves a set of records.
     *
     * @param records the records; ids must be distinct
     * @return entities, links with evidence, reviews, refusals, weights and statistics
     * @throws IllegalArgumentException if two records share an id, or EM is needed and blocking gives no pair
     */
    public ResolutionResult resolve(List<ResolutionRecord> records) {
        long start = System.nanoTime();
        Set<String> seen = new java.util.HashSet<>(records.size() * 2);
        for (ResolutionRecord r : records) {
            if (!seen.add(r.id())) {
                throw new IllegalArgumentException("duplicate record id: " + r.id());
            }
        }
        HubValues hubs = HubValues.find(records, settings.hubFields(), settings.strongIdentifiers(),
                settings.maxIdentitiesPerValue());
        List<ResolutionRecord> masked = records.stream().map(hubs::strip).toList();

        BlockIndex index = new BlockIndex(settings.blocking());
        masked.forEach(index::add);
        List<BlockIndex.PassStats> passes = new ArrayList<>();
        long[] pairs = index.candidatePairs(settings.maxBlockSize(), settings.acrossSourcesOnly(), passes);
        java.util.Arrays.sort(pairs);

        List<FieldComparator> comparators = settings.comparators();
        byte[][] vectors = new byte[pairs.length][];
        IntStream.range(0, pairs.length).parallel().forEach(i -> vectors[i] =
                Scorer.vector(comparators, masked.get((int) (pairs[i] >>> 32)), masked.get((int) pairs[i])));

        MatchWeights weights = settings.weights();
        int iterations = 0;
        boolean converged = true;
        long n = records.size();
        long possible = n * (n - 1) / 2;
        if (settings.acrossSourcesOnly()) {
            Map<String, Long> perSource = new HashMap<>();
            records.forEach(r -> perSource.merge(r.source(), 1L, Long::sum));
            long same = perSource.values().stream().mapToLong(k -> k * (k - 1) / 2).sum();
            possible -= same;
        }
        if (weights == null) {
            double[][] u = settings.uSample() > 0 && possible > 0 ? RandomPairs.u(masked, comparators,
                    settings.uSample(), settings.acrossSourcesOnly()) : null;
            ExpectationMaximisation.Estimate est = settings.em().estimate(comparators, java.util.Arrays.asList(vectors), u);
            weights = est.weights();
            if (u != null) {
                // the prior among all pairs: the matches found among the candidates are (nearly) all there are
                double share = Math.min(Math.max(weights.matchShare() * pairs.length / possible, 1e-12), 0.5);
                weights = new MatchWeights(weights.comparisons(), weights.m(), weights.u(), share);
            }
            iterations = est.iterations();
            converged = est.converged();
        }
        TermFrequencies tf = null;
        if (settings.termFrequency()) {
            Set<String> tfFields = new LinkedHashSet<>();
            comparators.stream().map(FieldComparator::termFrequencyField).filter(java.util.Objects::nonNull)
                    .forEach(tfFields::add);
            tf = TermFrequencies.of(masked, tfFields);
        }
        Scorer scorer = new Scorer(settings, weights, tf);

        record Scored(int a, int b, Link link) {
        }
        List<Scored> linked = new ArrayList<>();
        List<Link> reviews = new ArrayList<>();
        for (int i = 0; i < pairs.length; i++) {
            int a = (int) (pairs[i] >>> 32);
            int b = (int) pairs[i];
            if (!scorer.mayMatch(masked.get(a), masked.get(b), vectors[i])) {
                vectors[i] = null;
                continue; // below the review threshold and no identifier rule: no evidence object needed
            }
            Evidence e = scorer.score(masked.get(a), masked.get(b), vectors[i]);
            Decision d = scorer.decide(e);
            if (d == Decision.LINK) {
                linked.add(new Scored(a, b, new Link(records.get(a).id(), records.get(b).id(), d, e)));
            } else if (d == Decision.REVIEW) {
                reviews.add(new Link(records.get(a).id(), records.get(b).id(), d, e));
            }
            vectors[i] = null;
        }
        linked.sort(Comparator.comparing((Scored s) -> !s.link().evidence().deterministic())
                .thenComparing(s -> -s.link().evidence().weight())
                .thenComparingInt(Scored::a).thenComparingInt(Scored::b));
        Clusterer clusters = new Clusterer(masked, settings.strongIdentifiers(), settings.maxClusterSize());
        List<Link> links = new ArrayList<>();
        for (Scored s : linked) {
            if (clusters.union(s.a(), s.b(), s.link())) {
                links.add(s.link());
            }
        }
        Map<Integer, String> first = new HashMap<>();
        Map<String, String> entityOf = new java.util.LinkedHashMap<>(records.size() * 2);
        for (int i = 0; i < records.size(); i++) {
            String id = records.get(i).id();
            entityOf.put(id, first.computeIfAbsent(clusters.find(i), x -> id));
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        ResolutionResult result = new ResolutionResult(entityOf, links, reviews, clusters.refusals(), weights,
                iterations, converged, pairs.length, possible, passes, hubs.counts(), millis);
        LOG.info("entity resolution: {} records, {} candidate pairs of {}, {} links, {} for review, {} merges refused, "
                        + "{} entities, EM {} iterations{}, {} ms", n, pairs.length, possible, links.size(), reviews.size(),
                clusters.refusals().size(), result.entityCount(), iterations, converged ? "" : " (not converged)", millis);
        return result;
    }
}

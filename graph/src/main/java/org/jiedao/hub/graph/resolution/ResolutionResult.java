package org.jiedao.hub.graph.resolution;

import java.util.List;
import java.util.Map;

/**
 * The outcome of resolving a set of records.
 *
 * @param entityOf         record id to entity id (the id of the entity's first record in input order); every record
 *                         has one, a record linked to nothing is its own entity
 * @param links            the pairs decided LINK and applied, with their evidence
 * @param reviews          the pairs between the thresholds, for a clerk (not applied)
 * @param refusals         links that clustering refused (conflicting identifiers, cluster size)
 * @param weights          the m/u used (estimated or configured)
 * @param emIterations     EM iterations run (0 when the weights were configured)
 * @param emConverged      whether EM converged (true when configured)
 * @param candidatePairs   pairs compared
 * @param possiblePairs    pairs a full comparison would compare: n(n-1)/2, or the cross-source pairs in linkage
 * @param passes           per blocking pass, its pairs
 * @param hubValues        per hub field, how many of its values were dropped as hub values
 * @param millis           wall-clock time of the resolution, in milliseconds
 */
public record ResolutionResult(Map<String, String> entityOf, List<Link> links, List<Link> reviews,
                               List<Refusal> refusals, MatchWeights weights, int emIterations, boolean emConverged,
                               long candidatePairs, long possiblePairs, List<BlockIndex.PassStats> passes,
                               Map<String, Integer> hubValues, long millis) {

    /** @return the number of distinct entities */
    public long entityCount() {
        return entityOf.values().stream().distinct().count();
    }

    /** @return the reduction ratio of blocking: 1 - candidate pairs / possible pairs, in [0, 1] */
    public double reductionRatio() {
        return possiblePairs == 0 ? 0 : 1 - (double) candidatePairs / possiblePairs;
    }
}

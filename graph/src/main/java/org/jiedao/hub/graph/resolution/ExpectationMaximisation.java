package org.jiedao.hub.graph.resolution;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Estimates m, u and the match share from unlabelled comparison vectors with the EM algorithm under conditional
 * independence (Winkler, "Using the EM Algorithm for Weight Computation in the Fellegi-Sunter Model of Record
 * Linkage", 1988; Jaro 1989). Identical vectors are counted once with their multiplicity, so an iteration costs the
 * number of distinct vectors, not of pairs. A missing value leaves its comparison out of both the likelihood and
 * that comparison's update.
 *
 * <p>Start: u from the level frequencies over all candidate pairs (nearly all of them are non-matches), m with
 * {@code 0.9} on the first (strongest) level and the rest spread over the others, λ as configured. Stop when no
 * parameter moves by more than the tolerance, or at the iteration cap.
 *
 * @param maxIterations the iteration cap, at least 1 (default 200)
 * @param tolerance     the largest change of any probability that counts as converged (default 1e-6)
 * @param initialShare  the starting λ, in (0, 1) (default 0.1)
 */
public record ExpectationMaximisation(int maxIterations, double tolerance, double initialShare) {

    /** The defaults: 200 iterations, tolerance 1e-6, λ starting at 0.1. */
    public static final ExpectationMaximisation DEFAULT = new ExpectationMaximisation(200, 1e-6, 0.1);

    /**
     * @param maxIterations cap
     * @param tolerance     tolerance
     * @param initialShare  starting λ
     * @throws IllegalArgumentException for a cap below 1, a non-positive tolerance or λ outside (0, 1)
     */
    public ExpectationMaximisation {
        if (maxIterations < 1 || !(tolerance > 0) || !(initialShare > 0 && initialShare < 1)) {
            throw new IllegalArgumentException("EM needs maxIterations >= 1, tolerance > 0 and 0 < initialShare < 1");
        }
    }

    /**
     * What an EM run gave.
     *
     * @param weights    the estimated parameters
     * @param iterations iterations run
     * @param converged  whether the tolerance was reached before the cap
     */
    public record Estimate(MatchWeights weights, int iterations, boolean converged) {
    }

    /**
     * Runs EM.
     *
     * @param comparators the comparators, for their names and level counts
     * @param vectors     one comparison vector per candidate pair: per comparator a level index or
     *                    {@link FieldComparator#MISSING}
     * @return the estimate
     * @throws IllegalArgumentException if there are no vectors
     */
    public Estimate estimate(List<FieldComparator> comparators, List<byte[]> vectors) {
        return estimate(comparators, vectors, null);
    }

    /**
     * Runs EM with the u probabilities fixed (estimated elsewhere, e.g. from random pairs, which are nearly all
     * non-matches): only m and λ are estimated.
     *
     * @param comparators the comparators
     * @param vectors     the candidate pairs' comparison vectors
     * @param fixedU      per comparator, per level, u; or {@code null} to estimate u too
     * @return the estimate
     * @throws IllegalArgumentException if there are no vectors
     */
    public Estimate estimate(List<FieldComparator> comparators, List<byte[]> vectors, double[][] fixedU) {
        if (vectors.isEmpty()) {
            throw new IllegalArgumentException("EM needs at least one candidate pair");
        }
        int k = comparators.size();
        Map<String, int[]> counted = new HashMap<>();
        List<byte[]> patterns = new ArrayList<>();
        for (byte[] v : vectors) {
            int[] c = counted.computeIfAbsent(new String(v, java.nio.charset.StandardCharsets.ISO_8859_1), x -> {
                patterns.add(v);
                return new int[1];
            });
            c[0]++;
        }
        double[] count = new double[patterns.size()];
        for (int p = 0; p < patterns.size(); p++) {
            count[p] = counted.get(new String(patterns.get(p), java.nio.charset.StandardCharsets.ISO_8859_1))[0];
        }

        double[][] m = new double[k][];
        double[][] u = new double[k][];
        for (int c = 0; c < k; c++) {
            int levels = comparators.get(c).levels().size();
            m[c] = new double[levels];
            u[c] = new double[levels];
            m[c][0] = 0.9;
            for (int l = 1; l < levels; l++) {
                m[c][l] = 0.1 / (levels - 1);
            }
            double present = 0;
            for (int p = 0; p < patterns.size(); p++) {
                int l = patterns.get(p)[c];
                if (l >= 0) {
                    u[c][l] += count[p];
                    present += count[p];
                }
            }
            for (int l = 0; l < levels; l++) {
                u[c][l] = fixedU != null ? fixedU[c][l]
                        : present == 0 ? 1.0 / levels : Math.max(u[c][l] / present, MatchWeights.FLOOR);
            }
        }
        double lambda = initialShare;
        double[] g = new double[patterns.size()];
        int it = 0;
        boolean converged = false;
        while (it < maxIterations && !converged) {
            it++;
            double matches = 0;
            double total = 0;
            for (int p = 0; p < patterns.size(); p++) {
                byte[] v = patterns.get(p);
                double lm = Math.log(lambda);
                double lu = Math.log(1 - lambda);
                for (int c = 0; c < k; c++) {
                    if (v[c] >= 0) {
                        lm += Math.log(m[c][v[c]]);
                        lu += Math.log(u[c][v[c]]);
                    }
                }
                g[p] = 1 / (1 + Math.exp(lu - lm));
                matches += g[p] * count[p];
                total += count[p];
            }
            double change = 0;
            for (int c = 0; c < k; c++) {
                int levels = m[c].length;
                double[] sm = new double[levels];
                double[] su = new double[levels];
                double tm = 0;
                double tu = 0;
                for (int p = 0; p < patterns.size(); p++) {
                    int l = patterns.get(p)[c];
                    if (l >= 0) {
                        sm[l] += g[p] * count[p];
                        su[l] += (1 - g[p]) * count[p];
                        tm += g[p] * count[p];
                        tu += (1 - g[p]) * count[p];
                    }
                }
                for (int l = 0; l < levels; l++) {
                    double nm = tm == 0 ? m[c][l] : Math.max(sm[l] / tm, MatchWeights.FLOOR);
                    double nu = tu == 0 || fixedU != null ? u[c][l] : Math.max(su[l] / tu, MatchWeights.FLOOR);
                    change = Math.max(change, Math.max(Math.abs(nm - m[c][l]), Math.abs(nu - u[c][l])));
                    m[c][l] = nm;
                    u[c][l] = nu;
                }
            }
            double nl = Math.min(Math.max(matches / total, 1e-9), 1 - 1e-9);
            change = Math.max(change, Math.abs(nl - lambda));
            lambda = nl;
            converged = change < tolerance;
        }
        List<String> names = comparators.stream().map(FieldComparator::name).toList();
        return new Estimate(new MatchWeights(names, m, u, lambda), it, converged);
    }
}

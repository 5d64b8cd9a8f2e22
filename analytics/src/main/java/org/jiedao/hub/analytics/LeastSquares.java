package org.jiedao.hub.analytics;

import java.util.List;

/**
 * The slope of the ordinary least-squares line through equally spaced counts: for points {@code (x_i, y_i)} with
 * {@code x_i = i}, {@code slope = Σ (x_i - x̄)(y_i - ȳ) / Σ (x_i - x̄)²} (the usual estimator of simple linear
 * regression, minimising the sum of squared vertical distances).
 */
final class LeastSquares {
    private LeastSquares() {
    }

    /**
     * @param counts the counts in order (one per week)
     * @return the slope in counts per step, or null with fewer than two counts (no line is defined)
     */
    static Double slope(List<Long> counts) {
        int n = counts.size();
        if (n < 2) {
            return null;
        }
        double meanX = (n - 1) / 2.0;
        double meanY = counts.stream().mapToLong(Long::longValue).average().orElse(0);
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            num += (i - meanX) * (counts.get(i) - meanY);
            den += (i - meanX) * (i - meanX);
        }
        return num / den;
    }
}

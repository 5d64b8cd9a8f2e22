package org.jiedao.hub.analytics;

/**
 * The seasonal naïve forecast with a level correction, the crowd monitor's forecasting method (docs/analytics.md,
 * "Crowd density").
 *
 * <p>The seasonal naïve method (R. J. Hyndman and G. Athanasopoulos, <i>Forecasting: Principles and Practice</i>,
 * 3rd ed., 2021, section 5.2) forecasts each value as the value one season earlier: with season length {@code S}
 * buckets, {@code ŷ(t+h) = y(t+h−S)}. Crowds repeat daily (commuters, lunch, the evening market), so {@code S} is a
 * day. To follow a day that runs busier or quieter than the one before, the level correction adds the mean
 * difference between the last {@code k} buckets and the same buckets one season earlier:
 * <pre>
 *   ŷ(t+h) = max(0, y(t+h−S) + (1/k') Σ_{i=0..k−1} [y(t−i) − y(t−i−S)])
 * </pre>
 * where the sum runs over the {@code k'} pairs in which both values are known (no pair: no correction). A horizon
 * step whose seasonal value {@code y(t+h−S)} is unknown has no forecast ({@code NaN}). Unknown values are
 * {@code NaN} in the series.
 */
public final class SeasonalNaiveForecast {
    private SeasonalNaiveForecast() {
    }

    /**
     * @param history      the series up to and including the current bucket {@code t} (its last element), oldest
     *                     first, {@code NaN} where unknown
     * @param season       the season length {@code S} in buckets, at least 1
     * @param horizon      how many buckets ahead {@code H}, at least 1
     * @param levelBuckets the {@code k} of the level correction, at least 1
     * @return {@code H} forecasts, for {@code t+1 ... t+H}; {@code NaN} where the seasonal value is unknown
     * @throws IllegalArgumentException if season, horizon or levelBuckets is below 1
     */
    public static double[] forecast(double[] history, int season, int horizon, int levelBuckets) {
        if (season < 1 || horizon < 1 || levelBuckets < 1) {
            throw new IllegalArgumentException("season, horizon and levelBuckets must be at least 1");
        }
        int t = history.length - 1;
        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < levelBuckets; i++) {
            int now = t - i;
            int before = now - season;
            if (before >= 0 && !Double.isNaN(history[now]) && !Double.isNaN(history[before])) {
                sum += history[now] - history[before];
                pairs++;
            }
        }
        double level = pairs == 0 ? 0 : sum / pairs;
        double[] out = new double[horizon];
        for (int h = 1; h <= horizon; h++) {
            int seasonal = t + h - season;
            double base = seasonal >= 0 && seasonal <= t ? history[seasonal] : Double.NaN;
            out[h - 1] = Double.isNaN(base) ? Double.NaN : Math.max(0, base + level);
        }
        return out;
    }

    /**
     * @param forecasts forecasts as returned by {@link #forecast}
     * @return the largest known forecast, or {@code NaN} when none is known
     */
    public static double max(double[] forecasts) {
        double max = Double.NaN;
        for (double f : forecasts) {
            if (!Double.isNaN(f) && (Double.isNaN(max) || f > max)) {
                max = f;
            }
        }
        return max;
    }
}

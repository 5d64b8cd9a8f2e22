package org.jiedao.hub.analytics;

/**
 * A zone's alert state and the hysteresis rule that moves it, once per closed density bucket (docs/analytics.md,
 * "Crowd density").
 *
 * <ul>
 *   <li>{@code NORMAL} → {@code EXCEEDED} when the bucket's density reaches the zone's threshold: alert
 *       {@code CROWD_DENSITY_EXCEEDED}.</li>
 *   <li>{@code NORMAL} → {@code FORECAST} when the largest forecast within the horizon reaches the threshold: alert
 *       {@code CROWD_DENSITY_FORECAST}.</li>
 *   <li>{@code FORECAST} → {@code EXCEEDED} when the density reaches the threshold: alert
 *       {@code CROWD_DENSITY_EXCEEDED}.</li>
 *   <li>{@code EXCEEDED} or {@code FORECAST} → {@code NORMAL} only after {@code clearAfter} consecutive buckets
 *       whose density and largest forecast both lie below the zone's {@code clearBelow}: alert
 *       {@code CROWD_DENSITY_CLEARED}. A bucket at or above {@code clearBelow} restarts the count.</li>
 * </ul>
 * Between {@code clearBelow} and the threshold nothing changes, so a density wavering around the threshold raises
 * one alert, not one per bucket. A bucket with no count (no sensor reported) changes nothing.
 *
 * @param level the state
 * @param below consecutive buckets below {@code clearBelow} so far while raised
 */
public record CrowdState(Level level, int below) {
    /** The initial state. */
    public static final CrowdState NORMAL = new CrowdState(Level.NORMAL, 0);

    /** A zone's alert level. */
    public enum Level {
        /** nothing raised */
        NORMAL,
        /** forecast to exceed the threshold within the horizon */
        FORECAST,
        /** the threshold is exceeded */
        EXCEEDED
    }

    /** What one step did. */
    public record Step(CrowdState next, String alert) {
    }

    /**
     * @param density     the closed bucket's density, persons/m², or {@code NaN} when unknown
     * @param forecastMax the largest forecast density within the horizon, or {@code NaN} when none is known
     * @param zone        the zone (thresholds)
     * @param clearAfter  consecutive buckets below {@code clearBelow} that clear an alert
     * @return the next state and the kind of alert raised by the step, or a null alert
     */
    public Step step(double density, double forecastMax, CrowdZone zone, int clearAfter) {
        if (Double.isNaN(density)) {
            return new Step(this, null);
        }
        boolean over = density >= zone.threshold();
        boolean forecastOver = !Double.isNaN(forecastMax) && forecastMax >= zone.threshold();
        boolean calm = density < zone.clearBelow() && (Double.isNaN(forecastMax) || forecastMax < zone.clearBelow());
        switch (level) {
            case NORMAL:
                if (over) {
                    return new Step(new CrowdState(Level.EXCEEDED, 0), "CROWD_DENSITY_EXCEEDED");
                }
                return forecastOver ? new Step(new CrowdState(Level.FORECAST, 0), "CROWD_DENSITY_FORECAST") : new Step(this, null);
            case FORECAST:
                if (over) {
                    return new Step(new CrowdState(Level.EXCEEDED, 0), "CROWD_DENSITY_EXCEEDED");
                }
                return calmStep(calm, clearAfter);
            default:
                return over ? new Step(new CrowdState(Level.EXCEEDED, 0), null) : calmStep(calm, clearAfter);
        }
    }

    private Step calmStep(boolean calm, int clearAfter) {
        if (!calm) {
            return new Step(new CrowdState(level, 0), null);
        }
        int n = below + 1;
        return n >= clearAfter ? new Step(NORMAL, "CROWD_DENSITY_CLEARED") : new Step(new CrowdState(level, n), null);
    }
}

package org.jiedao.hub.analytics;

import java.time.Instant;

/**
 * An alert the crowd monitor raised for a zone (docs/analytics.md, "Crowd density").
 *
 * @param id          {@code <zone>|<bucket start>|<kind>}, unique
 * @param zone        the zone's code
 * @param zoneName    the zone's name
 * @param community   the zone's community code
 * @param kind        {@code CROWD_DENSITY_FORECAST}, {@code CROWD_DENSITY_EXCEEDED} or {@code CROWD_DENSITY_CLEARED}
 * @param bucket      the start of the bucket whose close raised it
 * @param density     that bucket's density, persons/m²
 * @param forecastMax the largest forecast density within the horizon at that bucket, persons/m², or {@code NaN}
 * @param threshold   the zone's threshold, persons/m²
 * @param clearBelow  the zone's clearing level, persons/m²
 * @param raisedAt    when the monitor raised it
 */
public record CrowdAlert(String id, String zone, String zoneName, String community, String kind, Instant bucket,
                         double density, double forecastMax, double threshold, double clearBelow, Instant raisedAt) {
    /** @return a one-line description for people, in Chinese and English */
    public String message() {
        String what = switch (kind) {
            case "CROWD_DENSITY_EXCEEDED" -> "客流密度超过阈值 / crowd density above threshold";
            case "CROWD_DENSITY_FORECAST" -> "预计30分钟内客流密度超过阈值 / crowd density forecast above threshold";
            default -> "客流密度恢复正常 / crowd density back to normal";
        };
        String forecast = Double.isNaN(forecastMax) ? "" : String.format(java.util.Locale.ROOT, ", forecast max %.2f", forecastMax);
        return String.format(java.util.Locale.ROOT, "%s %s: %s (%.2f persons/m² at %s%s; threshold %.2f)",
                zone, zoneName, what, density, bucket, forecast, threshold);
    }
}

package org.jiedao.hub.analytics;

import java.time.Instant;
import java.util.List;

/**
 * A zone's head count and density in one bucket (docs/analytics.md, "Crowd density").
 *
 * @param zone         the zone's code
 * @param start        the bucket's start (its end is {@code start + bucket})
 * @param people       the head count: the sum over the zone's sensors of each sensor's mean count in the bucket
 *                     (or its carried-forward count), or {@code NaN} when no sensor had a count
 * @param density      {@code people / areaSquareMetres}, persons/m², or {@code NaN}
 * @param observations the number of observations read in the bucket
 * @param carried      the sensors whose count was carried forward from an earlier bucket
 * @param missing      the sensors that had no count at all
 */
public record CrowdBucket(String zone, Instant start, double people, double density, int observations,
                          List<String> carried, List<String> missing) {
    /** Copies the lists. */
    public CrowdBucket {
        carried = List.copyOf(carried);
        missing = List.copyOf(missing);
    }

    /** @return whether the bucket has a count */
    public boolean known() {
        return !Double.isNaN(density);
    }
}

package org.jiedao.hub.analytics;

import java.util.List;
import java.util.Objects;

/**
 * A crowd monitoring zone (客流监测区域): a public place whose crowd counters together count the people in it, with
 * its walkable area and its density thresholds. Declared in {@code config/crowd.yaml} (docs/analytics.md, "Crowd
 * density").
 *
 * <p>Density is people per square metre. The defaults of the configuration follow Fruin's pedestrian levels of
 * service for queuing and waiting areas (J. J. Fruin, <i>Pedestrian Planning and Design</i>, 1971): above about
 * 2 persons/m² (level E) people touch involuntarily and cannot move freely; above about 3.5 (level F) the crowd is
 * dangerous.
 *
 * @param code              the zone's code, unique (e.g. {@code XCJ-Z01})
 * @param name              its name for people (e.g. 西单文化广场)
 * @param community         the 12-digit code of the community it lies in (a caseworker sees the zones of her
 *                          communities)
 * @param areaSquareMetres  the walkable area counted, in m², greater than 0
 * @param sensors           the device ids of the crowd counters whose counts add up to the zone's head count, at
 *                          least one
 * @param threshold         the density that raises an alert, persons/m², greater than 0
 * @param clearBelow        the density under which a raised alert clears (hysteresis), persons/m², greater than 0
 *                          and below {@code threshold}
 * @throws IllegalArgumentException if a value is missing or out of range; the message names the zone and the value
 */
public record CrowdZone(String code, String name, String community, double areaSquareMetres, List<String> sensors,
                        double threshold, double clearBelow) {
    /** Checks the values and copies the sensors. */
    public CrowdZone {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("a crowd zone needs a code");
        }
        Objects.requireNonNull(sensors, "sensors");
        if (sensors.isEmpty()) {
            throw new IllegalArgumentException("crowd zone " + code + ": needs at least one sensor");
        }
        sensors = List.copyOf(sensors);
        if (!(areaSquareMetres > 0)) {
            throw new IllegalArgumentException("crowd zone " + code + ": areaSquareMetres must be greater than 0, was " + areaSquareMetres);
        }
        if (!(threshold > 0)) {
            throw new IllegalArgumentException("crowd zone " + code + ": threshold must be greater than 0 persons/m², was " + threshold);
        }
        if (!(clearBelow > 0 && clearBelow < threshold)) {
            throw new IllegalArgumentException("crowd zone " + code + ": clearBelow must be greater than 0 and below the threshold "
                    + threshold + ", was " + clearBelow);
        }
    }

    /**
     * @param people a head count
     * @return the density of that many people in the zone, persons/m²
     */
    public double density(double people) {
        return people / areaSquareMetres;
    }
}

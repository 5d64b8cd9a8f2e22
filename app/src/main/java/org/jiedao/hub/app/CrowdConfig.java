package org.jiedao.hub.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.jiedao.hub.analytics.CrowdSettings;
import org.jiedao.hub.analytics.CrowdZone;
import org.jiedao.hub.loaders.source.Durations;

/**
 * The crowd-density monitoring of the running hub, from {@code config/crowd.yaml} (the file named by
 * {@code HUB_CROWD_CONFIG}, else the copy bundled in the jar). See the file for the meaning of each entry.
 *
 * @param settings      zones, buckets and alert rules
 * @param evaluateEvery how often the running hub closes buckets; zero turns the monitor off
 */
record CrowdConfig(CrowdSettings settings, Duration evaluateEvery) {
    static final String ENV = "HUB_CROWD_CONFIG";
    private static final String BUNDLED = "crowd.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** The file's shape (entries absent take the defaults of {@link CrowdSettings#defaults}). */
    record File(String bucket, String horizon, String season, Integer levelBuckets, Integer clearAfter, Integer carryForward,
                String grace, String evaluateEvery, List<Zone> zones) {
    }

    /** One zone entry. */
    record Zone(String code, String name, String community, double areaSquareMetres, List<String> sensors, double threshold,
                double clearBelow) {
    }

    /**
     * @param env the environment
     * @return the configuration of {@code HUB_CROWD_CONFIG}, else the bundled one
     * @throws IllegalArgumentException naming the file, and the line for a malformed or unknown entry, if the
     *                                  configuration is invalid or unreadable
     */
    static CrowdConfig load(Map<String, String> env) {
        String file = env.get(ENV);
        if (file == null || file.isBlank()) {
            try (InputStream in = CrowdConfig.class.getResourceAsStream(BUNDLED)) {
                return parse(in, "bundled " + BUNDLED);
            } catch (IOException e) {
                throw new IllegalStateException("bundled " + BUNDLED + ": " + e.getMessage(), e);
            }
        }
        Path path = Path.of(file).toAbsolutePath();
        try (InputStream in = Files.newInputStream(path)) {
            return parse(in, path.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException(ENV + "=" + file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * @param in   the YAML
     * @param name how to name the file in errors
     * @return the configuration
     * @throws IOException              if the stream cannot be read
     * @throws IllegalArgumentException naming the file (and line) if an entry is malformed, unknown or out of range
     */
    static CrowdConfig parse(InputStream in, String name) throws IOException {
        File f;
        try {
            f = YAML.readValue(in, File.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(name + ": " + e.getOriginalMessage() + " (line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")", e);
        }
        if (f == null) {
            throw new IllegalArgumentException(name + ": expected a YAML mapping");
        }
        try {
            CrowdSettings d = CrowdSettings.defaults(List.of());
            List<CrowdZone> zones = f.zones() == null ? List.of() : f.zones().stream().map(z -> new CrowdZone(z.code(), z.name(),
                    z.community(), z.areaSquareMetres(), z.sensors() == null ? List.of() : z.sensors(), z.threshold(), z.clearBelow())).toList();
            CrowdSettings settings = new CrowdSettings(
                    f.bucket() == null ? d.bucket() : Durations.parse(f.bucket()),
                    f.horizon() == null ? d.horizon() : Durations.parse(f.horizon()),
                    f.season() == null ? d.season() : Durations.parse(f.season()),
                    f.levelBuckets() == null ? d.levelBuckets() : f.levelBuckets(),
                    f.clearAfter() == null ? d.clearAfter() : f.clearAfter(),
                    f.carryForward() == null ? d.carryForward() : f.carryForward(),
                    f.grace() == null ? d.grace() : Durations.parse(f.grace()), zones);
            Duration every = f.evaluateEvery() == null ? Duration.ofMinutes(1) : Durations.parse(f.evaluateEvery());
            return new CrowdConfig(settings, every);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }
}

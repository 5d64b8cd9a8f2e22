package org.jiedao.hub.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.jiedao.hub.graph.entity.Survivorship;
import org.jiedao.hub.graph.entity.SurvivorshipRule;
import org.jiedao.hub.graph.resolution.MatchWeights;
import org.jiedao.hub.graph.resolution.WeightsJson;
import org.jiedao.hub.loaders.source.Durations;

/**
 * The entity-resolution settings of the running hub, from {@code config/resolution.yaml} (the file named by
 * {@code HUB_RESOLUTION_CONFIG}, else the copy bundled in the jar): configured weights, thresholds, guards, the
 * resolution interval and the survivorship rules. See the file for the meaning of each entry.
 *
 * @param weights               m/u per comparison level
 * @param linkThreshold         bits
 * @param reviewThreshold       bits
 * @param maxIdentitiesPerValue hub-value limit
 * @param maxClusterSize        records per entity above which no probabilistic link is added
 * @param maxCandidatesPerBlock candidates per blocking pass
 * @param interval              how often the running hub resolves provisional persons
 * @param survivorship          the survivorship rules
 */
record ResolutionConfig(MatchWeights weights, double linkThreshold, double reviewThreshold, int maxIdentitiesPerValue,
                        int maxClusterSize, int maxCandidatesPerBlock, Duration interval, Survivorship survivorship) {

    static final String ENV = "HUB_RESOLUTION_CONFIG";
    private static final String BUNDLED = "resolution.yaml";

    /**
     * @param env the environment
     * @return the configuration of {@code HUB_RESOLUTION_CONFIG}, else the bundled one
     * @throws IllegalArgumentException naming the file and entry if the configuration is invalid or unreadable
     */
    static ResolutionConfig load(Map<String, String> env) {
        String file = env.get(ENV);
        if (file == null || file.isBlank()) {
            try (InputStream in = ResolutionConfig.class.getResourceAsStream(BUNDLED)) {
                return parse(in, "bundled " + BUNDLED, null);
            } catch (IOException e) {
                throw new IllegalStateException("bundled " + BUNDLED + ": " + e.getMessage(), e);
            }
        }
        Path path = Path.of(file).toAbsolutePath();
        try (InputStream in = Files.newInputStream(path)) {
            return parse(in, path.toString(), path.getParent());
        } catch (IOException e) {
            throw new IllegalArgumentException(ENV + "=" + file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * @param in      the YAML
     * @param name    how to name the file in errors
     * @param baseDir where relative paths are resolved; null for the bundled copy (weights from the jar)
     * @return the configuration
     * @throws IllegalArgumentException naming the file and entry if an entry is invalid
     */
    static ResolutionConfig parse(InputStream in, String name, Path baseDir) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(name + ": expected a YAML mapping");
        }
        try {
            String weightsFile = text(root, "weights", "resolution/person-weights.json");
            MatchWeights weights;
            Path p = baseDir == null ? null : baseDir.resolve(weightsFile);
            if (p != null && Files.isRegularFile(p)) {
                try (InputStream w = Files.newInputStream(p)) {
                    weights = WeightsJson.fromJson(w);
                }
            } else {
                try (InputStream w = ResolutionConfig.class.getResourceAsStream("resolution/person-weights.json")) {
                    weights = WeightsJson.fromJson(w);
                }
            }
            JsonNode th = root.path("thresholds");
            double link = th.path("link").asDouble(0);
            double review = th.path("review").asDouble(-5);
            if (review > link) {
                throw new IllegalArgumentException("thresholds: review (" + review + ") must not be above link (" + link + ")");
            }
            JsonNode s = root.path("survivorship");
            List<SurvivorshipRule> defaults = rules(s.path("default"), "survivorship.default");
            Map<String, List<SurvivorshipRule>> per = new LinkedHashMap<>();
            s.path("properties").properties().forEach(e -> per.put(e.getKey(), rules(e.getValue(), "survivorship.properties." + e.getKey())));
            Map<String, String> follows = new LinkedHashMap<>();
            s.path("follows").properties().forEach(e -> follows.put(e.getKey(), e.getValue().asText()));
            List<String> priority = new ArrayList<>();
            s.path("sourcePriority").forEach(n -> priority.add(n.asText()));
            return new ResolutionConfig(weights, link, review, positive(root, "maxIdentitiesPerValue", 8),
                    positive(root, "maxClusterSize", 50), positive(root, "maxCandidatesPerBlock", 200),
                    Durations.parse(text(root, "interval", "5s")),
                    new Survivorship(priority, defaults.isEmpty() ? Survivorship.standard().defaults() : defaults, per, follows));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    private static List<SurvivorshipRule> rules(JsonNode n, String where) {
        List<SurvivorshipRule> out = new ArrayList<>();
        if (n.isMissingNode() || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            throw new IllegalArgumentException(where + ": expected a list of rules");
        }
        n.forEach(r -> out.add(SurvivorshipRule.of(r.asText())));
        return out;
    }

    private static String text(JsonNode root, String field, String dflt) {
        JsonNode n = root.get(field);
        return n == null || n.isNull() ? dflt : n.asText();
    }

    private static int positive(JsonNode root, String field, int dflt) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.canConvertToInt() || n.asInt() < 1) {
            throw new IllegalArgumentException(field + ": expected a whole number of at least 1, got " + n);
        }
        return n.asInt();
    }
}

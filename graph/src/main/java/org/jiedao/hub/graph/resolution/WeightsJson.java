package org.jiedao.hub.graph.resolution;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link MatchWeights} as a JSON document (RFC 8259), so that weights estimated once (by {@code hub bench resolution
 * --save-weights}) can be configured with {@link ResolutionSettings.Builder#weights(MatchWeights)} instead of being
 * estimated by EM on every run. The document is one object:
 *
 * <pre>{@code
 * {
 *   "comparisons": ["name", "birthDate", ...],          // the comparators' names, in the settings' order
 *   "m": [[0.91, 0.05, 0.04], ...],                      // per comparison, per level: P(level | match)
 *   "u": [[0.0001, 0.002, 0.9979], ...],                 // per comparison, per level: P(level | non-match)
 *   "matchShare": 0.52,                                  // λ, share of matches among candidate pairs, in (0, 1)
 *   "estimatedBy": "EM on the candidate pairs ...",      // free text: how the weights were obtained (optional)
 *   "population": 20000,                                 // records or residents they were estimated on (optional)
 *   "seed": 20261129                                     // seed of the generated population (optional)
 * }
 * }</pre>
 *
 * Levels are in the order of {@link FieldComparator#levels()}. Reading applies {@link MatchWeights}' own checks: one
 * row of m and u per comparison, non-negative probabilities (each row is renormalised to sum 1, floored at
 * {@link MatchWeights#FLOOR}), λ in (0, 1). Unknown top-level fields are ignored.
 */
public final class WeightsJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    /**
     * A weights document: the weights and where they come from.
     *
     * @param weights     the m/u probabilities and λ
     * @param estimatedBy how they were obtained, e.g. {@code "EM on the candidate pairs of hub bench resolution"}, or
     *                    null
     * @param population  the size of the population they were estimated on (residents generated), or null
     * @param seed        the seed of that population, or null
     */
    public record Document(MatchWeights weights, String estimatedBy, Long population, Long seed) {
        /**
         * @throws NullPointerException if {@code weights} is null
         */
        public Document {
            java.util.Objects.requireNonNull(weights, "weights");
        }
    }

    private WeightsJson() {
    }

    /**
     * Reads the weights of a document, ignoring its provenance fields.
     *
     * @param in a UTF-8 JSON document of the shape above; not closed
     * @return the weights
     * @throws IOException if the stream cannot be read, is not JSON, or does not have the shape above (the message
     *                     names the field at fault)
     */
    public static MatchWeights fromJson(InputStream in) throws IOException {
        return read(in).weights();
    }

    /**
     * Reads a weights document.
     *
     * @param in a UTF-8 JSON document of the shape above; not closed
     * @return the document
     * @throws IOException if the stream cannot be read, is not JSON, or does not have the shape above (the message
     *                     names the field at fault)
     */
    public static Document read(InputStream in) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            throw new IOException("match weights: not a JSON document: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException("match weights: expected a JSON object with comparisons, m, u and matchShare");
        }
        JsonNode comparisons = root.get("comparisons");
        if (comparisons == null || !comparisons.isArray()) {
            throw new IOException("match weights: \"comparisons\" must be an array of names");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode n : comparisons) {
            if (!n.isTextual()) {
                throw new IOException("match weights: \"comparisons\" must hold strings, found " + n);
            }
            names.add(n.asText());
        }
        double[][] m = matrix(root, "m");
        double[][] u = matrix(root, "u");
        JsonNode share = root.get("matchShare");
        if (share == null || !share.isNumber()) {
            throw new IOException("match weights: \"matchShare\" must be a number in (0, 1)");
        }
        MatchWeights w;
        try {
            w = new MatchWeights(names, m, u, share.doubleValue());
        } catch (IllegalArgumentException e) {
            throw new IOException("match weights: " + e.getMessage(), e);
        }
        JsonNode by = root.get("estimatedBy");
        return new Document(w, by == null || by.isNull() ? null : by.asText(), integer(root, "population"),
                integer(root, "seed"));
    }

    /**
     * Reads a weights document from a file.
     *
     * @param file a UTF-8 JSON file
     * @return the document
     * @throws IOException if the file cannot be read or is not a weights document
     */
    public static Document read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a weights document (indented UTF-8 JSON; doubles in their shortest exact form). Reading it back gives
     * the same probabilities, except that {@link MatchWeights} applies its floor and renormalises again, which moves a
     * row holding a level at the floor by about 1e-9.
     *
     * @param doc the document
     * @param out where to write; flushed, not closed
     * @throws IOException if writing fails
     */
    public static void write(Document doc, OutputStream out) throws IOException {
        MatchWeights w = doc.weights();
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode names = root.putArray("comparisons");
        w.comparisons().forEach(names::add);
        putMatrix(root, "m", w.m());
        putMatrix(root, "u", w.u());
        root.put("matchShare", w.matchShare());
        if (doc.estimatedBy() != null) {
            root.put("estimatedBy", doc.estimatedBy());
        }
        if (doc.population() != null) {
            root.put("population", doc.population());
        }
        if (doc.seed() != null) {
            root.put("seed", doc.seed());
        }
        MAPPER.writeValue(out, root);
        out.write('\n');
        out.flush();
    }

    /**
     * Writes a weights document to a file, all or nothing: to a temporary file beside it, then moved over it.
     *
     * @param doc  the document
     * @param file the target; its parent folders are created
     * @throws IOException if writing fails (the target is then unchanged)
     */
    public static void write(Document doc, Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = Files.createTempFile(abs.getParent(), abs.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                write(doc, out);
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static double[][] matrix(JsonNode root, String field) throws IOException {
        JsonNode rows = root.get(field);
        if (rows == null || !rows.isArray()) {
            throw new IOException("match weights: \"" + field + "\" must be an array of rows of probabilities");
        }
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            if (!row.isArray() || row.isEmpty()) {
                throw new IOException("match weights: \"" + field + "\" row " + i + " must be a non-empty array of numbers");
            }
            out[i] = new double[row.size()];
            for (int l = 0; l < row.size(); l++) {
                if (!row.get(l).isNumber()) {
                    throw new IOException("match weights: \"" + field + "\" row " + i + " holds a non-number: " + row.get(l));
                }
                out[i][l] = row.get(l).doubleValue();
            }
        }
        return out;
    }

    private static Long integer(JsonNode root, String field) throws IOException {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.canConvertToLong() || !n.isIntegralNumber()) {
            throw new IOException("match weights: \"" + field + "\" must be an integer, found " + n);
        }
        return n.longValue();
    }

    private static void putMatrix(ObjectNode root, String field, double[][] p) {
        ArrayNode rows = root.putArray(field);
        for (double[] row : p) {
            ArrayNode r = rows.addArray();
            for (double v : row) {
                r.add(v);
            }
        }
    }
}

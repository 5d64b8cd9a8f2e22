package org.jiedao.hub.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The expected outcome of loading each generated record: {@code ground_truth.csv}. */
final class GroundTruth {

    static final String HEADER = "source,record_key,expected,person_id_number,reason";

    record Row(String source, String recordKey, boolean quarantined, String personId, String reason) {
    }

    private final List<Row> rows = new ArrayList<>();

    /** The reason given to a written record whose person has no ID number in it: entity resolution must find them. */
    static final String RESOLVED_WITHOUT_ID = "no ID number: resolved by entity resolution";

    void written(String source, String key, String personId) {
        written(source, key, personId, "");
    }

    void written(String source, String key, String personId, String reason) {
        rows.add(new Row(source, key, false, personId, reason));
    }

    void quarantined(String source, String key, String personId, String reason) {
        rows.add(new Row(source, key, true, personId, reason));
    }

    /** The canonical ID numbers of the persons whose records of {@code source} are to be quarantined. */
    java.util.Set<String> quarantinedPersons(String source) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        rows.stream().filter(r -> r.quarantined() && r.source().equals(source)).forEach(r -> ids.add(r.personId()));
        return ids;
    }

    /** The record keys of {@code source} that a loader must write. */
    java.util.Set<String> writtenKeys(String source) {
        java.util.Set<String> keys = new java.util.HashSet<>();
        rows.stream().filter(r -> !r.quarantined() && r.source().equals(source)).forEach(r -> keys.add(r.recordKey()));
        return keys;
    }

    void write(Path file) throws IOException {
        StringBuilder b = new StringBuilder(rows.size() * 64);
        b.append(HEADER).append('\n');
        for (Row r : rows) {
            b.append(r.source()).append(',').append(Csv.field(r.recordKey())).append(',')
                    .append(r.quarantined() ? "quarantined" : "written").append(',')
                    .append(r.personId()).append(',').append(Csv.field(r.reason())).append('\n');
        }
        Files.createDirectories(file.getParent());
        Files.write(file, b.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Minimal RFC 4180 quoting. */
    static final class Csv {
        private Csv() {
        }

        static String field(String s) {
            if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
                return s;
            }
            return '"' + s.replace("\"", "\"\"") + '"';
        }
    }
}

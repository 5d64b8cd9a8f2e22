package org.jiedao.hub.loaders.read;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV with a header row (RFC 4180 as Excel writes it, read with Apache Commons CSV). Values are trimmed; a row
 * whose column count differs from the header's comes back broken. Locations are physical line numbers, the
 * header being line 1: the line where the record starts, counting blank lines and line breaks inside quoted
 * values. A row with broken quoting does not cost the rest of the file: the file is then read line by line and
 * only the broken rows come back broken.
 */
public final class CsvRecordReader implements RecordReader {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setTrim(true).get();

    @Override
    public List<RawRecord> read(String fileName, byte[] content, String encoding) throws UnreadableSourceException {
        String text = RecordReader.decode(fileName, content, encoding);
        List<RawRecord> out = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), FORMAT)) {
            List<String> header = parser.getHeaderNames();
            if (header.isEmpty()) {
                throw new UnreadableSourceException(fileName + ": no header row");
            }
            int[] lineStarts = lineStarts(text);
            try {
                for (CSVRecord r : parser) {
                    String location = fileName + " line " + lineOf(text, lineStarts, r.getCharacterPosition());
                    out.add(record(location, header, r));
                }
            } catch (UncheckedIOException | IllegalStateException e) {
                // a broken quote somewhere: read line by line so that only the broken lines are lost to quarantine
                return lineByLine(fileName, text, header, e);
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw new UnreadableSourceException(fileName + ": not readable as CSV: " + e.getMessage(), e);
        }
        return out;
    }

    private static RawRecord record(String location, List<String> header, CSVRecord r) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < r.size() && i < header.size(); i++) {
            values.put(header.get(i), r.get(i));
        }
        return r.size() == header.size() ? RawRecord.of(location, values)
                : RawRecord.broken(location, values, "expected " + header.size() + " columns as in the header, found " + r.size());
    }

    /**
     * The fallback for a file whose quoting is broken: every physical line after the header is parsed on its own.
     * A line that still does not parse comes back broken with its text, so nothing is lost; a quoted value that
     * legitimately spans lines is broken too in this mode (and quarantined, not dropped).
     */
    private static List<RawRecord> lineByLine(String fileName, String text, List<String> header, RuntimeException cause) {
        String[] lines = text.split("\\r\\n|\\n|\\r", -1);
        List<RawRecord> out = new ArrayList<>();
        CSVFormat single = CSVFormat.DEFAULT.builder().setTrim(true).get();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String location = fileName + " line " + (i + 1);
            try (CSVParser one = CSVParser.parse(lines[i], single)) {
                List<CSVRecord> records = one.getRecords();
                out.add(records.size() == 1 ? record(location, header, records.getFirst())
                        : RawRecord.broken(location, Map.of("line", lines[i]), "not one CSV row"));
            } catch (IOException | UncheckedIOException | IllegalStateException e) {
                String why = e.getMessage() == null ? cause.toString() : e.getMessage();
                out.add(RawRecord.broken(location, Map.of("line", lines[i]), "unbalanced quotes in this row: " + why));
            }
        }
        return out;
    }

    /** Offsets at which physical lines start; a line ends at CR LF, LF or CR, as Commons CSV counts them. */
    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n')) {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The 1-based line of the record at {@code position}. Commons CSV gives the position before the empty lines it
     * skipped, so those are skipped here too.
     */
    private static long lineOf(String text, int[] lineStarts, long position) {
        int p = (int) position;
        while (p < text.length() && (text.charAt(p) == '\n' || text.charAt(p) == '\r')) {
            p++;
        }
        int i = java.util.Arrays.binarySearch(lineStarts, p);
        return i >= 0 ? i + 1 : -i - 1;
    }
}

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
 * header being line 1.
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
            for (CSVRecord r : parser) {
                String location = fileName + " line " + parser.getCurrentLineNumber();
                Map<String, Object> values = new LinkedHashMap<>();
                for (int i = 0; i < r.size() && i < header.size(); i++) {
                    values.put(header.get(i), r.get(i));
                }
                out.add(r.size() == header.size() ? RawRecord.of(location, values)
                        : RawRecord.broken(location, values, "expected " + header.size() + " columns as in the header, found " + r.size()));
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw new UnreadableSourceException(fileName + ": not readable as CSV: " + e.getMessage(), e);
        }
        return out;
    }
}

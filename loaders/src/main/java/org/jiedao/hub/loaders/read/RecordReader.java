package org.jiedao.hub.loaders.read;

import java.util.List;

/**
 * Reads all records of one file. Reading completes before anything is written, so a file that turns out to be
 * unreadable half-way leaves nothing half-written (DESIGN.md, decision 6).
 */
public interface RecordReader {
    /**
     * @param fileName name used in record locations
     * @param content  the file's bytes
     * @param encoding {@code auto} (BOM, strict UTF-8, else GB18030) or a charset name
     * @return the records in file order; records that could not be parsed come back broken, with their reason
     * @throws UnreadableSourceException if the file as a whole cannot be read
     */
    List<RawRecord> read(String fileName, byte[] content, String encoding) throws UnreadableSourceException;

    /**
     * @param format {@code csv} or {@code json}
     * @return the reader for that format
     * @throws IllegalArgumentException for another format
     */
    static RecordReader forFormat(String format) {
        return switch (format) {
            case "csv" -> new CsvRecordReader();
            case "json" -> new JsonRecordReader();
            default -> throw new IllegalArgumentException("no reader for format " + format);
        };
    }

    /** Decodes text as the definition asks: strict, never with replacement characters. */
    static String decode(String fileName, byte[] content, String encoding) throws UnreadableSourceException {
        try {
            if ("auto".equals(encoding)) {
                return CharsetDetector.decode(content).text();
            }
            return java.nio.charset.Charset.forName(encoding).newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(content)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new UnreadableSourceException(fileName + ": rejected whole, it is not valid " + encoding + " text: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new UnreadableSourceException(fileName + ": rejected whole: " + e.getMessage(), e);
        }
    }
}

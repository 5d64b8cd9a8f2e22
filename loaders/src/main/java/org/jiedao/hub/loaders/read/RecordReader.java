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
     * @param format {@code csv}, {@code json}, {@code xlsx} (first sheet) or {@code xml} (needs a record element:
     *               use {@link #forFormat(String, ReaderOptions)})
     * @return the reader for that format
     * @throws IllegalArgumentException for another format, or xml without a record element
     */
    static RecordReader forFormat(String format) {
        return forFormat(format, ReaderOptions.NONE);
    }

    /**
     * @param format  {@code csv}, {@code json}, {@code xlsx} or {@code xml}
     * @param options the sheet ({@code xlsx}), the record element ({@code xml}) and the columns the source reads
     * @return the reader for that format
     * @throws IllegalArgumentException for another format, or xml without a record element
     */
    static RecordReader forFormat(String format, ReaderOptions options) {
        return switch (format) {
            case "csv" -> new CsvRecordReader();
            case "json" -> new JsonRecordReader();
            case "xlsx" -> new ExcelRecordReader(options.sheet(), options.columns());
            case "xml" -> new XmlRecordReader(options.recordElement());
            default -> throw new IllegalArgumentException("no reader for format " + format);
        };
    }

    /**
     * Decodes text as the definition asks: strict, never with replacement characters; a byte-order mark is
     * removed (also for a declared charset, as Excel writes one before UTF-8).
     *
     * @param fileName name used in the message
     * @param content  the file's bytes
     * @param encoding {@code auto} (see {@link CharsetDetector#decode(byte[])}) or a charset name
     * @return the text
     * @throws UnreadableSourceException naming the file, if the bytes are not valid text in that encoding or the
     *                                   charset is unknown
     */
    static String decode(String fileName, byte[] content, String encoding) throws UnreadableSourceException {
        try {
            if ("auto".equals(encoding)) {
                return CharsetDetector.decode(content).text();
            }
            return CharsetDetector.decode(content, java.nio.charset.Charset.forName(encoding)).text();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new UnreadableSourceException(fileName + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new UnreadableSourceException(fileName + ": rejected whole: encoding '" + encoding
                    + "' is not a known charset", e);
        }
    }
}

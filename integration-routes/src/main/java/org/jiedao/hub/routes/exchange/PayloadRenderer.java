package org.jiedao.hub.routes.exchange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Renders an {@link Extract} as the bytes a partner receives.
 * <ul>
 *   <li>{@code json}: UTF-8, one object {@code {"agreement": id, "entity": label, "fields": [...], "records":
 *       [{field: value, ...}, ...]}}, fields in the agreement's order, absent values as null;</li>
 *   <li>{@code csv}: RFC 4180 (Commons CSV, CRLF), a header row of the field names, then one row per entity; lists
 *       joined with {@code ;}, absent values empty. Encoding {@code utf-8-bom} (UTF-8 with a byte-order mark, which
 *       Excel needs to read Chinese) or {@code gb18030}.</li>
 *   <li>{@code rdf}: Turtle, UTF-8 ({@link RdfPayload}).</li>
 * </ul>
 * The same extract always renders to the same bytes.
 */
public final class PayloadRenderer {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private PayloadRenderer() {
    }

    /**
     * @param agreement the agreement (format, encoding, id, entity)
     * @param extract   what it carries
     * @return the payload bytes
     */
    public static byte[] render(AgreementDefinition agreement, Extract extract) {
        return switch (agreement.format()) {
            case "csv" -> csv(extract, agreement.effectiveEncoding());
            case "rdf" -> RdfPayload.render(agreement, extract);
            default -> json(agreement, extract);
        };
    }

    /**
     * @param agreement the agreement
     * @return the payload file extension, {@code json}, {@code csv} or {@code ttl} (format rdf)
     */
    public static String extension(AgreementDefinition agreement) {
        return "rdf".equals(agreement.format()) ? "ttl" : agreement.format();
    }

    /**
     * @param agreement the agreement
     * @return the MIME type of its payloads, e.g. {@code text/csv; charset=GB18030}
     */
    public static String contentType(AgreementDefinition agreement) {
        return switch (agreement.format()) {
            case "csv" -> "text/csv; charset=" + ("gb18030".equals(agreement.effectiveEncoding()) ? "GB18030" : "UTF-8");
            case "rdf" -> RdfPayload.CONTENT_TYPE;
            default -> "application/json";
        };
    }

    private static byte[] json(AgreementDefinition agreement, Extract extract) {
        Map<String, Object> doc = new java.util.LinkedHashMap<>();
        doc.put("agreement", agreement.id());
        doc.put("entity", agreement.entity());
        doc.put("fields", extract.fields());
        doc.put("records", extract.rows());
        try {
            return JSON.writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] csv(Extract extract, String encoding) {
        boolean bom = "utf-8-bom".equals(encoding);
        Charset charset = bom ? StandardCharsets.UTF_8 : Charset.forName("GB18030");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (bom) {
            out.writeBytes(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        try (Writer w = new OutputStreamWriter(out, charset.newEncoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT));
             CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(extract.fields().toArray(String[]::new)).get())) {
            for (Map<String, Object> row : extract.rows()) {
                List<String> cells = new ArrayList<>();
                for (String f : extract.fields()) {
                    cells.add(cell(row.get(f)));
                }
                p.printRecord(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render CSV in " + charset + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static String cell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof List<?> list) {
            return String.join(";", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(v);
    }
}

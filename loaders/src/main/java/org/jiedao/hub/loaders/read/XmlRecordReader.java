package org.jiedao.hub.loaders.read;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * XML records (XML 1.0, read with the JDK's StAX parser): one record per element named {@code recordElement}
 * (local name, any namespace), wherever it is in the document. Located as {@code <file> line <n>}, the line of the
 * record's start tag.
 *
 * <p>The record element's attributes and child elements become values: {@code <person id="7"><name>张三</name>
 * <address><road>西长安街</road></address></person>} gives {@code id}, {@code name} and {@code address.road}, the
 * dotted paths of the JSON reader; a child's attributes are dotted too ({@code name.lang}). Text is trimmed; an
 * empty element is {@code null}. A path that occurs more than once in a record (two {@code <phone>} elements) gets
 * all its values, as a JSON array text like the JSON reader's arrays.
 *
 * <p>Secure parsing (OWASP XML External Entity Prevention): DTDs and external entities are not supported, and a
 * document with a {@code <!DOCTYPE>} is rejected whole, so no entity can read a local file or a URL, or expand
 * exponentially. A document that is not well-formed is rejected whole with the line number of the error, since
 * records after the error cannot be told apart from damage.
 *
 * <p>Encoding: with {@code auto}, a byte-order mark or an {@code encoding} declaration in the XML prolog decides
 * (XML 1.0, appendix F); without either, the text is decoded strictly as UTF-8, else GB18030, like the other
 * formats. A named charset is used as given.
 */
public final class XmlRecordReader implements RecordReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DECLARED = Pattern.compile("^\\s*<\\?xml[^>]*encoding\\s*=", Pattern.DOTALL);
    private final String recordElement;

    /**
     * @param recordElement local name of the element of one record
     * @throws IllegalArgumentException if it is null or blank
     */
    public XmlRecordReader(String recordElement) {
        if (recordElement == null || recordElement.isBlank()) {
            throw new IllegalArgumentException("format xml needs file.recordElement (the element name of one record)");
        }
        this.recordElement = recordElement;
    }

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    @Override
    public List<RawRecord> read(String fileName, byte[] content, String encoding) throws UnreadableSourceException {
        XMLStreamReader xml = null;
        try {
            xml = openedBySelf(content, encoding)
                    ? factory().createXMLStreamReader(new ByteArrayInputStream(content))
                    : factory().createXMLStreamReader(new StringReader(RecordReader.decode(fileName, content, encoding)));
            return records(fileName, xml);
        } catch (XMLStreamException e) {
            String line = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNumber();
            String message = e.getMessage() == null ? e.toString() : e.getMessage().replaceFirst("(?s)^ParseError at \\[row,col]:\\[\\d+,\\d+]\\s*Message:\\s*", "");
            throw new UnreadableSourceException(fileName + ": rejected whole, XML not well-formed" + line + ": " + message, e);
        } finally {
            if (xml != null) {
                try {
                    xml.close();
                } catch (XMLStreamException ignored) {
                    // nothing held but memory
                }
            }
        }
    }

    /** Whether the document declares its own encoding (BOM or prolog), so the parser should decode it. */
    private static boolean openedBySelf(byte[] content, String encoding) {
        if (!"auto".equals(encoding)) {
            return false;
        }
        if (content.length >= 2 && ((content[0] == (byte) 0xFE && content[1] == (byte) 0xFF)
                || (content[0] == (byte) 0xFF && content[1] == (byte) 0xFE))) {
            return true;
        }
        if (content.length >= 3 && content[0] == (byte) 0xEF && content[1] == (byte) 0xBB && content[2] == (byte) 0xBF) {
            return true;
        }
        String prolog = new String(content, 0, Math.min(content.length, 200), StandardCharsets.ISO_8859_1);
        return DECLARED.matcher(prolog).find();
    }

    private List<RawRecord> records(String fileName, XMLStreamReader xml) throws XMLStreamException, UnreadableSourceException {
        List<RawRecord> out = new ArrayList<>();
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.DTD) {
                throw new UnreadableSourceException(fileName + ": rejected whole: a <!DOCTYPE> declaration is not"
                        + " accepted (DTDs and entities could read local files: XXE), at line " + xml.getLocation().getLineNumber());
            }
            if (event == XMLStreamConstants.START_ELEMENT && recordElement.equals(xml.getLocalName())) {
                out.add(record(fileName + " line " + xml.getLocation().getLineNumber(), xml));
            }
        }
        return out;
    }

    /** Reads one record element, the reader being on its start tag; returns with the reader on its end tag. */
    private static RawRecord record(String location, XMLStreamReader xml) throws XMLStreamException, UnreadableSourceException {
        Map<String, List<String>> values = new LinkedHashMap<>();
        Deque<String> path = new ArrayDeque<>();
        Deque<StringBuilder> text = new ArrayDeque<>();
        Deque<Boolean> hasChildren = new ArrayDeque<>();
        attributes(xml, "", values);
        path.push("");
        text.push(new StringBuilder());
        hasChildren.push(false);
        while (!path.isEmpty()) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    hasChildren.pop();
                    hasChildren.push(true);
                    String parent = path.peek();
                    String p = parent.isEmpty() ? xml.getLocalName() : parent + "." + xml.getLocalName();
                    attributes(xml, p + ".", values);
                    path.push(p);
                    text.push(new StringBuilder());
                    hasChildren.push(xml.getAttributeCount() > 0);
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        text.peek().append(xml.getText());
                case XMLStreamConstants.ENTITY_REFERENCE -> throw new UnreadableSourceException(location
                        + ": rejected whole: entity reference &" + xml.getLocalName() + "; is not accepted");
                case XMLStreamConstants.END_ELEMENT -> {
                    String p = path.pop();
                    String t = text.pop().toString().strip();
                    boolean children = hasChildren.pop();
                    if (!t.isEmpty()) {
                        values.computeIfAbsent(p.isEmpty() ? "value" : p, k -> new ArrayList<>()).add(t);
                    } else if (!children && !p.isEmpty()) {
                        values.computeIfAbsent(p, k -> new ArrayList<>()).add(null);
                    }
                }
                default -> {
                    // comments and processing instructions carry no values
                }
            }
        }
        Map<String, Object> flat = new LinkedHashMap<>();
        values.forEach((k, v) -> flat.put(k, v.size() == 1 ? v.getFirst() : json(v)));
        return RawRecord.of(location, flat);
    }

    private static void attributes(XMLStreamReader xml, String prefix, Map<String, List<String>> values) {
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            String v = xml.getAttributeValue(i).strip();
            values.computeIfAbsent(prefix + xml.getAttributeLocalName(i), k -> new ArrayList<>()).add(v.isEmpty() ? null : v);
        }
    }

    private static String json(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a list of strings always serialises
        }
    }
}

package org.jiedao.hub.loaders.read;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * JSON records (RFC 8259, read with Jackson): either one array of objects ({@code cases.json [41]} locates the
 * 42nd element) or JSON Lines, one object per line ({@code events.jsonl line 7}). Nested objects are flattened
 * to dotted paths ({@code caller.idNumber}). A broken array rejects the file whole; a broken JSON line comes back
 * as a broken record and the other lines go on. Text after the array, or after the object on a JSON line, is an
 * error too (it would otherwise be dropped silently). Line numbers count every physical line, blank ones too.
 */
public final class JsonRecordReader implements RecordReader {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    @Override
    public List<RawRecord> read(String fileName, byte[] content, String encoding) throws UnreadableSourceException {
        String text = RecordReader.decode(fileName, content, encoding);
        List<RawRecord> out = new ArrayList<>();
        if (text.strip().startsWith("[")) {
            JsonNode array;
            try {
                array = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
                throw new UnreadableSourceException(fileName + ": rejected whole, broken JSON" + where + ": "
                        + e.getOriginalMessage(), e);
            }
            for (int i = 0; i < array.size(); i++) {
                out.add(record(fileName + " [" + i + "]", array.get(i)));
            }
            return out;
        }
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String location = fileName + " line " + (i + 1);
            try {
                out.add(record(location, JSON.readTree(lines[i])));
            } catch (IOException e) {
                out.add(RawRecord.broken(location, Map.of("line", lines[i]), "broken JSON line: " + e.getMessage().lines().findFirst().orElse("")));
            }
        }
        return out;
    }

    /**
     * One JSON document that is one record, such as a message of an event feed (AMQP, MQTT).
     *
     * @param location where the document came from, e.g. {@code queue patrol message 17}
     * @param json     the document's text (RFC 8259)
     * @return the record with nested objects flattened to dotted paths; a broken record (kept as text under
     *         {@code message}) if the text is not JSON or not one object
     */
    public static RawRecord ofDocument(String location, String json) {
        try {
            return record(location, JSON.readTree(json));
        } catch (IOException e) {
            return RawRecord.broken(location, Map.of("message", json), "broken JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /**
     * One JSON object that is one record, such as an element of a REST response's item array.
     *
     * @param location where the object came from, e.g. {@code http://host/api page 2 item 7}
     * @param node     the object
     * @return the record with nested objects flattened to dotted paths; a broken record if the node is not an object
     */
    public static RawRecord ofNode(String location, JsonNode node) {
        return record(location, node);
    }

    private static RawRecord record(String location, JsonNode node) {
        if (!node.isObject()) {
            return RawRecord.broken(location, Map.of("value", node.toString()), "expected a JSON object, found " + node.getNodeType());
        }
        Map<String, Object> values = new LinkedHashMap<>();
        flatten("", node, values);
        return RawRecord.of(location, values);
    }

    private static void flatten(String prefix, JsonNode node, Map<String, Object> into) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = prefix + e.getKey();
            JsonNode v = e.getValue();
            if (v.isObject()) {
                flatten(path + ".", v, into);
            } else if (v.isNull()) {
                into.put(path, null);
            } else if (v.isValueNode()) {
                into.put(path, v.asText());
            } else {
                into.put(path, v.toString());
            }
        }
    }
}

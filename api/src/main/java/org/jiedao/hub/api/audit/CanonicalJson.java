package org.jiedao.hub.api.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The canonical JSON of an audit record, the bytes its HMAC covers: UTF-8, no white space, object members sorted by
 * name (UTF-16 code units, as RFC 8785 sorts them), strings escaped by Jackson (quote, backslash and control
 * characters only), integers in plain decimal. Records hold only objects, arrays, strings, integers, booleans and
 * null, so the form is stable across parsing and re-writing: a verifier that parses a line and writes it again
 * here gets the bytes the writer hashed.
 */
public final class CanonicalJson {
    private static final JsonFactory FACTORY = new JsonFactory();
    /** The mapper lines are parsed with (integers as long, objects as maps). */
    static final ObjectMapper MAPPER = new ObjectMapper();

    private CanonicalJson() {
    }

    /**
     * @param value a map, list, string, integer, boolean or null, nested freely
     * @return its canonical JSON in UTF-8
     * @throws IllegalArgumentException for a value of another type (e.g. a floating-point number)
     */
    public static byte[] bytes(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, Object value) throws IOException {
        switch (value) {
            case null -> g.writeNull();
            case String s -> g.writeString(s);
            case Boolean b -> g.writeBoolean(b);
            case Integer i -> g.writeNumber(i.longValue());
            case Long l -> g.writeNumber(l);
            case Short s -> g.writeNumber(s.longValue());
            case java.math.BigInteger b -> g.writeNumber(b);
            case Map<?, ?> m -> {
                TreeMap<String, Object> sorted = new TreeMap<>();
                m.forEach((k, v) -> sorted.put(String.valueOf(k), v));
                g.writeStartObject();
                for (Map.Entry<String, Object> e : sorted.entrySet()) {
                    g.writeFieldName(e.getKey());
                    write(g, e.getValue());
                }
                g.writeEndObject();
            }
            case Collection<?> c -> {
                g.writeStartArray();
                for (Object o : c) {
                    write(g, o);
                }
                g.writeEndArray();
            }
            case Number n -> {
                double d = n.doubleValue();
                if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 9.007199254740992E15) {
                    g.writeNumber((long) d);
                } else {
                    g.writeString(n.toString()); // fractions are kept as text: their JSON form is not canonical
                }
            }
            default -> throw new IllegalArgumentException("an audit record holds no " + value.getClass().getSimpleName());
        }
    }
}

package org.jiedao.hub.loaders.source;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import org.jiedao.hub.loaders.source.SourceDefinition.FileOptions;
import org.jiedao.hub.loaders.source.SourceDefinition.JdbcOptions;
import org.jiedao.hub.loaders.source.SourceDefinition.SourceKind;

/**
 * Reads source definitions: every {@code *.yaml}/{@code *.yml} file of a directory, one source per file.
 * Structural problems (YAML syntax, unknown keys, a key given twice, a missing connection, an unusable poll
 * delay) fail with the file, line and problem; the mapping onto the ontology is checked by
 * {@code SourceMapping.compile}.
 */
public final class SourceDefinitions {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION) // a key given twice is an error, not last-wins
            .build();

    private SourceDefinitions() {
    }

    /**
     * @param directory    directory of YAML files
     * @param placeholders resolves {@code ${...}} in connection settings
     * @param baseDir      relative file directories are resolved against it
     * @return the definitions sorted by file name
     * @throws SourceDefinitionException naming the file (and line) of the first invalid definition, or a duplicate
     *                                   id with both files that use it
     */
    public static List<SourceDefinition> load(Path directory, Placeholders placeholders, Path baseDir) {
        return List.copyOf(loadByFile(directory, placeholders, baseDir).values());
    }

    /**
     * Like {@link #load}, keeping the file each definition came from (for messages that name it).
     *
     * @param directory    directory of YAML files
     * @param placeholders resolves {@code ${...}} in connection settings
     * @param baseDir      relative file directories are resolved against it
     * @return definitions by file, in file-name order
     * @throws SourceDefinitionException as {@link #load}, and when two file sources watch the same directory
     *                                   (each file would go to whichever route saw it first)
     */
    public static Map<Path, SourceDefinition> loadByFile(Path directory, Placeholders placeholders, Path baseDir) {
        List<Path> files;
        try (Stream<Path> s = Files.list(directory)) {
            files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new SourceDefinitionException("cannot list source definitions in " + directory + ": " + e.getMessage(), e);
        }
        Map<Path, SourceDefinition> out = new java.util.LinkedHashMap<>();
        Map<String, Path> ids = new HashMap<>();
        Map<String, Path> directories = new HashMap<>();
        for (Path f : files) {
            SourceDefinition d = read(f, placeholders, baseDir);
            Path first = ids.putIfAbsent(d.id(), f);
            if (first != null) {
                throw new SourceDefinitionException(f + ": source id '" + d.id() + "' is already used by " + first);
            }
            if (d.file() != null) {
                Path same = directories.putIfAbsent(d.file().directory(), f);
                if (same != null) {
                    throw new SourceDefinitionException(f + ": file.directory " + d.file().directory()
                            + " is already watched by " + same + "; give each file source its own directory");
                }
            }
            out.put(f, d);
        }
        return out;
    }

    /**
     * @param file         a YAML file
     * @param placeholders resolves {@code ${...}}
     * @param baseDir      base for a relative {@code file.directory}
     * @return the definition with placeholders resolved
     * @throws SourceDefinitionException naming the file, line and problem
     */
    public static SourceDefinition read(Path file, Placeholders placeholders, Path baseDir) {
        SourceDefinition d;
        try {
            String text = Files.readString(file);
            checkKeys(file, text);
            d = YAML.readValue(text, SourceDefinition.class);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? "" : " line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new SourceDefinitionException(file + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new SourceDefinitionException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (d == null) {
            throw new SourceDefinitionException(file + ": empty definition");
        }
        try {
            return check(resolve(d, placeholders, baseDir));
        } catch (IllegalArgumentException e) {
            throw new SourceDefinitionException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Fails on the first key that {@link SourceDefinition} and its parts do not declare, at the key's own line.
     * Jackson finds unknown keys too, but for records it reports them at the end of the enclosing mapping.
     */
    private static void checkKeys(Path file, String text) throws IOException {
        try (JsonParser p = YAML.createParser(text)) {
            if (p.nextToken() != null) {
                checkKeys(file, p, SourceDefinition.class, "");
            }
        }
    }

    private static void checkKeys(Path file, JsonParser p, Type type, String path) throws IOException {
        Class<?> raw = type instanceof ParameterizedType pt ? (Class<?>) pt.getRawType() : (Class<?>) type;
        JsonToken token = p.currentToken();
        if (raw.isRecord() && token == JsonToken.START_OBJECT) {
            Map<String, Type> components = new LinkedHashMap<>();
            for (RecordComponent c : raw.getRecordComponents()) {
                components.put(c.getName(), c.getGenericType());
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                Type component = components.get(key);
                if (component == null) {
                    JsonLocation loc = p.currentTokenLocation();
                    throw new SourceDefinitionException(file + " line " + loc.getLineNr() + ", column " + loc.getColumnNr()
                            + ": unknown key '" + key + "'" + (path.isEmpty() ? "" : " in " + path)
                            + "; known keys there are " + components.keySet());
                }
                p.nextToken();
                checkKeys(file, p, component, path.isEmpty() ? key : path + "." + key);
            }
        } else if (Map.class.isAssignableFrom(raw) && token == JsonToken.START_OBJECT) {
            Type value = ((ParameterizedType) type).getActualTypeArguments()[1];
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                checkKeys(file, p, value, path + "." + key);
            }
        } else if (List.class.isAssignableFrom(raw) && token == JsonToken.START_ARRAY) {
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            for (int i = 0; p.nextToken() != JsonToken.END_ARRAY && p.currentToken() != null; i++) {
                checkKeys(file, p, element, path + "[" + i + "]");
            }
        } else {
            p.skipChildren(); // a scalar, or a shape Jackson will report with its own message
        }
    }

    private static SourceDefinition resolve(SourceDefinition d, Placeholders p, Path baseDir) {
        FileOptions file = d.file() == null ? null
                : new FileOptions(d.file().directory() == null ? null
                        : baseDir.resolve(p.resolve(d.file().directory())).normalize().toString(), d.file().include());
        JdbcOptions jdbc = d.jdbc() == null ? null
                : new JdbcOptions(p.resolve(d.jdbc().url()), p.resolve(d.jdbc().user()), p.resolve(d.jdbc().password()),
                        d.jdbc().table(), d.jdbc().keyColumn(), p.resolve(d.jdbc().query()), d.jdbc().pollDelay());
        return new SourceDefinition(d.id(), d.name(), d.department(), d.kind(), file, jdbc, d.format(), d.encoding(),
                d.recordKey(), d.fields(), d.entities(), d.relationships());
    }

    private static SourceDefinition check(SourceDefinition d) {
        require(d.id() != null && ID.matcher(d.id()).matches(), "id must match [a-z0-9][a-z0-9-]*, was " + d.id());
        require(d.kind() != null, "kind is required (file or jdbc)");
        require(d.recordKey() != null && !d.recordKey().isBlank(), "recordKey is required");
        require(!d.fields().isEmpty(), "fields must not be empty");
        require(!d.entities().isEmpty(), "entities must not be empty");
        if (d.kind() == SourceKind.FILE) {
            require(d.file() != null && d.file().directory() != null, "kind file needs file.directory");
            require("csv".equals(d.format()) || "json".equals(d.format()), "format must be csv or json, was " + d.format());
            if (!"auto".equals(d.encoding())) {
                try {
                    java.nio.charset.Charset.forName(d.encoding());
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("encoding '" + d.encoding() + "' is not a known charset (or use auto)");
                }
            }
        } else {
            JdbcOptions j = d.jdbc();
            require(j != null && j.url() != null, "kind jdbc needs jdbc.url");
            require(j.table() != null && j.keyColumn() != null, "kind jdbc needs jdbc.table and jdbc.keyColumn");
            java.time.Duration delay;
            try {
                delay = Durations.parse(j.pollDelay() == null ? "10s" : j.pollDelay());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("jdbc.pollDelay: " + e.getMessage(), e);
            }
            require(!delay.isZero(), "jdbc.pollDelay must be longer than 0, was " + j.pollDelay());
        }
        return d;
    }

    private static void require(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(problem);
        }
    }
}

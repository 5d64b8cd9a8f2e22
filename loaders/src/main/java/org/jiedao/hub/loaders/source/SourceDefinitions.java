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
import org.jiedao.hub.loaders.source.SourceDefinition.AmqpOptions;
import org.jiedao.hub.loaders.source.SourceDefinition.ErrorPolicy;
import org.jiedao.hub.loaders.source.SourceDefinition.JdbcOptions;
import org.jiedao.hub.loaders.source.SourceDefinition.MqttOptions;
import org.jiedao.hub.loaders.source.SourceDefinition.RestOptions;
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
        String text;
        try {
            text = Files.readString(file);
            checkKeys(file, text);
            d = YAML.readValue(text, SourceDefinition.class);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? "" : " line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new SourceDefinitionException(file + where + ": " + readable(e), e);
        } catch (IOException e) {
            throw new SourceDefinitionException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (d == null) {
            throw new SourceDefinitionException(file + ": empty definition");
        }
        try {
            return check(resolve(d, placeholders, baseDir));
        } catch (IllegalArgumentException e) {
            int line = lineOfProblem(text, e.getMessage());
            throw new SourceDefinitionException(file + (line > 0 ? " line " + line : "") + ": " + e.getMessage(), e);
        }
    }

    /** Jackson's message, or for a value outside an enumeration (kind: ftp) one that names the key and the choices. */
    private static String readable(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException f && f.getTargetType() != null
                && f.getTargetType().isEnum() && !f.getPath().isEmpty()) {
            List<String> choices = java.util.Arrays.stream(f.getTargetType().getEnumConstants())
                    .map(c -> c.toString().toLowerCase(java.util.Locale.ROOT)).toList();
            return f.getPath().getLast().getFieldName() + " '" + f.getValue() + "' is not one of " + choices;
        }
        return e.getOriginalMessage();
    }

    private static final Pattern KEY_WORD = Pattern.compile("[a-zA-Z][a-zA-Z0-9]*(?:\\.[a-zA-Z][a-zA-Z0-9]*)*");

    /**
     * The line a check's message is about: the most specific key path it mentions that the file has (a message such
     * as "kind jdbc needs jdbc.url" points at the {@code jdbc} block if there is one, else at {@code kind}); 0 if it
     * mentions none.
     */
    private static int lineOfProblem(String text, String message) {
        int best = 0;
        int bestLength = 0;
        java.util.regex.Matcher m = KEY_WORD.matcher(message == null ? "" : message);
        while (m.find()) {
            String key = m.group();
            for (String candidate = key; !candidate.isEmpty();
                 candidate = candidate.contains(".") ? candidate.substring(0, candidate.lastIndexOf('.')) : "") {
                int line = YamlLines.lineOfKey(text, candidate);
                // longer paths are more specific; on a tie, one the message names as a path (jdbc.url) wins
                int score = candidate.length() * 2 + (key.contains(".") ? 1 : 0);
                if (line > 0 && score > bestLength) {
                    best = line;
                    bestLength = score;
                }
            }
        }
        return best;
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
        FileOptions f = d.file();
        FileOptions file = f == null ? null
                : new FileOptions(f.directory() == null ? null : baseDir.resolve(p.resolve(f.directory())).normalize().toString(),
                        f.include(), f.doneMarker(), p.resolve(f.sheet()), f.recordElement());
        JdbcOptions j = d.jdbc();
        JdbcOptions jdbc = j == null ? null
                : new JdbcOptions(p.resolve(j.url()), p.resolve(j.user()), p.resolve(j.password()), j.table(), j.keyColumn(),
                        j.watermarkColumn(), p.resolve(j.query()), p.resolve(j.pollDelay()), j.batchRows());
        RestOptions r = d.rest();
        RestOptions rest = r == null ? null
                : new RestOptions(p.resolve(r.url()), r.items(), r.pagination(), r.pageParam(), r.sizeParam(), r.pageSize(),
                        r.nextCursor(), p.resolve(r.pollDelay()), r.rateLimit(), resolveValues(r.headers(), p));
        AmqpOptions a = d.amqp();
        AmqpOptions amqp = a == null ? null
                : new AmqpOptions(p.resolve(a.host()), a.port(), p.resolve(a.username()), p.resolve(a.password()),
                        p.resolve(a.virtualHost()), p.resolve(a.exchange()), p.resolve(a.queue()), p.resolve(a.routingKey()));
        MqttOptions m = d.mqtt();
        MqttOptions mqtt = m == null ? null
                : new MqttOptions(p.resolve(m.broker()), p.resolve(m.topic()), m.qos(), p.resolve(m.clientId()),
                        p.resolve(m.username()), p.resolve(m.password()));
        return new SourceDefinition(d.id(), d.name(), d.department(), d.kind(), file, jdbc, rest, amqp, mqtt, d.inbound(), d.format(),
                d.encoding(), d.zone(), d.errorPolicy(), d.recordKey(), d.fields(), d.entities(), d.relationships());
    }

    private static Map<String, String> resolveValues(Map<String, String> values, Placeholders p) {
        if (values == null) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, p.resolve(v)));
        return out;
    }

    private static final List<String> FILE_FORMATS = List.of("csv", "json", "xlsx", "xml");

    private static SourceDefinition check(SourceDefinition d) {
        require(d.id() != null && ID.matcher(d.id()).matches(), "id must match [a-z0-9][a-z0-9-]*, was " + d.id());
        require(d.kind() != null, "kind is required (file, jdbc, rest, amqp, mqtt or inbound)");
        require(d.recordKey() != null && !d.recordKey().isBlank(), "recordKey is required");
        require(!d.fields().isEmpty(), "fields must not be empty");
        require(!d.entities().isEmpty(), "entities must not be empty");
        try {
            d.zoneId();
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("zone '" + d.zone() + "' is not a time zone id such as Asia/Shanghai", e);
        }
        ErrorPolicy e = d.errorPolicy();
        require("quarantine".equals(e.onBadRecord()) || e.rejectsUnit(),
                "errorPolicy.onBadRecord must be quarantine or rejectUnit, was " + e.onBadRecord());
        require(e.retries() >= 0 && e.retries() <= 100, "errorPolicy.retries must be 0..100, was " + e.retries());
        duration("errorPolicy.backoff", e.backoff(), false);
        switch (d.kind()) {
            case FILE -> {
                require(d.file() != null && d.file().directory() != null, "kind file needs file.directory");
                require(FILE_FORMATS.contains(d.format()), "format must be one of " + FILE_FORMATS + ", was " + d.format());
                require(!"xml".equals(d.format()) || d.file().recordElement() != null,
                        "format xml needs file.recordElement (the element name of one record)");
                if (!"auto".equals(d.encoding())) {
                    try {
                        java.nio.charset.Charset.forName(d.encoding());
                    } catch (RuntimeException ex) {
                        throw new IllegalArgumentException("encoding '" + d.encoding() + "' is not a known charset (or use auto)");
                    }
                }
            }
            case JDBC -> {
                JdbcOptions j = d.jdbc();
                require(j != null && j.url() != null, "kind jdbc needs jdbc.url");
                require(j.table() != null && j.keyColumn() != null, "kind jdbc needs jdbc.table and jdbc.keyColumn");
                require(j.batchRows() == null || j.batchRows() > 0, "jdbc.batchRows must be positive, was " + j.batchRows());
                duration("jdbc.pollDelay", j.pollDelay() == null ? "10s" : j.pollDelay(), true);
            }
            case REST -> {
                RestOptions r = d.rest();
                require(r != null && r.url() != null, "kind rest needs rest.url");
                String style = r.pagination() == null ? "none" : r.pagination();
                require(List.of("none", "page", "cursor").contains(style),
                        "rest.pagination must be none, page or cursor, was " + style);
                require(!"cursor".equals(style) || r.nextCursor() != null, "rest.pagination cursor needs rest.nextCursor");
                require(style.equals("none") || r.pageParam() != null, "rest.pagination " + style + " needs rest.pageParam");
                require(r.pageSize() == null || r.pageSize() > 0, "rest.pageSize must be positive, was " + r.pageSize());
                require(r.rateLimit() == null || r.rateLimit() > 0, "rest.rateLimit must be positive, was " + r.rateLimit());
                duration("rest.pollDelay", r.pollDelay() == null ? "1m" : r.pollDelay(), true);
            }
            case AMQP -> {
                AmqpOptions a = d.amqp();
                require(a != null && a.host() != null && a.queue() != null, "kind amqp needs amqp.host and amqp.queue");
            }
            case MQTT -> {
                MqttOptions m = d.mqtt();
                require(m != null && m.broker() != null && m.topic() != null, "kind mqtt needs mqtt.broker and mqtt.topic");
                require(m.qos() == null || m.qos() == 1 || m.qos() == 2,
                        "mqtt.qos must be 1 or 2 (QoS 0 cannot be acknowledged after commit), was " + m.qos());
            }
            case INBOUND -> {
                SourceDefinition.InboundOptions in = d.inbound();
                require(in != null && !in.roles().isEmpty(),
                        "kind inbound needs inbound.roles (the partner:* roles of the access policy that may submit)");
                for (String role : in.roles()) {
                    require(role != null && role.matches("partner:[a-z0-9][a-z0-9-]*"),
                            "inbound.roles: '" + role + "' is not a partner role (partner:<name>, e.g. partner:civil-affairs)");
                }
                AmqpOptions a = d.amqp();
                if (a != null) {
                    require(a.host() != null && a.queue() != null, "an inbound source's amqp needs amqp.host and amqp.queue");
                    require(in.effectiveQueueRole() != null && in.roles().contains(in.effectiveQueueRole()),
                            "inbound.queueRole must name which of inbound.roles " + in.roles()
                                    + " submits over amqp.queue " + a.queue() + (in.queueRole() == null ? "" : "; was " + in.queueRole()));
                }
            }
        }
        if (d.kind() != SourceKind.FILE) {
            require(d.format() == null || "json".equals(d.format()) || d.kind() == SourceKind.JDBC,
                    "kind " + d.kind().name().toLowerCase(java.util.Locale.ROOT) + " reads JSON; format must be json or absent");
        }
        return d;
    }

    private static void duration(String key, String value, boolean positive) {
        java.time.Duration delay;
        try {
            delay = Durations.parse(value);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(key + ": " + ex.getMessage(), ex);
        }
        require(!positive || !delay.isZero(), key + " must be longer than 0, was " + value);
    }

    private static void require(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(problem);
        }
    }
}

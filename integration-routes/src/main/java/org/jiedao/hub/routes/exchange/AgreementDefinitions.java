package org.jiedao.hub.routes.exchange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import org.jiedao.hub.loaders.source.Durations;
import org.jiedao.hub.loaders.source.Placeholders;
import org.jiedao.hub.loaders.source.YamlLines;
import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.PropertyDef;

/**
 * Reads agreement definitions: every {@code *.yaml}/{@code *.yml} file of a directory ({@code config/agreements},
 * setting {@code HUB_AGREEMENTS_DIR}), one agreement per file, as {@code SourceDefinitions} reads sources. Every
 * problem fails with the file, the line when it can be found, the field and what is allowed: YAML syntax, unknown or
 * repeated keys, a missing field, an entity type or field the ontology does not have, a partner that is not a role of
 * the access policy, a field that role may not read at all ({@link AccessRoles}; fields it reads masked or hidden are
 * shared masked or as null, as the API does), a webhook that is not an {@code https://} URL or whose trust file holds
 * no certificate, a community code that is not 12 digits, a relationship type on the filter's path that the ontology
 * does not have, an unknown channel, format, mode or encoding, SFTP settings whose key or known_hosts file is missing
 * or unreadable (or has no key for the server), a validity period that ends before it starts, and an id used by two
 * files.
 */
public final class AgreementDefinitions {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern COMMUNITY = Pattern.compile("\\d{12}");
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_IGNORED_PROPERTIES) // partnerClear comes from the policy, never the file
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private AgreementDefinitions() {
    }

    /**
     * @param directory    directory of YAML files; a missing directory means no agreements
     * @param placeholders resolves {@code ${...}} in channel settings
     * @param baseDir      relative drop folders are resolved against it
     * @param ontology     the entity types and fields are checked against it
     * @param roles        the access policy's roles (a partner must be one, and may receive only fields it may read;
     *                     its {@code clear} sensitivities decide which values are masked), or null to skip those checks
     *                     (tests of the format only; every value that is not public is then masked or hidden)
     * @return the definitions in file-name order
     * @throws AgreementDefinitionException naming the file (and line) of the first invalid definition, or a
     *                                      duplicate id with both files
     */
    public static List<AgreementDefinition> load(Path directory, Placeholders placeholders, Path baseDir,
                                                 Ontology ontology, AccessRoles roles) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(directory)) {
            files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new AgreementDefinitionException("cannot list agreements in " + directory + ": " + e.getMessage(), e);
        }
        List<AgreementDefinition> out = new ArrayList<>();
        Map<String, Path> ids = new HashMap<>();
        for (Path f : files) {
            AgreementDefinition d = read(f, placeholders, baseDir, ontology, roles);
            Path first = ids.putIfAbsent(d.id(), f);
            if (first != null) {
                throw new AgreementDefinitionException(f + ": agreement id '" + d.id() + "' is already used by " + first);
            }
            out.add(d);
        }
        return List.copyOf(out);
    }

    /**
     * @param file         one YAML file
     * @param placeholders resolves {@code ${...}}
     * @param baseDir      base of a relative {@code file.directory}
     * @param ontology     the ontology
     * @param roles        the access policy's roles, or null to skip the partner checks
     * @return the checked definition, placeholders resolved
     * @throws AgreementDefinitionException naming the file, line and problem
     */
    public static AgreementDefinition read(Path file, Placeholders placeholders, Path baseDir, Ontology ontology,
                                           AccessRoles roles) {
        String text = null;
        AgreementDefinition d;
        try {
            text = Files.readString(file);
            d = YAML.readValue(text, AgreementDefinition.class);
        } catch (UnrecognizedPropertyException e) {
            // Jackson locates an unknown key of a record at the end of its mapping: look for the key's own line
            StringBuilder path = new StringBuilder();
            for (var ref : e.getPath()) {
                if (ref.getFieldName() != null) {
                    path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    path.append('[').append(ref.getIndex()).append(']');
                }
            }
            int line = text == null ? 0 : YamlLines.lineOfKey(text, path.toString());
            JsonLocation loc = e.getLocation();
            String where = line > 0 ? " line " + line : loc == null ? "" : " line " + loc.getLineNr();
            throw new AgreementDefinitionException(file + where + ": unknown key '"
                    + e.getPropertyName() + "'; known keys there are " + e.getKnownPropertyIds(), e);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            throw new AgreementDefinitionException(file + (loc == null ? "" : " line " + loc.getLineNr()) + ": "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new AgreementDefinitionException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (d == null) {
            throw new AgreementDefinitionException(file + ": empty definition");
        }
        AgreementDefinition resolved;
        try {
            resolved = resolve(d, placeholders, baseDir, roles);
        } catch (IllegalArgumentException e) {
            throw new AgreementDefinitionException(file + ": " + e.getMessage(), e);
        }
        try {
            return check(resolved, ontology, roles);
        } catch (Problem p) {
            int line = YamlLines.lineOf(text, p.field);
            throw new AgreementDefinitionException(file + (line > 0 ? " line " + line : "") + ": " + p.field + ": "
                    + p.getMessage(), p);
        }
    }

    private static AgreementDefinition resolve(AgreementDefinition d, Placeholders p, Path baseDir, AccessRoles roles) {
        AgreementDefinition.FileDrop f = d.file();
        AgreementDefinition.FileDrop file = f == null || f.directory() == null ? f
                : new AgreementDefinition.FileDrop(baseDir.resolve(p.resolve(f.directory())).normalize().toString());
        AgreementDefinition.Amqp a = d.amqp();
        AgreementDefinition.Amqp amqp = a == null ? null
                : new AgreementDefinition.Amqp(p.resolve(a.host()), a.port(), p.resolve(a.username()), p.resolve(a.password()),
                p.resolve(a.virtualHost()), p.resolve(a.exchange()), p.resolve(a.routingKey()));
        AgreementDefinition.Webhook w = d.webhook();
        AgreementDefinition.Webhook webhook = w == null ? null : new AgreementDefinition.Webhook(p.resolve(w.url()),
                localPath(p, baseDir, w.trust()), w.timeout());
        AgreementDefinition.Sftp t = d.sftp();
        AgreementDefinition.Sftp sftp = t == null ? null
                : new AgreementDefinition.Sftp(p.resolve(t.host()), t.port(), p.resolve(t.username()),
                localPath(p, baseDir, t.privateKey()), localPath(p, baseDir, t.knownHosts()), p.resolve(t.directory()));
        return new AgreementDefinition(d.id(), d.name(), d.partner(), d.purpose(), d.legalBasis(), d.entity(), d.fields(),
                d.filter(), d.schedule(), d.channel(), file, amqp, webhook, sftp, d.format(), d.encoding(), d.validity(),
                d.retry(), d.mode(), d.settle(), roles == null ? null : roles.clear(d.partner()));
    }

    private static String localPath(Placeholders p, Path baseDir, String path) {
        return path == null ? null : baseDir.resolve(p.resolve(path)).normalize().toString();
    }

    private static final List<String> CHANNELS = List.of("file", "amqp", "webhook", "sftp");
    private static final List<String> FORMATS = List.of("json", "csv", "rdf");
    private static final List<String> MODES = List.of("snapshot", "changes");
    private static final List<String> CSV_ENCODINGS = List.of("utf-8-bom", "gb18030");

    private static AgreementDefinition check(AgreementDefinition d, Ontology ontology, AccessRoles roles) {
        require(d.id() != null && ID.matcher(d.id()).matches(), "id", "must match [a-z0-9][a-z0-9-]*, was " + d.id());
        require(blankFree(d.partner()), "partner", "is required: the partner's role in the access policy, e.g. partner:civil-affairs");
        require(d.partner().startsWith("partner:"), "partner", "must be a partner role (partner:<name>), was " + d.partner());
        require(roles == null || roles.names().contains(d.partner()), "partner",
                "'" + d.partner() + "' is not a role of the access policy; its partner roles are "
                        + (roles == null ? List.of() : roles.partnerRoles()));
        require(blankFree(d.purpose()), "purpose", "is required: the purpose of use the agreement serves");
        require(blankFree(d.legalBasis()), "legalBasis", "is required: the regulation or decision that allows the sharing");
        require(blankFree(d.entity()), "entity", "is required: an ontology node label such as Person");
        NodeType type = ontology.findNodeType(d.entity()).orElseThrow(() -> new Problem("entity",
                "'" + d.entity() + "' is not a node type of the ontology"));
        require(!d.fields().isEmpty(), "fields", "must list at least one property of " + type.label());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < d.fields().size(); i++) {
            String field = d.fields().get(i);
            Optional<PropertyDef> p = type.property(field);
            require(p.isPresent(), "fields[" + i + "]", "'" + field + "' is not a property of " + type.label()
                    + "; its properties are " + type.properties().stream().map(PropertyDef::name).toList());
            require(seen.add(field), "fields[" + i + "]", "'" + field + "' is listed twice");
            if (roles != null) {
                Optional<String> refused = roles.refusal(d.partner(), type.label(), p.get());
                require(refused.isEmpty(), "fields[" + i + "]", refused.orElse(""));
            }
        }
        if (d.filter() != null) {
            for (int i = 0; i < d.filter().communities().size(); i++) {
                String code = d.filter().communities().get(i);
                require(code != null && COMMUNITY.matcher(code).matches(), "filter.communities[" + i + "]",
                        "'" + code + "' is not a 12-digit community division code");
            }
            require(!d.filter().communities().isEmpty(), "filter.communities", "must list at least one community code (or leave out filter)");
            require(!d.filter().path().isEmpty(), "filter.path", "must not be empty");
            for (int i = 0; i < d.filter().path().size(); i++) {
                String step = d.filter().path().get(i);
                String rel = step != null && step.startsWith("<") ? step.substring(1) : step;
                boolean known = ontology.relationshipTypes().stream().anyMatch(r -> r.type().equals(rel));
                require(known, "filter.path[" + i + "]", "'" + step + "' is not a relationship type of the ontology");
            }
        }
        duration("schedule", d.schedule() == null ? "1d" : d.schedule());
        require(d.channel() != null && CHANNELS.contains(d.channel()), "channel", "must be one of " + CHANNELS + ", was " + d.channel());
        if (d.channel().equals("file")) {
            require(d.file() != null && blankFree(d.file().directory()), "file.directory", "is required for channel file");
        } else if (d.channel().equals("webhook")) {
            WebhookSettings.check(d.webhook());
        } else if (d.channel().equals("sftp")) {
            checkSftp(d.sftp());
        } else {
            AgreementDefinition.Amqp a = d.amqp();
            require(a != null && blankFree(a.host()), "amqp.host", "is required for channel amqp");
            require(blankFree(a.exchange()), "amqp.exchange", "is required for channel amqp (the partner's exchange)");
        }
        require(d.format() != null && FORMATS.contains(d.format()), "format", "must be one of " + FORMATS + ", was " + d.format());
        if (d.format().equals("rdf")) {
            require(!ExtractQuery.subjectProperties(d, type).isEmpty(), "format",
                    "rdf names each entity by an IRI of its key or entity id; " + type.label() + " has no entity id and "
                            + d.partner() + " does not receive its key " + type.key().name() + " in clear, so list "
                            + type.key().name() + " in fields (with a role that reads it in clear) or use json or csv");
        }
        require(d.mode() == null || MODES.contains(d.mode()), "mode", "must be one of " + MODES + ", was " + d.mode());
        if (d.settle() != null) {
            require(d.changesOnly(), "settle", "applies to mode changes only");
            Duration settle;
            try {
                settle = parseDuration(d.settle());
            } catch (IllegalArgumentException e) {
                throw new Problem("settle", e.getMessage());
            }
            require(!settle.isNegative(), "settle", "must not be negative, was " + d.settle());
        }
        if (d.format().equals("csv")) {
            require(d.encoding() == null || CSV_ENCODINGS.contains(d.encoding()), "encoding",
                    "must be one of " + CSV_ENCODINGS + " for csv, was " + d.encoding());
        } else {
            require(d.encoding() == null || d.encoding().equals("utf-8"), "encoding",
                    d.format().toUpperCase(java.util.Locale.ROOT) + " is always utf-8, was " + d.encoding());
        }
        require(d.validity() != null && d.validity().from() != null, "validity.from", "is required (an ISO day such as 2026-01-01)");
        LocalDate from = day("validity.from", d.validity().from());
        if (d.validity().until() != null) {
            LocalDate until = day("validity.until", d.validity().until());
            require(!until.isBefore(from), "validity.until", "ends (" + until + ") before validity.from (" + from + ")");
        }
        if (d.retry() != null) {
            if (d.retry().backoff() != null) {
                duration("retry.backoff", d.retry().backoff());
            }
            if (d.retry().maxBackoff() != null) {
                duration("retry.maxBackoff", d.retry().maxBackoff());
            }
            require(d.retry().maxAttempts() == null || d.retry().maxAttempts() > 0, "retry.maxAttempts",
                    "must be positive, was " + d.retry().maxAttempts());
        }
        return d;
    }

    private static void checkSftp(AgreementDefinition.Sftp t) {
        require(t != null && blankFree(t.host()), "sftp.host", "is required for channel sftp");
        require(t.port() == null || (t.port() > 0 && t.port() < 65536), "sftp.port", "must be 1 to 65535, was " + t.port());
        require(blankFree(t.username()), "sftp.username", "is required for channel sftp (the login on the partner's server)");
        require(blankFree(t.directory()), "sftp.directory", "is required for channel sftp (the folder on the partner's server)");
        require(blankFree(t.privateKey()), "sftp.privateKey", "is required for channel sftp (the hub's private key file)");
        String keyProblem = SftpChannel.privateKeyProblem(Path.of(t.privateKey()));
        require(keyProblem == null, "sftp.privateKey", keyProblem);
        require(blankFree(t.knownHosts()), "sftp.knownHosts",
                "is required for channel sftp (a known_hosts file with the server's host key; unknown keys are refused)");
        String hostsProblem = SftpChannel.knownHostsProblem(Path.of(t.knownHosts()), t.host(), t.effectivePort());
        require(hostsProblem == null, "sftp.knownHosts", hostsProblem);
    }

    private static LocalDate day(String field, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new Problem(field, "'" + text + "' is not an ISO day such as 2026-01-01");
        }
    }

    /**
     * @param text a duration as in source definitions ({@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}) or in whole
     *             days ({@code 1d}, {@code 7d})
     * @return the duration
     * @throws IllegalArgumentException if it is neither
     */
    public static Duration parseDuration(String text) {
        if (text != null && text.matches("\\d{1,4}d")) {
            return Duration.ofDays(Long.parseLong(text.substring(0, text.length() - 1)));
        }
        return Durations.parse(text);
    }

    private static void duration(String field, String text) {
        Duration d;
        try {
            d = parseDuration(text);
        } catch (IllegalArgumentException e) {
            throw new Problem(field, e.getMessage());
        }
        require(!d.isZero() && !d.isNegative(), field, "must be longer than 0, was " + text);
    }

    private static boolean blankFree(String s) {
        return s != null && !s.isBlank();
    }

    private static void require(boolean ok, String field, String problem) {
        if (!ok) {
            throw new Problem(field, problem);
        }
    }

    /** A check's failure, with the field path it is about (for the line number). */
    static final class Problem extends RuntimeException {
        private final String field;

        /**
         * @param field   the field path, e.g. {@code webhook.url}
         * @param message what is wrong and what is allowed
         */
        Problem(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }
}

package org.jiedao.hub.loaders.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jiedao.hub.loaders.source.DefinitionFiles.VALID;
import static org.jiedao.hub.loaders.source.DefinitionFiles.replace;

import java.nio.file.Path;
import java.time.ZoneId;

import org.jiedao.hub.loaders.source.SourceDefinition.SourceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connection blocks of each source kind, the zone and the error policy: read, defaulted, and refused. */
class SourceKindsDefinitionTest {
    private static final String FILE_BLOCK = """
            file:
              directory: ${HUB_DATA_DIR:data}/silos/test
              include: '.*\\.csv'
            format: csv
            """;

    @TempDir
    Path tmp;

    private static String kind(String kind, String block) {
        return replace(replace(VALID, "kind: file", "kind: " + kind), FILE_BLOCK, block);
    }

    private SourceDefinition read(String yaml) {
        return DefinitionFiles.read(tmp, yaml);
    }

    private void refused(String yaml, String... fragments) {
        var failure = assertThatThrownBy(() -> read(yaml)).isInstanceOf(SourceDefinitionException.class)
                .hasMessageContaining("test.yaml");
        for (String f : fragments) {
            failure.hasMessageContaining(f);
        }
    }

    @Test
    void defaultsAreShanghaiTimeAndQuarantineWithFiveRetries() {
        SourceDefinition d = read(VALID);
        assertThat(d.zoneId()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(d.errorPolicy().rejectsUnit()).isFalse();
        assertThat(d.errorPolicy().retries()).isEqualTo(5);
        assertThat(d.errorPolicy().backoff()).isEqualTo("1s");
        assertThat(d.file().requiresDoneMarker()).isFalse();
    }

    @Test
    void anInboundSourceNamesThePartnerRolesThatMaySubmitAndIsRefusedWithoutThem() {
        SourceDefinition d = read(kind("inbound", "inbound: {roles: [partner:civil-affairs, partner:education]}\n"));
        assertThat(d.kind()).isEqualTo(SourceKind.INBOUND);
        assertThat(d.inbound().roles()).containsExactly("partner:civil-affairs", "partner:education");

        refused(kind("inbound", ""), "kind inbound needs inbound.roles");
        refused(kind("inbound", "inbound: {roles: []}\n"), "kind inbound needs inbound.roles");
        refused(kind("inbound", "inbound: {roles: [caseworker]}\n"), "inbound.roles", "caseworker", "partner:<name>");
        refused(kind("inbound", "inbound: {roles: [partner:x], queue: q}\n"), "unknown key 'queue'");
        refused(kind("inbound", "inbound: {roles: [partner:x]}\nformat: csv\n"), "format must be json");
    }

    @Test
    void anInboundSourceWithAQueueAttributesItsSubmissionsToOneOfItsRoles() {
        String queue = "amqp: {host: 127.0.0.1, queue: submissions.civil}\n";
        SourceDefinition one = read(kind("inbound", "inbound: {roles: [partner:civil-affairs]}\n" + queue));
        assertThat(one.inbound().effectiveQueueRole()).isEqualTo("partner:civil-affairs");
        SourceDefinition named = read(kind("inbound",
                "inbound: {roles: [partner:civil-affairs, partner:education], queueRole: partner:education}\n" + queue));
        assertThat(named.inbound().effectiveQueueRole()).isEqualTo("partner:education");

        refused(kind("inbound", "inbound: {roles: [partner:civil-affairs, partner:education]}\n" + queue),
                "inbound.queueRole must name which of inbound.roles");
        refused(kind("inbound", "inbound: {roles: [partner:civil-affairs], queueRole: partner:other}\n" + queue),
                "inbound.queueRole", "was partner:other");
        refused(kind("inbound", "inbound: {roles: [partner:civil-affairs]}\namqp: {host: 127.0.0.1}\n"),
                "an inbound source's amqp needs amqp.host and amqp.queue");
    }

    @Test
    void anUnknownZoneOrErrorPolicyIsRefusedNamingIt() {
        refused(VALID + "zone: Beijing/Xicheng\n", "zone", "Beijing/Xicheng");
        refused(VALID + "errorPolicy: {onBadRecord: ignore}\n", "errorPolicy.onBadRecord", "ignore");
        refused(VALID + "errorPolicy: {backoff: soon}\n", "errorPolicy.backoff", "soon");
        refused(VALID + "errorPolicy: {retries: -1}\n", "errorPolicy.retries");
    }

    @Test
    void xmlNeedsTheRecordElementAndUnknownFormatsAreRefused() {
        refused(replace(VALID, "format: csv", "format: xml"), "recordElement");
        assertThat(read(replace(replace(VALID, "format: csv", "format: xml"), "  include: '.*\\.csv'\n",
                "  include: '.*\\.xml'\n  recordElement: row\n  doneMarker: true\n")).file())
                .satisfies(f -> {
                    assertThat(f.recordElement()).isEqualTo("row");
                    assertThat(f.requiresDoneMarker()).isTrue();
                });
        refused(replace(VALID, "format: csv", "format: dbf"), "format", "dbf");
    }

    @Test
    void aRestSourceNeedsItsUrlAndACompletePaginationAndResolvesPlaceholdersInHeaders() {
        refused(kind("rest", "rest: {items: data}\n"), "rest.url");
        refused(kind("rest", "rest: {url: 'http://127.0.0.1:1/api', pagination: scroll}\n"), "rest.pagination", "scroll");
        refused(kind("rest", "rest: {url: 'http://127.0.0.1:1/api', pagination: cursor, pageParam: c}\n"), "nextCursor");
        refused(kind("rest", "rest: {url: 'http://127.0.0.1:1/api', pagination: page}\n"), "pageParam");
        SourceDefinition d = DefinitionFiles.read(tmp, kind("rest", """
                rest:
                  url: 'http://127.0.0.1:1/api'
                  pagination: page
                  pageParam: page
                  headers: {X-Api-Key: '${API_KEY:k-123}'}
                """));
        assertThat(d.kind()).isEqualTo(SourceKind.REST);
        assertThat(d.rest().headers()).containsEntry("X-Api-Key", "k-123");
    }

    @Test
    void brokerSourcesNeedTheirQueueOrTopicAndMqttRefusesQosZero() {
        refused(kind("amqp", "amqp: {host: 127.0.0.1}\n"), "amqp.queue");
        refused(kind("mqtt", "mqtt: {broker: 'tcp://127.0.0.1:1883'}\n"), "mqtt.topic");
        refused(kind("mqtt", "mqtt: {broker: 'tcp://127.0.0.1:1883', topic: 'a/#', qos: 0}\n"), "qos");
        refused(kind("amqp", "amqp: {host: 127.0.0.1, queue: q}\nformat: csv\n"), "format must be json");
        assertThat(read(kind("amqp", "amqp: {host: 127.0.0.1, queue: patrol}\n")).amqp().queue()).isEqualTo("patrol");
        assertThat(read(kind("mqtt", "mqtt: {broker: 'tcp://127.0.0.1:1883', topic: 'p/#', qos: 1}\n")).mqtt().qos())
                .isEqualTo(1);
    }

    @Test
    void aProblemFoundAfterParsingNamesTheLineOfItsKey() {
        String yaml = kind("jdbc", "jdbc:\n  url: jdbc:h2:mem:x\n  table: t\n  keyColumn: k\n  pollDelay: 0s\n");
        int line = DefinitionFiles.lineOf(yaml, "pollDelay: 0s");
        refused(yaml, "test.yaml line " + line + ":", "jdbc.pollDelay must be longer than 0");
        String noUrl = kind("jdbc", "jdbc:\n  table: t\n  keyColumn: k\n");
        refused(noUrl, "test.yaml line " + DefinitionFiles.lineOf(noUrl, "jdbc:") + ":", "needs jdbc.url");
    }

    @Test
    void aMappingProblemNamesTheFileAndTheLineOfTheKey() {
        String yaml = replace(VALID, "type: Person", "type: Persn");
        Path defs = tmp.resolve("defs");
        DefinitionFiles.write(java.nio.file.Files.exists(defs) ? defs : createDirectories(defs), "test.yaml", yaml);
        assertThatThrownBy(() -> org.jiedao.hub.loaders.mapping.SourceCatalog.load(defs,
                new Placeholders(java.util.Map.of()), tmp, org.jiedao.hub.ontology.Ontology.bundled()))
                .isInstanceOf(SourceDefinitionException.class)
                .hasMessageContaining("test.yaml line " + DefinitionFiles.lineOf(yaml, "type: Persn") + ":")
                .hasMessageContaining("Persn");
    }

    private static Path createDirectories(Path dir) {
        try {
            return java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void anUnknownKindIsRefusedAtItsLine() {
        refused(replace(VALID, "kind: file", "kind: ftp"), "line", "kind 'ftp' is not one of [file, jdbc, rest, amqp, mqtt, inbound]");
    }
}

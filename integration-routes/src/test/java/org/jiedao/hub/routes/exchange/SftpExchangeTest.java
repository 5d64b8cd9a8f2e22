package org.jiedao.hub.routes.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import org.jiedao.hub.graph.ops.Delivery;
import org.jiedao.hub.graph.ops.DeliveryState;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.loaders.source.Placeholders;
import org.jiedao.hub.ontology.Ontology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SFTP channel end to end against Debian's OpenSSH server ({@link TestSshd}, started by each test on a free
 * port of 127.0.0.1): agreements from YAML, the extract from the test Neo4j, the outbox, and the files as they land
 * in the server's folder.
 */
class SftpExchangeTest {
    private static final Ontology ONTOLOGY = Ontology.bundled();
    private static final String FUYOUJIE = "110102001004";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<List<String>> RESIDENTS = List.of(
            List.of("110102194909071225", "石蕾娟", "2", FUYOUJIE),
            List.of("110102198001011234", "毕秀桂", "2", FUYOUJIE),
            List.of("110102199002023456", "李娜", "2", "110102001026"));

    @TempDir
    Path dataDir;
    @TempDir
    Path sshdDir;
    private TestSshd sshd;
    private MutableClock clock;

    @BeforeEach
    void setUp() throws Exception {
        sshd = TestSshd.start(sshdDir);
        PartnerFixtures.residentGraph(ONTOLOGY, RESIDENTS.stream().<Map<String, Object>>map(r -> Map.of("idNumber", r.get(0),
                "name", r.get(1), "gender", r.get(2), "community", r.get(3))).toList());
        clock = new MutableClock(Instant.parse("2026-11-29T02:00:00Z"));
    }

    @AfterEach
    void stopSshd() throws Exception {
        if (sshd != null) {
            sshd.close();
        }
    }

    private String sftpAgreement(Path knownHosts) {
        return """
                id: civil-sftp
                partner: partner:civil-affairs
                purpose: benefit-eligibility
                legalBasis: test agreement
                entity: Person
                fields: [name, gender]
                filter: {communities: ["%s"]}
                channel: sftp
                sftp:
                  host: 127.0.0.1
                  port: %d
                  username: %s
                  privateKey: "%s"
                  knownHosts: "%s"
                  directory: "%s"
                format: json
                validity: {from: "2026-01-01"}
                retry: {backoff: 10s, maxBackoff: 1m, maxAttempts: 5}
                """.formatted(FUYOUJIE, sshd.port(), TestSshd.user(), sshd.clientKey(), knownHosts, sshd.uploads());
    }

    private ExchangeRuntime runtime(String yaml) throws Exception {
        Path defs = dataDir.resolve("agreements");
        Files.createDirectories(defs);
        Files.writeString(defs.resolve("a.yaml"), yaml);
        List<AgreementDefinition> agreements = AgreementDefinitions.load(defs, new Placeholders(Map.of()), dataDir,
                ONTOLOGY, AccessRoles.read(Path.of(System.getenv().getOrDefault("JIEDAO_REPO_ROOT", ".."))
                        .resolve("config/access.yaml")));
        return ExchangeRuntime.create(agreements, TestNeo4j.driver(), ONTOLOGY, dataDir, clock, DeliveryRecorder.NONE);
    }

    private List<String> uploaded() throws Exception {
        try (Stream<Path> files = Files.list(sshd.uploads())) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Verifies a detached JWS as a partner does: with the public JWK file the hub hands out, and its two headers. */
    private void assertSignedByTheHub(byte[] payload, String jws, String deliveryId) throws Exception {
        JWK publicKey = JWK.parse(Files.readString(dataDir.resolve("secrets").resolve(SigningKey.PUBLIC_FILE_NAME)));
        assertThat(publicKey.isPrivate()).isFalse();
        JWSObject signed = JWSObject.parse(jws, new Payload(payload));
        assertThat(signed.verify(new ECDSAVerifier(publicKey.toECKey()))).as("signature verifies").isTrue();
        assertThat(signed.getHeader().getCustomParam(SigningKey.DELIVERY_ID)).isEqualTo(deliveryId);
        assertThat(signed.getHeader().getCustomParam(SigningKey.CONTENT_SHA256)).isEqualTo(DeliveryArchive.sha256(payload));
    }

    @Test
    void aDeliveryArrivesCompleteAndSignedExactlyOnce() throws Exception {
        try (ExchangeRuntime rt = runtime(sftpAgreement(sshd.knownHosts()))) {
            String id = rt.extractNow("civil-sftp").orElseThrow();
            assertThat(rt.outbox().deliverDue().sent()).containsExactly(id);
            Delivery d = rt.ledger().delivery(id).orElseThrow();
            assertThat(d.state()).isEqualTo(DeliveryState.SENT);
            assertThat(d.attempts()).isEqualTo(1);

            String name = "civil-sftp-" + id + ".json";
            assertThat(uploaded()).containsExactly(name, name + ".json", name + ".jws");
            byte[] payload = Files.readAllBytes(sshd.uploads().resolve(name));
            DeliveryPackage archived = DeliveryArchive.under(dataDir).load(id, name);
            assertThat(payload).isEqualTo(archived.payload());
            assertThat(DeliveryArchive.sha256(payload)).isEqualTo(d.contentSha256());
            assertThat(Files.readAllBytes(sshd.uploads().resolve(name + ".json"))).isEqualTo(archived.manifest());
            JsonNode manifest = JSON.readTree(sshd.uploads().resolve(name + ".json").toFile());
            assertThat(manifest.path("deliveryId").asText()).isEqualTo(id);
            assertThat(manifest.path("contentSha256").asText()).isEqualTo(d.contentSha256());
            assertSignedByTheHub(payload, Files.readString(sshd.uploads().resolve(name + ".jws")), id);
            JsonNode doc = JSON.readTree(payload);
            List<String> names = new ArrayList<>();
            doc.path("records").forEach(r -> names.add(r.path("name").asText()));
            assertThat(names).containsExactlyInAnyOrder("石蕾娟", "毕秀桂");
            assertThat(new String(payload, StandardCharsets.UTF_8)).doesNotContain("110102194909071225").doesNotContain("李娜");

            assertThat(rt.outbox().deliverDue().sent()).as("a SENT delivery is not sent again").isEmpty();
            assertThat(uploaded()).hasSize(3);
        }
        assertThat(sshd.log()).as("the hub logged in with its key").anyMatch(l -> l.contains("Accepted publickey for " + TestSshd.user()));
    }

    @Test
    void whileSshdIsDownTheDeliveryStaysPendingAndArrivesUnderTheSameIdWhenItIsBack() throws Exception {
        Path hashed = sshdDir.resolve("known_hosts_hashed");
        sshd.hashedKnownHosts(hashed);
        assertThat(Files.readString(hashed)).as("host names hashed").startsWith("|1|").doesNotContain("127.0.0.1");
        try (ExchangeRuntime rt = runtime(sftpAgreement(hashed))) {
            sshd.stop();
            String id = rt.extractNow("civil-sftp").orElseThrow();
            assertThat(rt.outbox().deliverDue().retrying()).containsExactly(id);
            Delivery d = rt.ledger().delivery(id).orElseThrow();
            assertThat(d.state()).isEqualTo(DeliveryState.PENDING);
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.lastError()).contains("sftp://" + TestSshd.user() + "@127.0.0.1:" + sshd.port()).contains("cannot connect");
            assertThat(d.nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(10));

            clock.advance(Duration.ofSeconds(10));
            assertThat(rt.outbox().deliverDue().retrying()).containsExactly(id);
            assertThat(rt.ledger().delivery(id).orElseThrow().attempts()).isEqualTo(2);
            assertThat(uploaded()).isEmpty();

            sshd.start();
            clock.advance(Duration.ofSeconds(20));
            assertThat(rt.outbox().deliverDue().sent()).containsExactly(id);
            assertThat(rt.ledger().delivery(id).orElseThrow().state()).isEqualTo(DeliveryState.SENT);
            String name = "civil-sftp-" + id + ".json";
            assertThat(uploaded()).containsExactly(name, name + ".json", name + ".jws");
            byte[] payload = Files.readAllBytes(sshd.uploads().resolve(name));
            assertThat(DeliveryArchive.sha256(payload)).isEqualTo(rt.ledger().delivery(id).orElseThrow().contentSha256());
            assertSignedByTheHub(payload, Files.readString(sshd.uploads().resolve(name + ".jws")), id);
        }
    }

    @Test
    void aServerWhoseHostKeyIsNotTheKnownOneIsRefusedAndGetsNothing() throws Exception {
        Path knownHosts = sshdDir.resolve("known_hosts_other");
        Files.writeString(knownHosts, "[127.0.0.1]:" + sshd.port() + " " + TestSshd.otherKey(sshdDir.resolve("impostor")) + "\n");
        try (ExchangeRuntime rt = runtime(sftpAgreement(knownHosts))) {
            String id = rt.extractNow("civil-sftp").orElseThrow();
            assertThat(rt.outbox().deliverDue().retrying()).containsExactly(id);
            Delivery d = rt.ledger().delivery(id).orElseThrow();
            assertThat(d.state()).isEqualTo(DeliveryState.PENDING);
            assertThat(d.lastError()).contains("host key refused").contains("differs from the one for it in " + knownHosts);
        }
        assertThat(uploaded()).as("nothing uploaded, not even a temporary file").isEmpty();
        assertThat(sshd.log()).as("no login").noneMatch(l -> l.contains("Accepted publickey"));
    }

    @Test
    void aServerNotInKnownHostsIsRefusedAndKnownHostsIsNotAddedTo() throws Exception {
        Path knownHosts = sshdDir.resolve("known_hosts_port22");
        String line = "127.0.0.1 " + Files.readString(sshdDir.resolve("host_ed25519.pub")); // the right key, for port 22 only
        Files.writeString(knownHosts, line);
        var settings = new AgreementDefinition.Sftp("127.0.0.1", sshd.port(), TestSshd.user(), sshd.clientKey().toString(),
                knownHosts.toString(), sshd.uploads().toString());
        assertThat(SftpChannel.knownHostsProblem(knownHosts, "127.0.0.1", sshd.port()))
                .contains("has no host key for [127.0.0.1]:" + sshd.port());
        assertThatThrownBy(() -> new SftpChannel(settings).send(pkg("0b9b1d7e-0000-4000-8000-000000000001", new byte[]{1, 2, 3})))
                .hasMessageContaining("host key refused").hasMessageContaining("is not in " + knownHosts);
        assertThat(uploaded()).isEmpty();
        assertThat(Files.readString(knownHosts)).isEqualTo(line);
    }

    private static DeliveryPackage pkg(String id, byte[] payload) {
        String sha = DeliveryArchive.sha256(payload);
        return new DeliveryPackage(id, "civil-sftp", "civil-sftp-" + id + ".csv", "text/csv", payload, sha,
                "eyJhbGciOiJFUzI1NiJ9..c2lnbmF0dXJl", ("{\"deliveryId\": \"" + id + "\", \"contentSha256\": \"" + sha + "\"}")
                .getBytes(StandardCharsets.UTF_8));
    }

    private SftpChannel channel() {
        return new SftpChannel(new AgreementDefinition.Sftp("127.0.0.1", sshd.port(), TestSshd.user(),
                sshd.clientKey().toString(), sshd.knownHosts().toString(), sshd.uploads().toString()));
    }

    @Test
    void noFileEverAppearsUnderItsFinalNameIncompleteAndThePayloadComesLast() throws Exception {
        byte[] payload = new byte[2 * 1024 * 1024];
        new Random(10).nextBytes(payload);
        DeliveryPackage p = pkg("0b9b1d7e-0000-4000-8000-000000000002", payload);
        Path target = sshd.uploads().resolve(p.fileName());
        List<String> wrongContent = new CopyOnWriteArrayList<>();
        AtomicBoolean sending = new AtomicBoolean(true);
        List<String> events = new ArrayList<>();
        try (WatchService watch = sshd.uploads().getFileSystem().newWatchService()) {
            sshd.uploads().register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
            Thread reader = Thread.ofPlatform().start(() -> { // a partner reading the final name as soon as it is there
                while (sending.get()) {
                    try {
                        if (Files.exists(target)) {
                            String sha = DeliveryArchive.sha256(Files.readAllBytes(target));
                            if (!sha.equals(p.sha256())) {
                                wrongContent.add(sha);
                            }
                        }
                    } catch (java.io.IOException e) {
                        wrongContent.add(e.toString());
                    }
                }
            });
            try {
                channel().send(p);
            } finally {
                sending.set(false);
                reader.join();
            }
            for (WatchKey key = watch.poll(); key != null; key = watch.poll()) {
                for (WatchEvent<?> e : key.pollEvents()) {
                    events.add(e.kind().name() + " " + e.context());
                }
                key.reset();
            }
        }
        assertThat(wrongContent).as("the final name never held other bytes").isEmpty();
        assertThat(DeliveryArchive.sha256(Files.readAllBytes(target))).isEqualTo(p.sha256());
        assertThat(uploaded()).containsExactly(p.fileName(), p.fileName() + ".json", p.fileName() + ".jws");
        assertThat(events).as("nothing writes into a final name").noneMatch(e -> e.startsWith("ENTRY_MODIFY civil"));
        String part = "." + p.fileName() + ".part";
        assertThat(events).contains("ENTRY_MODIFY " + part, "ENTRY_DELETE " + part);
        List<String> created = events.stream().filter(e -> e.startsWith("ENTRY_CREATE civil")).toList();
        assertThat(created).as("signature, manifest, then the payload").containsExactly("ENTRY_CREATE " + p.fileName() + ".jws",
                "ENTRY_CREATE " + p.fileName() + ".json", "ENTRY_CREATE " + p.fileName());
        assertThat(events.indexOf("ENTRY_CREATE " + part)).isLessThan(events.indexOf("ENTRY_CREATE " + p.fileName()));
    }

    @Test
    void sendingADeliveryAgainLeavesTheCompleteFilesAndReplacesADamagedOne() throws Exception {
        DeliveryPackage p = pkg("0b9b1d7e-0000-4000-8000-000000000003", "name,gender\r\n石蕾娟,2\r\n".getBytes(StandardCharsets.UTF_8));
        channel().send(p);
        Path payload = sshd.uploads().resolve(p.fileName());
        Object inode = Files.getAttribute(payload, "unix:ino");
        channel().send(p);
        assertThat(Files.getAttribute(payload, "unix:ino")).as("a complete file of the same delivery is left as it is").isEqualTo(inode);
        assertThat(uploaded()).containsExactly(p.fileName(), p.fileName() + ".json", p.fileName() + ".jws");

        Files.writeString(payload, "name,gender\r\n石蕾");
        channel().send(p);
        assertThat(Files.readAllBytes(payload)).isEqualTo(p.payload());
        assertThat(uploaded()).as("no temporary file left").containsExactly(p.fileName(), p.fileName() + ".json", p.fileName() + ".jws");
    }

    @Test
    void aMissingFolderOnTheServerIsTheServerNotReadyAndNamesTheFolder() throws Exception {
        Path gone = sshd.uploads().resolve("not-there");
        SftpChannel c = new SftpChannel(new AgreementDefinition.Sftp("127.0.0.1", sshd.port(), TestSshd.user(),
                sshd.clientKey().toString(), sshd.knownHosts().toString(), gone.toString()));
        assertThatThrownBy(() -> c.send(pkg("0b9b1d7e-0000-4000-8000-000000000004", new byte[]{1})))
                .hasMessageContaining("folder " + gone + " does not exist");
        assertThat(uploaded()).isEmpty();
    }
}

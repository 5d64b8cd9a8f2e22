package org.jiedao.hub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jiedao.hub.graph.testing.TestNeo4j;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code hub ingest} and {@code hub quarantine list|show|export|replay} through their picocli command classes, as a
 * user runs them, against the test Neo4j ({@code NEO4J_URI}) and a generated file dropped in a temporary directory.
 */
class QuarantineCommandsTest {
    @TempDir
    Path dir;
    private Path drop;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void sources() throws Exception {
        TestNeo4j.clear();
        drop = Files.createDirectories(dir.resolve("drop"));
        Path sources = Files.createDirectories(dir.resolve("sources"));
        Files.writeString(sources.resolve("residents.yaml"), ResidentsFile.definition(drop));
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("NEO4J_URI", TestNeo4j.boltUri().toString());
        env.put("HUB_DATA_DIR", dir.resolve("data").toString());
        env.put("HUB_SOURCES_DIR", dir.resolve("sources").toString());
        return env;
    }

    private int ingest(String... args) {
        out.reset();
        err.reset();
        IngestCommand c = new IngestCommand();
        c.env = env();
        c.stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        c.stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
        c.terminal = false;
        return new CommandLine(c).execute(args);
    }

    private int quarantine(String... args) {
        out.reset();
        err.reset();
        QuarantineCommand c = new QuarantineCommand();
        c.env = env();
        c.stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        c.stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
        CommandLine cli = new CommandLine(c);
        cli.setErr(new java.io.PrintWriter(c.stderr, true));
        return cli.execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static long count(String cypher) {
        try (var s = TestNeo4j.driver().session()) {
            return s.run(cypher).single().get(0).asLong();
        }
    }

    private static Map<String, String> quarantinedReasonsByLocation() {
        try (var s = TestNeo4j.driver().session()) {
            return s.run("MATCH (q:QuarantinedRecord {source: 'residents'}) WHERE q.resolvedAt IS NULL RETURN q.location AS l, q.reason AS r")
                    .list(r -> Map.entry(r.get("l").asString(), r.get("r").asString())).stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        }
    }

    @Test
    void tenThousandRowsWithFivePercentBadLoadTheGoodQuarantineTheBadAndReplayTheCorrected() throws Exception {
        ResidentsFile file = new ResidentsFile("residents.csv", 10_000, 20);
        assertThat(file.bad).hasSize(500);
        file.write(drop);

        assertThat(ingest(ResidentsFile.SOURCE)).as(err()).isZero();
        assertThat(out()).contains("residents").containsPattern("residents\\s+10000\\s+9500\\s+0\\s+500\\s+0");
        assertThat(count("MATCH (r:SourceRecord {source: 'residents'}) RETURN count(r)")).isEqualTo(9_500);
        assertThat(count("MATCH (p:Person) RETURN count(p)")).isEqualTo(9_500);
        try (Stream<Path> done = Files.list(drop.resolve(".done"))) {
            assertThat(done.count()).isOne();
        }

        // every bad row is quarantined at its location, with a reason naming its column
        Map<String, String> reasons = quarantinedReasonsByLocation();
        assertThat(reasons).hasSize(500);
        file.bad.forEach((row, kind) -> {
            String reason = reasons.get(file.location(row));
            assertThat(reason).as("row %d (%s)", row, kind).isNotNull();
            if (kind.column != null) {
                assertThat(reason).as("row %d (%s)", row, kind).contains(kind.column);
            } else {
                assertThat(reason).as("row %d (%s)", row, kind).contains("quotes");
            }
        });

        // replaying without corrections writes nothing: the definitions did not change, and unreadable lines wait for one
        assertThat(quarantine("replay", "--source", "residents")).as(err()).isZero();
        long unreadable = file.bad.values().stream().filter(b -> b == ResidentsFile.Bad.BROKEN_QUOTE).count();
        assertThat(out()).contains("0 resolved").contains((500 - unreadable) + " still invalid")
                .contains(unreadable + " unreadable without a correction");
        assertThat(count("MATCH (r:SourceRecord {source: 'residents'}) RETURN count(r)")).isEqualTo(9_500);

        // export -> fix -> replay --corrections
        assertThat(quarantine("export", "--source", "residents")).isZero();
        List<String> exported = out().lines().toList();
        assertThat(exported).hasSize(500);
        assertThat(err()).contains("500 quarantined record(s) exported");
        Map<String, Integer> rowByLocation = new HashMap<>();
        file.bad.keySet().forEach(i -> rowByLocation.put(file.location(i), i));
        StringBuilder corrections = new StringBuilder();
        for (String line : exported) {
            Map<String, Object> entry = new LinkedHashMap<>(Jsonl.object(line));
            assertThat(entry).containsKeys("id", "source", "location", "reason", "raw");
            entry.put("raw", file.good.get(rowByLocation.get((String) entry.get("location"))));
            corrections.append(Jsonl.line(entry)).append('\n');
        }
        Path fixes = Files.writeString(dir.resolve("fixed.jsonl"), corrections);
        assertThat(quarantine("replay", "--corrections", fixes.toString())).as(err()).isZero();
        assertThat(out()).contains("500 resolved").contains("0 still invalid");

        assertThat(count("MATCH (r:SourceRecord {source: 'residents'}) RETURN count(r)")).isEqualTo(10_000);
        assertThat(count("MATCH (p:Person) RETURN count(p)")).isEqualTo(10_000);
        assertThat(count("MATCH (p:Person)-[:OWNS]->(:Vehicle) RETURN count(p)")).isEqualTo(2_500);
        // kept for audit, resolved, each pointing at the record it became
        assertThat(count("MATCH (q:QuarantinedRecord) RETURN count(q)")).isEqualTo(500);
        assertThat(count("""
                MATCH (q:QuarantinedRecord) WHERE q.resolvedAt IS NOT NULL
                MATCH (r:SourceRecord {uid: q.recordUid}) RETURN count(r)""")).isEqualTo(500);
        assertThat(quarantine("list", "--source", "residents")).isZero();
        assertThat(out()).isEmpty();
        assertThat(err()).contains("0 unresolved quarantined record(s) shown");
        assertThat(quarantine("--source", "residents", "--all", "--limit", "3")).isZero();
        assertThat(out().lines()).hasSize(3).allSatisfy(l -> assertThat(l).contains("\tresolved ").contains(" as residents:"));
    }

    @Test
    void showPrintsOneEntryInFullAndListWithoutSubcommandStillLists() throws Exception {
        ResidentsFile file = new ResidentsFile("small.csv", 40, 20);
        file.write(drop);
        assertThat(ingest(ResidentsFile.SOURCE)).as(err()).isZero();

        assertThat(quarantine("--source", "residents")).isZero();
        List<String> lines = out().lines().toList();
        assertThat(lines).hasSize(2);
        String[] first = lines.getFirst().split("\t");
        assertThat(first[1]).isEqualTo("residents");
        assertThat(first[2]).isEqualTo(file.location(17));
        assertThat(first[3]).contains("公民身份号码");

        assertThat(quarantine("show", first[0])).as(err()).isZero();
        String badId = file.good.get(17).get("公民身份号码");
        String shown = out();
        assertThat(shown).contains("source       residents").contains("location     small.csv line 19")
                .contains("reason       " + first[3]).contains("status       unresolved").contains("raw values:")
                .containsPattern("公民身份号码\\s+" + badId.substring(0, 17)).containsPattern("姓名\\s+" + file.good.get(17).get("姓名"))
                .containsPattern("quarantined\\s+\\d{4}-");

        assertThat(quarantine("show", "residents:ffffffffffffff")).isEqualTo(1);
        assertThat(err()).contains("no quarantine entry 'residents:ffffffffffffff'");
        assertThat(quarantine("show", "re")).isEqualTo(2);
        assertThat(quarantine("show", "residents:")).isEqualTo(2);
        assertThat(err()).contains("matches several quarantine entries");
    }

    @Test
    void unknownSourcesAreRefusedWithTheKnownOnes() {
        assertThat(quarantine("list", "--source", "nosuch")).isEqualTo(2);
        assertThat(err()).contains("no source 'nosuch'");
        assertThat(ingest("residnets")).isEqualTo(2);
        assertThat(err()).contains("no source 'residnets' is declared in " + dir.resolve("sources")).contains("declared: residents");
        assertThat(quarantine("replay", "--source", "nosuch")).isEqualTo(2);
        assertThat(err()).contains("declared: residents");
    }

    @Test
    void aFileRejectedWholeIsReturnedFromFailedAndReadAgainByReplay() throws Exception {
        // the header lacks the required ID-number column: the file is refused whole and moved to .failed/
        Files.writeString(drop.resolve("wrong.csv"), "户号,姓名\r\nH1,林晓雨\r\n", StandardCharsets.UTF_8);
        assertThat(ingest(ResidentsFile.SOURCE)).isEqualTo(1);
        assertThat(err()).contains("1 file(s) or poll(s) failed").contains("公民身份号码");
        Path failed;
        try (Stream<Path> files = Files.list(drop.resolve(".failed"))) {
            failed = files.findFirst().orElseThrow();
        }
        assertThat(quarantine("list")).isZero();
        assertThat(out()).contains("\twrong.csv\t");

        // replaying it unchanged: it is read again, fails again, and its entry stays
        assertThat(quarantine("replay")).isEqualTo(1);
        assertThat(out()).contains("files: 1 returned from .failed/ and read again, 1 failed again");
        assertThat(count("MATCH (q:QuarantinedRecord) WHERE q.resolvedAt IS NULL RETURN count(q)")).isOne();

        // fixed where it lies in .failed/, then replayed: taken in, entry resolved
        try (Stream<Path> files = Files.list(drop.resolve(".failed"))) {
            failed = files.findFirst().orElseThrow();
        }
        ResidentsFile good = new ResidentsFile("wrong.csv", 3, 1000);
        Files.move(good.write(dir), failed, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(quarantine("replay")).as(err()).isZero();
        assertThat(out()).contains("files: 1 returned from .failed/ and read again, 0 failed again");
        assertThat(count("MATCH (r:SourceRecord {source: 'residents'}) RETURN count(r)")).isEqualTo(3);
        assertThat(count("MATCH (q:QuarantinedRecord) WHERE q.resolvedAt IS NULL RETURN count(q)")).isZero();
        try (Stream<Path> files = Files.list(drop.resolve(".failed"))) {
            assertThat(files.map(p -> p.getFileName().toString()).collect(Collectors.toSet())).isEqualTo(Set.of());
        }
    }
}

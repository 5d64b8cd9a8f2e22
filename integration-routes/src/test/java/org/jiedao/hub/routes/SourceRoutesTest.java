package org.jiedao.hub.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jiedao.hub.routes.RouteFixture.count;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jiedao.hub.graph.write.RecordWriter;
import org.jiedao.hub.simulator.GeneratedSilos;
import org.jiedao.hub.simulator.SiloGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real routes on generated silos (GBK CSV file drop, H2 table, JSON file drop) against a real Neo4j: what
 * the ground truth says must be written is written, what it says must be quarantined is, and a re-run adds nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SourceRoutesTest {
    @TempDir
    static Path dataDir;
    private GeneratedSilos silos;
    private RecordWriter writer;
    private Map<String, SourceStats> firstRun;

    @BeforeAll
    void ingestGeneratedSilosOnce() throws Exception {
        silos = SiloGenerator.Options.builder().persons(800).generator().generate(dataDir.resolve("silos"));
        writer = RouteFixture.freshGraph();
        try (IntegrationRuntime routes = RouteFixture.routes(dataDir, Map.of(), writer)) {
            routes.start();
            assertThat(routes.awaitInitialLoad(Duration.ofMinutes(3))).as("initial load finished").isTrue();
            firstRun = routes.stats();
        }
    }

    @Test
    void everySiloIsWrittenOrQuarantinedAsTheGroundTruthSays() {
        assertThat(firstRun.get("hukou").written()).isEqualTo(silos.hukou().expectedWritten());
        assertThat(firstRun.get("hukou").quarantined()).isEqualTo(silos.hukou().expectedQuarantined());
        assertThat(firstRun.get("vehicles").written()).isEqualTo(silos.vehicles().expectedWritten());
        // the table is polled whole every 10 s, so a slow initial load re-reads (and re-counts) its bad rows: count them in the graph
        assertThat(count("MATCH (q:QuarantinedRecord {source: 'vehicles'}) RETURN count(q)")).isEqualTo(silos.vehicles().expectedQuarantined());
        assertThat(firstRun.get("hotline12345").written()).isEqualTo(silos.hotline().expectedWritten());
        assertThat(firstRun.get("hotline12345").quarantined()).isEqualTo(silos.hotline().expectedQuarantined());
        assertThat(firstRun.get("civilaffairs").written()).isEqualTo(silos.civilAffairs().expectedWritten());
        assertThat(firstRun.get("civilaffairs").quarantined()).isEqualTo(silos.civilAffairs().expectedQuarantined());
        assertThat(count("MATCH (q:QuarantinedRecord) WHERE NOT q.location IN ['broken.csv', 'empty.csv', 'wrong_header.csv'] RETURN count(q)")).isEqualTo(silos.totalExpectedQuarantined());
    }

    @Test
    void quarantineKeepsReasonAndLocation() {
        assertThat(count("MATCH (q:QuarantinedRecord {source: 'hukou'}) WHERE q.location STARTS WITH 'hukou_registry.csv line ' "
                + "AND size(q.reason) > 10 RETURN count(q)")).isEqualTo(silos.hukou().expectedQuarantined());
    }

    @Test
    void theExamplePersonComesTogetherFromThreeSources() {
        Map<String, Object> id = Map.of("id", silos.examplePerson());
        assertThat(count("MATCH (p:Person {idNumber: $id}) RETURN count(p)", id)).isEqualTo(1);
        assertThat(count("MATCH (r:SourceRecord)-[:RESOLVES_TO|MENTIONS]->(:Person {idNumber: $id}) RETURN count(DISTINCT r.source)", id))
                .isEqualTo(3);
        assertThat(count("MATCH (:Person {idNumber: $id})-[:OWNS]->(v:Vehicle) RETURN count(v)", id)).isPositive();
        assertThat(count("MATCH (c:Case)-[:REPORTED_BY]->(:Person {idNumber: $id}) RETURN count(c)", id)).isPositive();
        assertThat(count("MATCH (:Person {idNumber: $id})-[:RESIDES_AT]->(:Address)-[:IN_COMMUNITY]->(:Community)"
                + "-[:IN_SUBDISTRICT]->(:Subdistrict {code: '110102001'}) RETURN count(*)", id)).isEqualTo(1);
    }

    @Test
    void oneNodePerPersonWhateverFormTheIdNumberWasWrittenIn() throws Exception {
        assertThat(count("MATCH (p:Person) WHERE size(p.idNumber) <> 18 OR p.idNumber =~ '.*[^0-9X].*' RETURN count(p)")).isZero();
        // the registry's residents, and the children known only from the registration-change log (hukou-moves)
        long children = org.jiedao.hub.simulator.KindergartenTruth.read(silos.outDir()).spells().stream()
                .filter(s -> s.record().startsWith("hukou-moves:")).count();
        assertThat(count("MATCH (p:Person) WHERE p.idNumber IS NOT NULL RETURN count(p)")).isEqualTo(silos.hukou().expectedWritten() + children);
        // 12345 callers who gave no ID number: one provisional person each, named by their case, for entity resolution
        assertThat(count("MATCH (p:Person) WHERE p.idNumber IS NULL RETURN count(p)")).isPositive()
                .isEqualTo(count("MATCH (p:Person:Unresolved)<-[:REPORTED_BY]-(:Case) WHERE p.idNumber IS NULL RETURN count(p)"));
        assertThat(count("MATCH (v:Vehicle) WHERE v.plate CONTAINS '·' OR v.plate CONTAINS ' ' RETURN count(v)")).isZero();
    }

    /** The archived copy of a file: {@code .done/<name>.<time>.<ext>}. */
    private static Path archived(Path dir, String name) throws Exception {
        String stem = name.substring(0, name.lastIndexOf('.'));
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(stem + ".")).findFirst()
                    .orElseThrow(() -> new AssertionError("no archived " + name + " in " + dir));
        }
    }

    @Test
    void filesAreMovedToDoneOnlyAfterTheirRecordsAreCommitted() throws Exception {
        assertThat(archived(dataDir.resolve("silos/hukou/.done"), "hukou_registry.csv")).exists();
        assertThat(archived(dataDir.resolve("silos/hotline12345/.done"), "cases_2026.json")).exists();
        try (Stream<Path> left = Files.list(dataDir.resolve("silos/hukou"))) {
            assertThat(left.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void reRunningTheSameInputChangesNothing() throws Exception {
        long nodes = count("MATCH (n) RETURN count(n)");
        long rels = count("MATCH ()-[r]->() RETURN count(r)");
        Path silosDir = dataDir.resolve("silos");
        Files.copy(archived(silosDir.resolve("hukou/.done"), "hukou_registry.csv"), silosDir.resolve("hukou/hukou_registry.csv"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.copy(archived(silosDir.resolve("hotline12345/.done"), "cases_2025.json"), silosDir.resolve("hotline12345/cases_2025.json"),
                StandardCopyOption.REPLACE_EXISTING);
        try (IntegrationRuntime routes = RouteFixture.routes(dataDir, Map.of(), writer)) {
            routes.start();
            assertThat(routes.awaitInitialLoad(Duration.ofMinutes(3))).isTrue();
            assertThat(routes.stats().get("hukou").written()).isZero();
            assertThat(routes.stats().get("hukou").unchanged()).isEqualTo(silos.hukou().expectedWritten());
            assertThat(routes.stats().get("vehicles").written()).isZero();
        }
        assertThat(count("MATCH (n) RETURN count(n)")).isEqualTo(nodes);
        assertThat(count("MATCH ()-[r]->() RETURN count(r)")).isEqualTo(rels);
    }

    @Test
    void anEmptyFileIsRejectedWithAReasonAndDoesNotStallItsFolder() throws Exception {
        Path dir = dataDir.resolve("silos/hukou");
        Files.write(dir.resolve("empty.csv"), new byte[0]);
        try (IntegrationRuntime routes = RouteFixture.routes(dataDir, Map.of(), writer, "hukou")) {
            routes.start();
            assertThat(routes.awaitInitialLoad(Duration.ofMinutes(1))).isTrue();
        }
        assertThat(archived(dir.resolve(".failed"), "empty.csv")).exists();
        assertThat(count("MATCH (q:QuarantinedRecord {location: 'empty.csv'}) RETURN count(q)")).isEqualTo(1);
    }

    @Test
    void aCsvWithoutTheRequiredColumnsIsRefusedOnceNamingThem() throws Exception {
        Path dir = dataDir.resolve("silos/hukou");
        Files.writeString(dir.resolve("wrong_header.csv"), "编号,名字\n1,张三\n2,李四\n");
        try (IntegrationRuntime routes = RouteFixture.routes(dataDir, Map.of(), writer, "hukou")) {
            routes.start();
            assertThat(routes.awaitInitialLoad(Duration.ofMinutes(1))).isTrue();
        }
        assertThat(archived(dir.resolve(".failed"), "wrong_header.csv")).exists();
        try (var s = org.jiedao.hub.graph.testing.TestNeo4j.driver().session()) {
            String reason = s.run("MATCH (q:QuarantinedRecord {location: 'wrong_header.csv'}) RETURN q.reason AS r").single().get("r").asString();
            assertThat(reason).contains("户号").contains("公民身份号码").contains("required columns missing");
        }
    }

    @Test
    void aFileThatIsNeitherUtf8NorGb18030IsRejectedWholeAndKept() throws Exception {
        Path dir = dataDir.resolve("silos/hukou");
        byte[] header = "户号,姓名,性别,民族,出生日期,公民身份号码,与户主关系,住址,社区代码\r\n".getBytes(Charset.forName("GBK"));
        byte[] broken = new byte[header.length + 3];
        System.arraycopy(header, 0, broken, 0, header.length);
        broken[header.length] = (byte) 0x81; // a GB18030 lead byte followed by an invalid trail byte
        broken[header.length + 1] = (byte) 0x20;
        broken[header.length + 2] = (byte) 0xFF;
        Files.write(dir.resolve("broken.csv"), broken);
        long before = count("MATCH (n) WHERE NOT n:QuarantinedRecord RETURN count(n)");
        try (IntegrationRuntime routes = RouteFixture.routes(dataDir, Map.of(), writer, "hukou")) {
            routes.start();
            assertThat(routes.awaitInitialLoad(Duration.ofMinutes(1))).isTrue();
            assertThat(routes.stats().get("hukou").failedUnits()).isEqualTo(1);
        }
        assertThat(archived(dir.resolve(".failed"), "broken.csv")).exists();
        assertThat(count("MATCH (q:QuarantinedRecord {location: 'broken.csv'}) RETURN count(q)")).isEqualTo(1);
        assertThat(count("MATCH (n) WHERE NOT n:QuarantinedRecord RETURN count(n)")).isEqualTo(before);
    }

}

package org.jiedao.hub.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jiedao.hub.routes.RouteFixture.count;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.jiedao.hub.graph.ops.IngestionRun;
import org.jiedao.hub.graph.ops.Operations;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.graph.write.RecordWriter;
import org.jiedao.hub.loaders.mapping.SourceMapping;
import org.jiedao.hub.loaders.normalise.IdNumber;
import org.jiedao.hub.loaders.source.Placeholders;
import org.jiedao.hub.loaders.source.SourceDefinitions;
import org.jiedao.hub.ontology.Ontology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The bundled vehicle source with its watermark ({@code updated_at}, key {@code record_id}) on PostgreSQL, MariaDB
 * and H2, in a database of its own per test, read 3 rows at a time: rows sharing a watermark value across a batch
 * boundary, inserted and updated rows, a restarted runtime resuming from the watermark stored in the graph, and a
 * batch the graph refuses leaving the watermark where it was.
 */
class JdbcWatermarkTest {
    private static final LocalDateTime T0 = LocalDateTime.of(2026, 3, 1, 9, 0, 0);

    @TempDir
    Path dataDir;
    private TestDatabases.Db db;
    private Operations ops;
    private RecordWriter writer;

    @BeforeEach
    void graph() {
        writer = RouteFixture.freshGraph();
        ops = Operations.create(TestNeo4j.driver());
    }

    @AfterEach
    void dropAll() throws SQLException {
        ops.close();
        if (db != null) {
            db.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void incrementalPollsSkipNothingAndARestartResumesFromTheStoredWatermark(TestDatabases kind) throws Exception {
        db = kind.create(dataDir);
        createTable();
        // 101, 102 at T0; 103..106 share T0+1h (the 3-row batches split them 103 | 104 105 106); 107 at T0+2h
        insert(101, T0, "大众");
        insert(102, T0, "丰田");
        for (int id = 103; id <= 106; id++) {
            insert(id, T0.plusHours(1), "本田");
        }
        insert(107, T0.plusHours(2), "别克");

        try (IntegrationRuntime routes = routes()) {
            routes.start();
            assertThat(routes.awaitInitialLoad(Duration.ofMinutes(2))).isTrue();
            assertThat(routes.stats().get("vehicles").read()).isEqualTo(7);
            assertThat(records()).isEqualTo(7);
            assertThat(ops.runs("vehicles", 10)).extracting(r -> r.counts().read()).containsExactly(1L, 3L, 3L);
            assertThat(ops.watermark("vehicles")).hasValueSatisfying(w -> assertThat(w).contains("\"key\":\"107\""));

            // new rows sharing a value, and an update of an old row
            insert(108, T0.plusHours(3), "奥迪");
            insert(109, T0.plusHours(3), "宝马");
            db.execute("UPDATE vehicle_registration SET brand = '奔驰', updated_at = TIMESTAMP '2026-03-01 12:30:00' "
                    + "WHERE record_id = 102");
            await(() -> records() == 9 && brandOf("102").equals("奔驰"));
            assertThat(routes.stats().get("vehicles").read()).isEqualTo(10);
        }

        insert(110, T0.plusHours(4), "日产");
        try (IntegrationRuntime restarted = routes()) {
            restarted.start();
            assertThat(restarted.awaitInitialLoad(Duration.ofMinutes(2))).isTrue();
            assertThat(restarted.stats().get("vehicles").read()).as("only the row after the stored watermark is read")
                    .isEqualTo(1);
            assertThat(records()).isEqualTo(10);
        }
        IngestionRun last = ops.runs("vehicles", 1).getFirst();
        assertThat(last.unit()).contains("updated_at=2026-03-01T12:30, record_id=102").contains("1 row(s)");
        assertThat(last.counts().written()).isEqualTo(1);
        assertThat(last.error()).isNull();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aBatchTheGraphRefusesLeavesTheWatermarkWhereItWas(TestDatabases kind) throws Exception {
        db = kind.create(dataDir);
        createTable();
        insert(201, T0, "大众");
        insert(202, T0.plusMinutes(1), "丰田");
        // a real refusal: the graph will not take two vehicles of one brand
        run("CREATE CONSTRAINT wm_test_brand IF NOT EXISTS FOR (v:Vehicle) REQUIRE v.brand IS UNIQUE");
        try (IntegrationRuntime routes = routes()) {
            routes.start();
            assertThat(routes.awaitInitialLoad(Duration.ofMinutes(2))).isTrue();
            String before = ops.watermark("vehicles").orElseThrow();
            assertThat(before).contains("\"key\":\"202\"");

            insertTogether(new int[] {203, 204}, new LocalDateTime[] {T0.plusMinutes(2), T0.plusMinutes(3)}, "同一品牌");
            await(() -> routes.stats().get("vehicles").failedUnits() > 0);
            assertThat(ops.watermark("vehicles")).contains(before);
            assertThat(records()).isEqualTo(2);
            IngestionRun failed = ops.runs("vehicles", 50).stream().filter(r -> r.error() != null).findFirst().orElseThrow();
            assertThat(failed.error()).contains("同一品牌");
            assertThat(failed.counts().read()).isEqualTo(2);
            assertThat(failed.endedAt()).isNotNull();

            run("DROP CONSTRAINT wm_test_brand");
            await(() -> records() == 4);
            await(() -> ops.watermark("vehicles").orElseThrow().contains("\"key\":\"204\""));
        } finally {
            run("DROP CONSTRAINT wm_test_brand IF EXISTS");
        }
    }

    private IntegrationRuntime routes() throws Exception {
        Path sources = Files.createDirectories(dataDir.resolve("sources"));
        String yaml = Files.readString(RouteFixture.sourcesDir().resolve("vehicles.yaml"))
                .replaceAll("pollDelay: .*", "pollDelay: 300ms\n  batchRows: 3");
        Files.writeString(sources.resolve("vehicles.yaml"), yaml);
        Map<String, String> env = Map.of("VEHICLES_JDBC_URL", db.url(), "VEHICLES_JDBC_USER", db.user(),
                "VEHICLES_JDBC_PASSWORD", "", "HUB_DATA_DIR", dataDir.toString());
        List<SourceMapping> mappings = SourceDefinitions.load(sources, new Placeholders(env), dataDir).stream()
                .map(d -> SourceMapping.compile(d, Ontology.bundled())).toList();
        assertThat(mappings.getFirst().definition().jdbc().watermarkColumn()).isEqualTo("updated_at");
        return new IntegrationRuntime(mappings, writer, ops, 200);
    }

    private void createTable() throws SQLException {
        db.execute("CREATE TABLE vehicle_registration (record_id BIGINT PRIMARY KEY, plate_no VARCHAR(20) NOT NULL, "
                + "owner_id_number VARCHAR(18) NOT NULL, owner_name VARCHAR(40), vehicle_type VARCHAR(20), "
                + "brand VARCHAR(40), registered_on DATE, updated_at TIMESTAMP NOT NULL)");
    }

    private void insert(int id, LocalDateTime updatedAt, String brand) throws SQLException {
        insertTogether(new int[] {id}, new LocalDateTime[] {updatedAt}, brand);
    }

    /** Inserts rows in one transaction, so that no poll sees some of them without the others. */
    private void insertTogether(int[] ids, LocalDateTime[] updatedAt, String brand) throws SQLException {
        try (var c = db.connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO vehicle_registration "
                + "(record_id, plate_no, owner_id_number, owner_name, vehicle_type, brand, registered_on, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            c.setAutoCommit(false);
            for (int i = 0; i < ids.length; i++) {
                int id = ids[i];
                String first17 = "11010219800101" + (id % 1000);
                ps.setLong(1, id);
                ps.setString(2, "京A1" + id + "0".repeat(Math.max(0, 4 - String.valueOf(id).length())));
                ps.setString(3, first17 + IdNumber.checkCharacter(first17));
                ps.setString(4, "车主" + id);
                ps.setString(5, "小型汽车");
                ps.setString(6, brand);
                ps.setObject(7, java.sql.Date.valueOf("2020-05-0" + (1 + id % 9)));
                ps.setTimestamp(8, Timestamp.valueOf(updatedAt[i]));
                ps.executeUpdate();
            }
            c.commit();
        }
    }

    private static long records() {
        return count("MATCH (r:SourceRecord {source: 'vehicles'}) RETURN count(r)");
    }

    private static String brandOf(String recordKey) {
        try (var s = TestNeo4j.driver().session()) {
            return s.run("MATCH (:SourceRecord {source: 'vehicles', recordKey: $k})-[:RESOLVES_TO]->(v:Vehicle) RETURN v.brand",
                    Map.of("k", recordKey)).list(r -> r.get(0).asString("")).stream().findFirst().orElse("");
        }
    }

    private static void run(String cypher) {
        try (var s = TestNeo4j.driver().session()) {
            s.run(cypher).consume();
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 60 s");
            }
            Thread.sleep(100);
        }
    }
}

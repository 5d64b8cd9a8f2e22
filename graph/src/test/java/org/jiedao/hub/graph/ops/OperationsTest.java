package org.jiedao.hub.graph.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.jiedao.hub.graph.schema.GraphSchema;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.ontology.Ontology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The operational model through Spring Data Neo4j against the test Neo4j, with the ontology's constraints. */
class OperationsTest {
    private static Operations ops;

    @BeforeAll
    static void start() {
        TestNeo4j.clear();
        new GraphSchema(Ontology.bundled()).apply(TestNeo4j.driver());
        ops = Operations.create(TestNeo4j.driver());
    }

    @AfterAll
    static void stop() {
        ops.close();
    }

    private static long count(String cypher, Map<String, Object> params) {
        try (var s = TestNeo4j.driver().session()) {
            return s.run(cypher, params).single().get(0).asLong();
        }
    }

    @Test
    void aSourceRoundTripsWithTheOntologysLabelKeyAndPropertyNames() {
        ops.registerSource("ops-rt", "机动车登记", "jdbc", "交管");
        Source s = ops.source("ops-rt").orElseThrow();
        assertThat(s.name()).isEqualTo("机动车登记");
        assertThat(s.kind()).isEqualTo("jdbc");
        assertThat(s.departmentName()).isEqualTo("交管");
        assertThat(s.watermark()).isNull();
        assertThat(count("MATCH (s:Source {id: $id, name: '机动车登记', kind: 'jdbc', departmentName: '交管'}) RETURN count(s)",
                Map.of("id", "ops-rt"))).isEqualTo(1);
    }

    @Test
    void registeringAgainUpdatesTheOneNodeAndKeepsItsWatermarkAndOtherProperties() {
        ops.registerSource("ops-again", "旧名", "jdbc", null);
        ops.advanceWatermark("ops-again", "{\"value\":\"5\"}");
        try (var session = TestNeo4j.driver().session()) {
            session.run("MATCH (s:Source {id: 'ops-again'}) SET s.note = 'set by another writer'").consume();
        }
        ops.registerSource("ops-again", "新名", "jdbc", "部门");
        assertThat(count("MATCH (s:Source {id: 'ops-again'}) RETURN count(s)", Map.of())).isEqualTo(1);
        Source s = ops.source("ops-again").orElseThrow();
        assertThat(s.name()).isEqualTo("新名");
        assertThat(s.watermark()).isEqualTo("{\"value\":\"5\"}");
        assertThat(count("MATCH (s:Source {id: 'ops-again', note: 'set by another writer'}) RETURN count(s)", Map.of()))
                .isEqualTo(1);
    }

    @Test
    void aSourceWithoutANameIsNamedByItsId() {
        ops.registerSource("ops-noname", null, "file", null);
        assertThat(ops.source("ops-noname").orElseThrow().name()).isEqualTo("ops-noname");
    }

    @Test
    void aRunIsRecordedWithItsUnitCountsErrorAndSource() throws Exception {
        ops.registerSource("ops-runs", "热线", "file", null);
        String first = ops.startRun("ops-runs", "a.csv");
        ops.finishRun(first, new RunCounts(10, 7, 2, 1), null);
        Thread.sleep(5);
        String second = ops.startRun("ops-runs", "b.csv");
        IngestionRun running = ops.runs("ops-runs", 1).getFirst();
        assertThat(running.id()).isEqualTo(second);
        assertThat(running.endedAt()).isNull();
        ops.finishRun(second, new RunCounts(3, 0, 0, 0), "broken file");

        var runs = ops.runs("ops-runs", 10);
        assertThat(runs).extracting(IngestionRun::unit).containsExactly("b.csv", "a.csv");
        IngestionRun done = runs.get(1);
        assertThat(done.counts()).isEqualTo(new RunCounts(10, 7, 2, 1));
        assertThat(done.error()).isNull();
        assertThat(done.endedAt()).isAfterOrEqualTo(done.startedAt());
        assertThat(done.source().id()).isEqualTo("ops-runs");
        assertThat(runs.getFirst().error()).isEqualTo("broken file");
        assertThat(ops.lastRuns()).filteredOn(r -> r.source().id().equals("ops-runs")).extracting(IngestionRun::id)
                .containsExactly(second);
        assertThat(count("MATCH (:IngestionRun {unit: 'a.csv', recordsRead: 10, recordsWritten: 7, recordsUnchanged: 2, "
                + "recordsQuarantined: 1})-[:RUN_OF]->(:Source {id: 'ops-runs'}) RETURN count(*)", Map.of())).isEqualTo(1);
    }

    @Test
    void finishingARunLeavesTheWatermarkAdvancedMeanwhile() {
        ops.registerSource("ops-wm", "表", "jdbc", null);
        String run = ops.startRun("ops-wm", "poll");
        ops.advanceWatermark("ops-wm", "w2");
        ops.finishRun(run, new RunCounts(1, 1, 0, 0), null);
        assertThat(ops.watermark("ops-wm")).contains("w2");
    }

    @Test
    void unknownSourcesAndRunsAreRefusedByName() {
        assertThatThrownBy(() -> ops.startRun("ops-nope", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ops-nope");
        assertThatThrownBy(() -> ops.advanceWatermark("ops-nope", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ops.finishRun("no-such-run", RunCounts.NONE, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ops.watermark("ops-nope")).isEmpty();
    }

    @Test
    void closingTheModelLeavesTheDriverOpen() {
        Operations other = Operations.create(TestNeo4j.driver());
        other.close();
        assertThat(count("RETURN 1", Map.of())).isEqualTo(1);
    }
}

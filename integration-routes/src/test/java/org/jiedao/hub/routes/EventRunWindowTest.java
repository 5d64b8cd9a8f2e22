package org.jiedao.hub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jiedao.hub.graph.ops.IngestionRun;
import org.jiedao.hub.graph.ops.Operations;
import org.jiedao.hub.graph.ops.RunCounts;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.graph.write.RecordWriter;
import org.jiedao.hub.loaders.mapping.SourceMapping;
import org.jiedao.hub.loaders.read.JsonRecordReader;
import org.jiedao.hub.loaders.source.Placeholders;
import org.jiedao.hub.loaders.source.SourceDefinitions;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.simulator.EventSilo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages of an event feed are recorded together, one ingestion run per window, not one run per event; a message
 * whose write fails is recorded as a run of its own with the error.
 */
class EventRunWindowTest {
    @TempDir
    Path dir;
    private Operations ops;
    private RecordWriter writer;
    private final EventSilo silo = EventSilo.withDefaults();

    @BeforeEach
    void graph() {
        writer = RouteFixture.freshGraph();
        ops = Operations.create(TestNeo4j.driver());
    }

    @AfterEach
    void close() {
        ops.close();
    }

    private Ingester ingester() {
        SourceMapping mapping = SourceMapping.compile(SourceDefinitions.read(
                ExampleSources.examplesDir().resolve("patrol-amqp.yaml"), new Placeholders(Map.of()), dir), Ontology.bundled());
        GraphRunJournal journal = new GraphRunJournal(ops);
        journal.register("patrol-positions", "test", "amqp", "test");
        return new Ingester(mapping, writer, 100, new SourceStats("patrol-positions"), journal);
    }

    @Test
    void manyMessagesMakeOneRunWithTheirCountsAndTheWindowClosesOnFlush() {
        Ingester ingester = ingester();
        List<ObjectNode> events = silo.patrolPositions(12, 3);
        for (int i = 0; i < events.size(); i++) {
            ingester.ingest(List.of(JsonRecordReader.ofNode("queue q message " + i, events.get(i))));
        }
        ingester.ingest(List.of(JsonRecordReader.ofNode("queue q message again", events.getFirst()))); // redelivered
        ingester.ingest(List.of(JsonRecordReader.ofDocument("queue q message bad", "not json")));
        assertThat(ops.runs("patrol-positions", 10)).as("the window is open: one run, not yet finished").hasSize(1);

        ingester.flush();

        List<IngestionRun> runs = ops.runs("patrol-positions", 10);
        assertThat(runs).hasSize(1);
        assertThat(runs.getFirst().unit()).isEqualTo("messages");
        assertThat(runs.getFirst().counts()).isEqualTo(new RunCounts(14, 12, 1, 1));
        assertThat(runs.getFirst().endedAt()).isNotNull();

        ingester.ingest(List.of(JsonRecordReader.ofNode("queue q message later", events.get(1))));
        ingester.flush();
        assertThat(ops.runs("patrol-positions", 10)).as("a new window after the flush").hasSize(2);
    }
}

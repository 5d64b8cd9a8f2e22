package org.jiedao.hub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jiedao.hub.graph.ops.IngestionRun;
import org.jiedao.hub.graph.ops.Operations;
import org.jiedao.hub.graph.ops.RunCounts;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.graph.write.RecordWriter;
import org.jiedao.hub.loaders.mapping.SourceMapping;
import org.jiedao.hub.loaders.normalise.IdNumber;
import org.jiedao.hub.loaders.source.Placeholders;
import org.jiedao.hub.loaders.source.SourceDefinitions;
import org.jiedao.hub.ontology.Ontology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file the bundled household-registry route reads is recorded as one ingestion run in the graph's operational
 * model, with its file name, counts and, for a file refused whole, the error; the source is registered once.
 */
class RunRecordingTest {
    private static final String HEADER = "户号,姓名,性别,民族,出生日期,公民身份号码,与户主关系,住址,社区代码\n";

    @TempDir
    Path dataDir;
    private Operations ops;
    private RecordWriter writer;

    @BeforeEach
    void graph() {
        writer = RouteFixture.freshGraph();
        ops = Operations.create(TestNeo4j.driver());
    }

    @AfterEach
    void close() {
        ops.close();
    }

    private static String id(String first17) {
        return first17 + IdNumber.checkCharacter(first17);
    }

    @Test
    void aFileLoadRecordsOneRunWithItsCountsAndARefusedFileARunWithItsError() throws Exception {
        Path dir = Files.createDirectories(dataDir.resolve("silos/hukou"));
        String good1 = id("11010219800101001");
        String good2 = id("11010219850202002");
        String bad = good1.substring(0, 17) + (good1.charAt(17) == '1' ? '2' : '1'); // wrong check character
        Files.writeString(dir.resolve("registry.csv"), HEADER
                + "H1,张伟,男,,1980-01-01," + good1 + ",户主,,\n"
                + "H1,李娜,女,,1985-02-02," + good2 + ",配偶,,\n"
                + "H2,王芳,女,,1980-01-01," + bad + ",户主,,\n", StandardCharsets.UTF_8);

        List<SourceMapping> mappings = SourceDefinitions.load(RouteFixture.sourcesDir(),
                        new Placeholders(Map.of("HUB_DATA_DIR", dataDir.toString())), dataDir).stream()
                .filter(d -> d.id().equals("hukou")).map(d -> SourceMapping.compile(d, Ontology.bundled())).toList();
        try (IntegrationRuntime routes = new IntegrationRuntime(mappings, writer, ops, 200)) {
            routes.start();
            assertThat(routes.awaitInitialLoad(Duration.ofMinutes(2))).isTrue();
            List<IngestionRun> runs = ops.runs("hukou", 10);
            assertThat(runs).hasSize(1);
            IngestionRun run = runs.getFirst();
            assertThat(run.unit()).isEqualTo("registry.csv");
            assertThat(run.counts()).isEqualTo(new RunCounts(3, 2, 0, 1));
            assertThat(run.error()).isNull();
            assertThat(run.endedAt()).isAfterOrEqualTo(run.startedAt());
            assertThat(run.source().name()).isEqualTo("户籍登记");
            assertThat(run.source().kind()).isEqualTo("file");

            Files.writeString(dir.resolve("broken.csv"), "", StandardCharsets.UTF_8); // an empty file is refused whole
            assertThat(routes.awaitInitialLoad(Duration.ofMinutes(1))).isTrue();
            IngestionRun refused = ops.runs("hukou", 1).getFirst();
            assertThat(refused.unit()).isEqualTo("broken.csv");
            assertThat(refused.error()).isNotBlank();
            assertThat(refused.counts().read()).isZero();
        }
        assertThat(RouteFixture.count("MATCH (s:Source {id: 'hukou'}) RETURN count(s)")).isEqualTo(1);
        assertThat(RouteFixture.count("MATCH (:IngestionRun)-[:RUN_OF]->(:Source {id: 'hukou'}) RETURN count(*)"))
                .isEqualTo(2);
    }
}

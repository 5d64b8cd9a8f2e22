package org.jiedao.hub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.simulator.GeneratedSilos;
import org.jiedao.hub.simulator.SiloGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole hub as the demo runs it, through its composition root: generated silos in, the real routes, a real
 * Neo4j, and the printed example query sent over HTTP. Then the same input again, which must add nothing, and a
 * node ref handed out before the restart opens the same node after it.
 */
class HubEndToEndTest {

    @TempDir
    Path dataDir;

    private HubSettings settings() {
        return TestHubs.settings(dataDir);
    }

    private static JsonNode graphql(Hub hub, String query) throws Exception {
        return TestHubs.graphql(hub, query);
    }

    private static long count(String cypher) {
        try (var s = TestNeo4j.driver().session()) {
            return s.run(cypher).single().get(0).asLong();
        }
    }

    @Test
    void aPersonFromThreeSilosComesBackTogetherAndAReRunAddsNothing() throws Exception {
        TestNeo4j.clear();
        GeneratedSilos silos = SiloGenerator.Options.builder().persons(600).generator().generate(settings().silosDir());
        String example;
        String ref;
        try (Hub hub = Hub.start(settings())) {
            assertThat(hub.routes().awaitInitialLoad(Duration.ofMinutes(3))).isTrue();
            example = ExampleQuery.find(hub.neo4j().driver()).orElseThrow();
            JsonNode person = graphql(hub, ExampleQuery.query(example)).path("data").path("person");
            assertThat(person.path("household").path("members").size()).isGreaterThanOrEqualTo(2);
            assertThat(person.path("vehicles").size()).isGreaterThanOrEqualTo(1);
            assertThat(person.path("cases").size()).isGreaterThanOrEqualTo(1);
            assertThat(person.path("sources").findValuesAsText("source")).contains("hukou", "vehicles", "hotline12345");
            assertThat(person.path("address").path("community").path("subdistrict").path("name").asText()).isEqualTo("西长安街街道");
            ref = graphql(hub, "{ person(idNumber: \"%s\") { ref } }".formatted(example)).path("data").path("person").path("ref").asText();
            assertThat(ref).isNotEmpty().doesNotContain(example);
        }
        assertThat(Files.getPosixFilePermissions(dataDir.resolve("secrets/explorer-ref.key")))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        // the re-run is recorded as new ingestion runs (operational model); the data graph must not change
        long nodes = count("MATCH (n) WHERE NOT n:IngestionRun RETURN count(n)");
        long rels = count("MATCH ()-[r]->() WHERE type(r) <> 'RUN_OF' RETURN count(r)");

        for (String dir : new String[] {"hukou", "hotline12345"}) {
            Path silo = settings().silosDir().resolve(dir);
            try (Stream<Path> done = Files.list(silo.resolve(".done"))) {
                for (Path f : done.toList()) {
                    // archived as <name>.<time>.<ext>: drop it again under its original name
                    String original = f.getFileName().toString().replaceFirst("\\.\\d{8}-\\d{9}\\.", ".");
                    Files.copy(f, silo.resolve(original), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        try (Hub hub = Hub.start(settings())) {
            assertThat(hub.routes().awaitInitialLoad(Duration.ofMinutes(3))).isTrue();
            hub.routes().stats().values().forEach(s -> assertThat(s.written()).as(s.sourceId()).isZero());
            assertThat(hub.routes().stats().get("hukou").unchanged()).isEqualTo(silos.hukou().expectedWritten());
            // a node ref handed out before the restart (a saved explorer view) still opens the same person
            JsonNode opened = graphql(hub, "{ node(ref: \"%s\") { ref ... on Person { idNumber } } }".formatted(ref));
            assertThat(opened.path("data").path("node").path("idNumber").asText()).as(opened.toString()).isEqualTo(example);
            assertThat(opened.path("data").path("node").path("ref").asText()).isEqualTo(ref);
        }
        assertThat(count("MATCH (n) WHERE NOT n:IngestionRun RETURN count(n)")).isEqualTo(nodes);
        assertThat(count("MATCH ()-[r]->() WHERE type(r) <> 'RUN_OF' RETURN count(r)")).isEqualTo(rels);
    }

    @Test
    void aBadSourceDefinitionStopsTheStartWithItsFileAndProblem() throws Exception {
        Path sources = Files.createDirectories(dataDir.resolve("sources"));
        Files.writeString(sources.resolve("broken.yaml"), """
                id: broken
                kind: file
                file: {directory: x}
                format: csv
                recordKey: '{id}'
                fields: {id: {from: a, normalise: idNumbr}}
                entities: {p: {type: Person, primary: true, properties: {idNumber: id}}}
                """);
        Map<String, String> env = new HashMap<>(settings().env());
        env.put("HUB_SOURCES_DIR", sources.toString());
        try {
            Hub.start(HubSettings.fromEnvironment(env)).close();
            throw new AssertionError("the hub started with a broken definition");
        } catch (RuntimeException e) {
            assertThat(e.getMessage()).contains("broken.yaml").contains("idNumbr");
        }
    }
}

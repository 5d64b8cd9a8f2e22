package org.jiedao.hub.routes;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jiedao.hub.graph.schema.GraphSchema;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.graph.write.RecordWriter;
import org.jiedao.hub.loaders.mapping.SourceMapping;
import org.jiedao.hub.loaders.reference.DivisionAssertions;
import org.jiedao.hub.loaders.reference.DivisionCodes;
import org.jiedao.hub.loaders.source.Placeholders;
import org.jiedao.hub.loaders.source.SourceDefinitions;
import org.jiedao.hub.ontology.Ontology;

/** Builds the real routes from the repository's source definitions against a data directory of a test. */
final class RouteFixture {
    private RouteFixture() {
    }

    static Path sourcesDir() {
        String root = System.getenv("JIEDAO_REPO_ROOT");
        return Path.of(root == null ? ".." : root).resolve("config/sources");
    }

    /** An empty graph with the schema and the division reference data. */
    static RecordWriter freshGraph() {
        TestNeo4j.clear();
        new GraphSchema(Ontology.bundled()).apply(TestNeo4j.driver());
        RecordWriter writer = new RecordWriter(TestNeo4j.driver());
        writer.write(DivisionAssertions.of(DivisionCodes.xicheng(), Ontology.bundled(), "xicheng_110102.csv"), List.of());
        return writer;
    }

    /** The bundled sources (all, or those named) with HUB_DATA_DIR and any extra settings. */
    static IntegrationRuntime routes(Path dataDir, Map<String, String> extra, RecordWriter writer, String... only) throws Exception {
        Map<String, String> settings = new HashMap<>(extra);
        settings.put("HUB_DATA_DIR", dataDir.toString());
        List<String> wanted = List.of(only);
        List<SourceMapping> mappings = SourceDefinitions.load(sourcesDir(), new Placeholders(settings), dataDir).stream()
                .filter(d -> wanted.isEmpty() || wanted.contains(d.id()))
                .map(d -> SourceMapping.compile(d, Ontology.bundled())).toList();
        return new IntegrationRuntime(mappings, writer, 200);
    }

    static long count(String cypher) {
        try (var s = TestNeo4j.driver().session()) {
            return s.run(cypher).single().get(0).asLong();
        }
    }

    static long count(String cypher, Map<String, Object> params) {
        try (var s = TestNeo4j.driver().session()) {
            return s.run(cypher, params).single().get(0).asLong();
        }
    }
}

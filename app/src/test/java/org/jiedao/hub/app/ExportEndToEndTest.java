package org.jiedao.hub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.ontology.Iris;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.shacl.OntologyShapes;
import org.jiedao.hub.simulator.SiloGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export of data the real loaders wrote: generated silos through the hub's routes, then {@code GET /export}
 * for the demo's example resident (in all three silos), which must conform to the ontology's SHACL shapes.
 */
class ExportEndToEndTest {
    private static final Ontology O = Ontology.bundled();

    @TempDir
    Path dataDir;

    private HubSettings settings() {
        Map<String, String> env = new HashMap<>();
        env.put("HUB_DATA_DIR", dataDir.toString());
        String root = System.getenv("JIEDAO_REPO_ROOT");
        env.put("HUB_SOURCES_DIR", Path.of(root == null ? ".." : root).resolve("config/sources").toString());
        env.put("HUB_HTTP_PORT", "0");
        env.put("NEO4J_URI", TestNeo4j.boltUri().toString());
        return HubSettings.fromEnvironment(env);
    }

    @Test
    void anExportOfLoadedDataConformsToTheShapes() throws Exception {
        TestNeo4j.clear();
        SiloGenerator.Options.builder().persons(300).generator().generate(settings().silosDir());
        try (Hub hub = Hub.start(settings())) {
            assertThat(hub.routes().awaitInitialLoad(Duration.ofMinutes(3))).isTrue();
            String id = ExampleQuery.find(hub.neo4j().driver()).orElseThrow();
            for (String format : new String[] {"turtle", "jsonld"}) {
                HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + hub.api().port() + "/export?entity=Person%3A" + id + "&depth=2&format=" + format)).header("X-API-Key", AdminKey.of(hub)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(r.statusCode()).as(format).isEqualTo(200);
                Model m = ModelFactory.createDefaultModel();
                RDFParser.source(new ByteArrayInputStream(r.body())).lang(format.equals("turtle") ? Lang.TURTLE : Lang.JSONLD).parse(m);
                assertThat(m.containsResource(m.createResource(Iris.entity(O.nodeType("Person"), id)))).isTrue();
                assertThat(new OntologyShapes(O, OntologyShapes.Mode.ENTITY).validate(m)).as(format).isEmpty();
            }
        }
    }
}

package org.jiedao.hub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.vocabulary.RDF;
import org.jiedao.hub.graph.schema.GraphSchema;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.graph.write.RecordWriter;
import org.jiedao.hub.ontology.Iris;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.assertion.ContentHash;
import org.jiedao.hub.ontology.assertion.NodeAssertion;
import org.jiedao.hub.ontology.assertion.RecordAssertions;
import org.jiedao.hub.ontology.assertion.RecordRef;
import org.jiedao.hub.ontology.assertion.RelationshipAssertion;
import org.jiedao.hub.ontology.assertion.WriteMode;
import org.jiedao.hub.ontology.shacl.OntologyShapes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code hub export} end to end against the test Neo4j (NEO4J_URI), as a user runs it. */
class ExportCommandTest {
    private static final Ontology O = Ontology.bundled();
    private static final String ID = "110102199001010011";

    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void graph() {
        TestNeo4j.clear();
        new GraphSchema(O).apply(TestNeo4j.driver());
        new RecordWriter(TestNeo4j.driver()).write(List.of(new RecordAssertions(
                new RecordRef("hukou", "H1-" + ID, "hukou.csv line 2", ContentHash.of(ID), "{}"),
                List.of(new NodeAssertion("p", O.nodeType("Person"), ID, Map.of("idNumber", ID, "name", "林晓雨",
                                "birthDate", LocalDate.of(1990, 1, 1)), WriteMode.AUTHORITATIVE, true),
                        new NodeAssertion("h", O.nodeType("Household"), "H1", Map.of("householdNumber", "H1"), WriteMode.FILL, false)),
                List.of(new RelationshipAssertion(O.relationshipType("MEMBER_OF"), "p", "h", Map.of("relationToHead", headCode()))))),
                List.of());
    }

    /** The stored value of 户主: its code's notation if relationToHead has a code list. */
    private static String headCode() {
        var p = O.relationshipType("MEMBER_OF").property("relationToHead").orElseThrow();
        return p.codeList() == null ? "户主" : O.codeList(p.codeList()).codes().stream()
                .filter(c -> c.labelZh().equals("户主")).findFirst().orElseThrow().notation();
    }

    private int run(String... args) {
        ExportCommand command = new ExportCommand();
        new CommandLine(command).parseArgs(args);
        command.env = Map.of("NEO4J_URI", TestNeo4j.boltUri().toString(), "HUB_DATA_DIR", dir.toString());
        command.stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        command.stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
        return command.call();
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesAFileThatParsesAndConforms() throws Exception {
        Path file = dir.resolve("person.jsonld");
        // The 15-digit form of the ID number is normalised as the API does.
        assertThat(run("--entity", "Person:110102900101001", "--depth", "1", "--format", "jsonld", "--out", file.toString())).isZero();
        Model m = ModelFactory.createDefaultModel();
        RDFParser.source(file).lang(Lang.JSONLD).parse(m);
        assertThat(m.contains(m.createResource(Iris.entity(O.nodeType("Person"), ID)), RDF.type,
                m.createResource(O.nodeType("Person").iri()))).isTrue();
        assertThat(m.contains(null, RDF.type, m.createResource(O.nodeType("Household").iri()))).isTrue();
        assertThat(new OntologyShapes(O, OntologyShapes.Mode.ENTITY).validate(m)).isEmpty();
        assertThat(err()).contains("wrote").contains(file.toString());
        assertThat(out.size()).isZero();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("person.jsonld");
        }
    }

    @Test
    void withoutOutItWritesTurtleToStandardOutput() {
        assertThat(run("--entity", "Person:" + ID, "--depth", "0")).isZero();
        Model m = ModelFactory.createDefaultModel();
        RDFParser.fromString(out.toString(StandardCharsets.UTF_8), Lang.TURTLE).parse(m);
        assertThat(m.contains(null, RDF.type, m.createResource(O.nodeType("Household").iri()))).isFalse();
        assertThat(m.containsResource(m.createResource(Iris.entity(O.nodeType("Person"), ID)))).isTrue();
    }

    @Test
    void badArgumentsAndMissingEntitiesAreOneLineErrorsWithANonZeroExit() {
        assertThat(run("--entity", "Persn:" + ID)).isEqualTo(2);
        assertThat(err()).startsWith("hub export: unknown entity type 'Persn'").containsOnlyOnce("\n");
        err.reset();
        assertThat(run("--entity", "Person:110102199001010012")).isEqualTo(2);
        assertThat(err()).contains("check character").containsOnlyOnce("\n");
        err.reset();
        assertThat(run("--entity", "Person:" + ID, "--format", "rdfxml")).isEqualTo(2);
        assertThat(err()).contains("turtle, jsonld");
        err.reset();
        assertThat(run("--entity", "Person:" + ID, "--depth", "7")).isEqualTo(2);
        assertThat(err()).contains("--depth");
        err.reset();
        assertThat(run("--entity", "Person:11010219850307001X", "--out", dir.resolve("x.ttl").toString())).isEqualTo(1);
        assertThat(err()).isEqualTo("hub export: no Person with idNumber 11010219850307001X in the graph\n");
        assertThat(dir.resolve("x.ttl")).doesNotExist();
        err.reset();
        assertThat(run("--entity", "Person:" + ID, "--out", dir.resolve("missing/x.ttl").toString())).isEqualTo(1);
        assertThat(err()).contains("no such directory");
    }

    @Test
    void theCommandIsRegisteredWithTheHubCli() {
        assertThat(new CommandLine(new HubCli()).getSubcommands()).containsKey("export");
    }
}

package org.jiedao.hub.routes.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jiedao.hub.routes.exchange.ExchangeGraph.FUYOUJIE;
import static org.jiedao.hub.routes.exchange.ExchangeGraph.ONTOLOGY;
import static org.jiedao.hub.routes.exchange.ExchangeGraph.RESIDENTS;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.vocabulary.RDF;
import org.jiedao.hub.graph.rdf.RdfExporter;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.ontology.NodeType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code format: rdf}: the delivered Turtle parses back with Jena into exactly one resource per filtered resident,
 * named as the hub's RDF export names it, with exactly the agreed properties under the ontology's IRIs and typed
 * literals; the same extract renders to the same bytes.
 */
class RdfDeliveryTest {
    private static final String JD = "https://w3id.org/jiedao/ontology#";

    @TempDir
    Path dataDir;

    @BeforeEach
    void graph() throws Exception {
        ExchangeGraph.fresh().load(RESIDENTS);
        Files.createDirectories(drop());
    }

    private Path drop() {
        return dataDir.resolve("drop");
    }

    private static Model parse(byte[] turtle) {
        Model m = ModelFactory.createDefaultModel();
        RDFParser.source(new ByteArrayInputStream(turtle)).lang(Lang.TURTLE).parse(m);
        return m;
    }

    private static List<String> filteredIdNumbers() {
        return RESIDENTS.stream().filter(r -> r.community().equals(FUYOUJIE)).map(ExchangeGraph.Resident::idNumber).sorted().toList();
    }

    @Test
    void aTurtleDeliveryCarriesExactlyTheAgreedPropertiesOfExactlyTheFilteredResidentsUnderTheExportsIris() throws Exception {
        String yaml = ExchangeGraph.agreement("civil-rdf", "partner:civil-affairs", "[idNumber, name, birthDate]", drop(), "rdf", "");
        try (ExchangeRuntime rt = ExchangeGraph.runtime(dataDir, new MutableClock(Instant.parse("2026-11-29T02:00:00Z")),
                ExchangeGraph.REPO.resolve("config/access.yaml"), yaml)) {
            String id = rt.extractNow("civil-rdf").orElseThrow();
            assertThat(rt.outbox().deliverDue().sent()).containsExactly(id);
            String name = "civil-rdf-" + id + ".ttl";
            byte[] payload = Files.readAllBytes(drop().resolve(name));
            assertThat(new ObjectMapper().readTree(drop().resolve(name + ".json").toFile()).path("contentType").asText())
                    .isEqualTo("text/turtle");

            Model m = parse(payload);
            NodeType person = ONTOLOGY.nodeType("Person");
            RdfExporter exporter = new RdfExporter(TestNeo4j.driver(), ONTOLOGY);
            Set<String> expectedSubjects = filteredIdNumbers().stream().map(k -> {
                Model exported = exporter.export(person, k, 0);
                return exported.listSubjectsWithProperty(RDF.type, exported.createResource(JD + "Person")).next().getURI();
            }).collect(Collectors.toSet());
            Set<String> subjects = m.listSubjects().toList().stream().map(Resource::getURI).collect(Collectors.toSet());
            assertThat(subjects).as("one resource per filtered resident, named as hub export names it")
                    .isEqualTo(expectedSubjects).hasSize(3);
            Set<String> predicates = m.listStatements().toList().stream().map(s -> s.getPredicate().getURI()).collect(Collectors.toSet());
            assertThat(predicates).containsExactlyInAnyOrder(RDF.type.getURI(), JD + "idNumber", JD + "name", JD + "birthDate");
            assertThat(m.size()).as("per resident: its class and three values").isEqualTo(3 * 4);

            Resource first = m.getResource(subjects.stream().filter(s -> s.endsWith("110102194909071225")).findFirst().orElseThrow());
            assertThat(first.getProperty(RDF.type).getResource().getURI()).isEqualTo(JD + "Person");
            Statement born = first.getProperty(m.createProperty(JD + "birthDate"));
            assertThat(born.getLiteral().getDatatype()).isEqualTo(XSDDatatype.XSDdate);
            assertThat(born.getLiteral().getLexicalForm()).isEqualTo("1949-09-07");
            assertThat(first.getProperty(m.createProperty(JD + "name")).getString()).isEqualTo("石蕾娟");
            assertThat(new String(payload, StandardCharsets.UTF_8)).doesNotContain("李娜").doesNotContain("110102199002023455");

            AgreementDefinition a = AgreementDefinitions.load(dataDir.resolve("agreements"), new org.jiedao.hub.loaders.source.Placeholders(java.util.Map.of()),
                    dataDir, ONTOLOGY, AccessRoles.read(ExchangeGraph.REPO.resolve("config/access.yaml"))).getFirst();
            LocalDate today = LocalDate.parse("2026-11-29");
            assertThat(PayloadRenderer.render(a, Extract.run(a, ONTOLOGY, TestNeo4j.driver(), today)))
                    .as("deterministic: the same extract gives the same bytes").isEqualTo(payload);
        }
    }

    @Test
    void anAgreementThatDoesNotShareTheKeyNamesEachResidentByItsOpaqueEntityId() throws Exception {
        String yaml = ExchangeGraph.agreement("civil-rdf", "partner:civil-affairs", "[name, gender]", drop(), "rdf", "");
        try (ExchangeRuntime rt = ExchangeGraph.runtime(dataDir, new MutableClock(Instant.parse("2026-11-29T02:00:00Z")),
                ExchangeGraph.REPO.resolve("config/access.yaml"), yaml)) {
            String id = rt.extractNow("civil-rdf").orElseThrow();
            rt.outbox().deliverDue();
            byte[] payload = Files.readAllBytes(drop().resolve("civil-rdf-" + id + ".ttl"));
            Model m = parse(payload);
            List<String> entityIds;
            try (var s = TestNeo4j.driver().session()) {
                entityIds = s.run("MATCH (p:Person) WHERE p.idNumber IN $ids RETURN p.entityId AS e ORDER BY e",
                        java.util.Map.of("ids", filteredIdNumbers())).list(r -> r.get("e").asString());
            }
            assertThat(m.listSubjects().toList().stream().map(Resource::getURI).collect(Collectors.toSet()))
                    .isEqualTo(entityIds.stream().map(e -> "https://w3id.org/jiedao/id/Person/" + e).collect(Collectors.toSet()));
            String text = new String(payload, StandardCharsets.UTF_8);
            for (ExchangeGraph.Resident r : RESIDENTS) {
                assertThat(text).as("an IRI must not carry an ID number the agreement does not share").doesNotContain(r.idNumber());
            }
        }
    }
}

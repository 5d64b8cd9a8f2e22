package org.jiedao.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.jiedao.hub.loaders.normalise.IdNumber;
import org.jiedao.hub.ontology.Iris;
import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.PropertyDef;
import org.jiedao.hub.ontology.RelationshipType;
import org.jiedao.hub.ontology.shacl.OntologyShapes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /export} on the hub's HTTP server, on the graph GraphQLApiTest uses: content types, round trip,
 * SHACL, errors, and a SPARQL query over the export answering what the GraphQL query for the same person answers.
 */
class ExportApiTest {
    private static final Ontology O = ApiFixture.O;
    private static final String OLD_ID = ApiFixture.OLD_ID;
    private static final ObjectMapper JSON = ApiFixture.JSON;
    private static final HttpClient HTTP = ApiFixture.HTTP;
    private static final PropertyDef RELATION_TO_HEAD = O.relationshipType("MEMBER_OF").property("relationToHead").orElseThrow();
    private static String id;
    private static ApiFixture.Running server;

    @BeforeAll
    static void graphAndServer() throws Exception {
        id = ApiFixture.writeGraph();
        server = ApiFixture.startServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }







    private static HttpResponse<byte[]> get(String query) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/export?" + query))
                        .header("X-API-Key", TestCredentials.ADMIN_KEY).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Model export(String entity, int depth, String format) throws Exception {
        HttpResponse<byte[]> r = get("entity=" + enc(entity) + "&depth=" + depth + "&format=" + format);
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        Model m = ModelFactory.createDefaultModel();
        RDFParser.source(new ByteArrayInputStream(r.body())).lang(format.equals("jsonld") ? Lang.JSONLD : Lang.TURTLE).parse(m);
        return m;
    }

    private static JsonNode graphql(String query) throws Exception {
        return server.graphql(query);
    }

    private static Set<String> sparql(Model m, String query, Function<QuerySolution, String> row) {
        Set<String> out = new HashSet<>();
        try (QueryExecution q = QueryExecution.model(m).query(query).build()) {
            q.execSelect().forEachRemaining(s -> out.add(row.apply(s)));
        }
        return out;
    }

    private static String iri(NodeType type, String property) {
        return "<" + type.property(property).orElseThrow().iri() + ">";
    }

    private static String iri(String relationshipType) {
        return "<" + O.relationshipType(relationshipType).iri() + ">";
    }

    @Test
    void turtleAndJsonLdAreServedWithTheirMediaTypesAndDescribeTheSameConformingGraph() throws Exception {
        HttpResponse<byte[]> turtle = get("entity=Person:" + OLD_ID + "&depth=2&format=turtle");
        assertThat(turtle.statusCode()).isEqualTo(200);
        assertThat(turtle.headers().firstValue("Content-Type").orElse("")).startsWith("text/turtle");
        HttpResponse<byte[]> jsonld = get("entity=Person:" + OLD_ID + "&depth=2&format=jsonld");
        assertThat(jsonld.statusCode()).isEqualTo(200);
        assertThat(jsonld.headers().firstValue("Content-Type").orElse("")).startsWith("application/ld+json");
        assertThat(JSON.readTree(jsonld.body()).has("@context")).isTrue();

        Model fromTurtle = export("Person:" + OLD_ID, 2, "turtle");
        Model fromJsonLd = export("Person:" + OLD_ID, 2, "jsonld");
        assertThat(fromJsonLd.isIsomorphicWith(fromTurtle)).isTrue();
        assertThat(fromTurtle.containsResource(fromTurtle.createResource(Iris.entity(O.nodeType("Person"), id)))).isTrue();
        assertThat(new OntologyShapes(O, OntologyShapes.Mode.ENTITY).validate(fromTurtle)).isEmpty();
        // The default format is Turtle, the default depth 1.
        HttpResponse<byte[]> defaults = get("entity=" + enc("Vehicle:京a·12345"));
        assertThat(defaults.statusCode()).isEqualTo(200);
        assertThat(defaults.headers().firstValue("Content-Type").orElse("")).startsWith("text/turtle");
        assertThat(export("Person:" + id, 0, "turtle").size()).isLessThan(fromTurtle.size());
    }

    @Test
    void sparqlOverTheExportAnswersWhatGraphQLAnswersForTheSamePerson() throws Exception {
        JsonNode p = graphql("""
                { person(idNumber: "%s") { name
                    household { members { name relationToHead } }
                    vehicles { plate } cases { caseNumber }
                    sources { source recordKey relation } } }""".formatted(OLD_ID)).path("data").path("person");
        Set<String> gqlMembers = new HashSet<>();
        p.path("household").path("members").forEach(m -> gqlMembers.add(m.path("name").asText() + "/" + m.path("relationToHead").asText()));
        Set<String> gqlPlates = new HashSet<>(p.path("vehicles").findValuesAsText("plate"));
        Set<String> gqlCases = new HashSet<>(p.path("cases").findValuesAsText("caseNumber"));
        Set<String> gqlSources = new HashSet<>();
        p.path("sources").forEach(s -> gqlSources.add(s.path("source").asText() + "|" + s.path("recordKey").asText() + "|" + s.path("relation").asText()));

        Model m = export("Person:" + OLD_ID, 2, "jsonld");
        NodeType person = O.nodeType("Person");
        NodeType record = O.nodeType("SourceRecord");
        String me = "<" + Iris.entity(person, id) + ">";
        String memberOf = iri("MEMBER_OF");
        Set<String> name = sparql(m, "SELECT ?n WHERE { " + me + " " + iri(person, "name") + " ?n }", s -> s.getLiteral("n").getString());
        Set<String> members = sparql(m, """
                PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
                SELECT ?name ?rel WHERE {
                  %1$s %2$s ?h . ?m %2$s ?h ; %3$s ?name .
                  ?st a rdf:Statement ; rdf:subject ?m ; rdf:predicate %2$s ; rdf:object ?h ; %4$s ?rel }"""
                .formatted(me, memberOf, iri(person, "name"), "<" + RELATION_TO_HEAD.iri() + ">"),
                s -> s.getLiteral("name").getString() + "/" + ApiFixture.shown(RELATION_TO_HEAD, s.getLiteral("rel").getString()));
        Set<String> plates = sparql(m, "SELECT ?p WHERE { " + me + " " + iri("OWNS") + " ?v . ?v " + iri(O.nodeType("Vehicle"), "plate") + " ?p }",
                s -> s.getLiteral("p").getString());
        Set<String> cases = sparql(m, "SELECT ?n WHERE { ?c " + iri("REPORTED_BY") + " " + me + " ; " + iri(O.nodeType("Case"), "caseNumber") + " ?n }",
                s -> s.getLiteral("n").getString());
        Map<String, String> linkTypes = new java.util.HashMap<>();
        for (RelationshipType r : O.relationshipTypes()) {
            linkTypes.put(r.iri(), r.type());
        }
        Set<String> sources = sparql(m, """
                PREFIX prov: <http://www.w3.org/ns/prov#>
                SELECT ?source ?key ?link WHERE {
                  %1$s prov:wasDerivedFrom ?r . ?r ?link %1$s ; %2$s ?source ; %3$s ?key .
                  FILTER (?link IN (%4$s, %5$s)) }"""
                .formatted(me, iri(record, "source"), iri(record, "recordKey"), iri("RESOLVES_TO"), iri("MENTIONS")),
                s -> s.getLiteral("source").getString() + "|" + s.getLiteral("key").getString() + "|"
                        + linkTypes.get(s.getResource("link").getURI()));

        assertThat(name).containsExactly(p.path("name").asText()).containsExactly("林晓雨");
        assertThat(members).isEqualTo(gqlMembers).containsExactlyInAnyOrder(
                "林晓雨/" + ApiFixture.shown(RELATION_TO_HEAD, ApiFixture.code(RELATION_TO_HEAD, "户主")), "王芳/" + ApiFixture.shown(RELATION_TO_HEAD, ApiFixture.code(RELATION_TO_HEAD, "配偶")));
        assertThat(plates).isEqualTo(gqlPlates).containsExactlyInAnyOrder("京A12345", "京B67890");
        assertThat(cases).isEqualTo(gqlCases).containsExactly("12345-1");
        assertThat(sources).isEqualTo(gqlSources).hasSize(4);
    }

    @Test
    void badParametersAre400WithTheReasonAndAnUnknownEntityIs404() throws Exception {
        Map<String, String> bad = Map.of(
                "depth=1", "entity is required",
                "entity=Persn:" + OLD_ID, "unknown entity type 'Persn'",
                "entity=" + OLD_ID, "<Label>:<key>",
                "entity=Person:110102199001010012", "check character",
                "entity=Person:" + OLD_ID + "&depth=9", "depth must be a whole number from 0 to 4",
                "entity=Person:" + OLD_ID + "&depth=two", "depth",
                "entity=Person:" + OLD_ID + "&format=rdfxml", "turtle, jsonld");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            HttpResponse<byte[]> r = get(e.getKey().replace(":", "%3A"));
            assertThat(r.statusCode()).as(e.getKey()).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).as(e.getKey()).contains(e.getValue());
        }
        String unknown = "11010219850307001" + IdNumber.checkCharacter("11010219850307001");
        HttpResponse<byte[]> r = get("entity=Person%3A" + unknown);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("no Person").contains(unknown);
    }
}

package org.jiedao.hub.api;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.jiedao.hub.graph.schema.GraphSchema;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.graph.write.RecordWriter;
import org.jiedao.hub.loaders.normalise.IdNumber;
import org.jiedao.hub.loaders.normalise.NormalisationException;
import org.jiedao.hub.loaders.reference.DivisionAssertions;
import org.jiedao.hub.loaders.reference.DivisionCodes;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.PropertyDef;
import org.jiedao.hub.ontology.assertion.ContentHash;
import org.jiedao.hub.ontology.assertion.NodeAssertion;
import org.jiedao.hub.ontology.assertion.RecordAssertions;
import org.jiedao.hub.ontology.assertion.RecordRef;
import org.jiedao.hub.ontology.assertion.RelationshipAssertion;
import org.jiedao.hub.ontology.assertion.WriteMode;

/**
 * The small graph the API tests query, written through the real writer: 林晓雨 (ID in its old 15-digit form
 * {@value #OLD_ID}) heads household H1 with 王芳 at 府右街12号 in 府右街南社区, owns 京A12345 and 京B67890, and
 * reported case 12345-1; each fact from the source a department would send it from.
 */
final class ApiFixture {
    static final Ontology O = Ontology.bundled();
    static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();
    static final String OLD_ID = "110102900101001";
    static final String SPOUSE_ID = "110102199203040024";

    private ApiFixture() {
    }

    /**
     * The hub's HTTP server over the test graph, with GraphQL and the RDF export, as the application wires it.
     *
     * @param server   the running server (port chosen freely)
     * @param blocking the virtual-thread executor its blocking driver calls run on
     */
    record Running(org.jiedao.hub.api.http.ApiServer server, java.util.concurrent.ExecutorService blocking) implements AutoCloseable {
        /** @return the server's port */
        int port() {
            return server.port();
        }

        /** POSTs a raw request body to {@code /graphql}, as admin (API key). */
        java.net.http.HttpResponse<String> post(String body) throws Exception {
            return HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port() + "/graphql"))
                            .header("Content-Type", "application/json").header("X-API-Key", TestCredentials.ADMIN_KEY)
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        }

        /** Sends a GraphQL query, expects HTTP 200, and returns the parsed response. */
        com.fasterxml.jackson.databind.JsonNode graphql(String query) throws Exception {
            var r = post(JSON.writeValueAsString(Map.of("query", query)));
            org.assertj.core.api.Assertions.assertThat(r.statusCode()).isEqualTo(200);
            return JSON.readTree(r.body());
        }

        @Override
        public void close() {
            server.close();
            blocking.shutdownNow();
        }
    }

    /**
     * @param audit the audit trail GraphQL requests and exports are recorded in
     * @return a started server over TestNeo4j recording into {@code audit}, authenticating with {@link TestCredentials};
     *         close it after the tests
     */
    static Running startServer(org.jiedao.hub.api.audit.AuditLog audit) {
        var blocking = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
        var driver = TestNeo4j.driver();
        return new Running(org.jiedao.hub.api.http.ApiServer.start(GraphQLFactory.create(O, driver, blocking),
                new org.jiedao.hub.api.http.ExportHandler(O, new org.jiedao.hub.graph.rdf.RdfExporter(driver, O), blocking, audit),
                null, org.jiedao.hub.api.http.HttpOptions.DEFAULTS, TestCredentials.authentication(), null, java.util.List.of(), audit,
                "127.0.0.1", 0), blocking);
    }

    /** @return a started server over TestNeo4j, authenticating with {@link TestCredentials}; close it after the tests */
    static Running startServer() {
        var blocking = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
        var driver = TestNeo4j.driver();
        return new Running(org.jiedao.hub.api.http.ApiServer.start(GraphQLFactory.create(O, driver, blocking),
                new org.jiedao.hub.api.http.ExportHandler(O, new org.jiedao.hub.graph.rdf.RdfExporter(driver, O), blocking),
                null, org.jiedao.hub.api.http.HttpOptions.DEFAULTS, TestCredentials.authentication(), null, "127.0.0.1", 0), blocking);
    }

    /** @return the 18-digit ID of the fixture's main resident, after writing the graph into an empty TestNeo4j */
    static String writeGraph() throws NormalisationException {
        String id = IdNumber.parse(OLD_ID).value();
        TestNeo4j.clear();
        new GraphSchema(O).apply(TestNeo4j.driver());
        RecordWriter writer = new RecordWriter(TestNeo4j.driver());
        writer.write(DivisionAssertions.of(DivisionCodes.xicheng(), O, "xicheng_110102.csv"), List.of());
        writer.write(List.of(
                hukou(id, "林晓雨", "户主", "1"), hukou(SPOUSE_ID, "王芳", "配偶", "2"),
                record("vehicles", "1", List.of(
                                node("v", "Vehicle", "京A12345", Map.of("plate", "京A12345", "vehicleType", "小型汽车"), true),
                                node("o", "Person", id, Map.of("idNumber", id), false)),
                        List.of(rel("OWNS", "o", "v"))),
                record("vehicles", "2", List.of(
                                node("v", "Vehicle", "京B67890", Map.of("plate", "京B67890"), true),
                                node("o", "Person", id, Map.of("idNumber", id), false)),
                        List.of(rel("OWNS", "o", "v"))),
                record("hotline12345", "12345-1", List.of(
                                node("c", "Case", "12345-1", Map.of("caseNumber", "12345-1", "category", "噪音扰民",
                                        "status", code(O.nodeType("Case").property("status").orElseThrow(), "已办结"),
                                        "reportedAt", LocalDateTime.of(2026, 3, 14, 9, 21, 5)), true),
                                node("p", "Person", id, Map.of("idNumber", id), false)),
                        List.of(rel("REPORTED_BY", "c", "p")))), List.of());
        return id;
    }

    private static RecordAssertions hukou(String idNumber, String name, String relation, String gender) {
        PropertyDef relationToHead = O.relationshipType("MEMBER_OF").property("relationToHead").orElseThrow();
        return record("hukou", "H1-" + idNumber, List.of(
                        node("p", "Person", idNumber, Map.of("idNumber", idNumber, "name", name, "gender", gender,
                                "birthDate", LocalDate.of(1990, 1, 1)), true),
                        node("h", "Household", "H1", Map.of("householdNumber", "H1"), false),
                        node("a", "Address", "府右街12号", Map.of("text", "府右街12号"), false),
                        new NodeAssertion("c", O.nodeType("Community"), "110102001004", Map.of(), WriteMode.REFERENCE, false)),
                List.of(new RelationshipAssertion(O.relationshipType("MEMBER_OF"), "p", "h",
                                Map.of("relationToHead", code(relationToHead, relation))),
                        rel("RESIDES_AT", "p", "a"), rel("REGISTERED_AT", "h", "a"), rel("IN_COMMUNITY", "a", "c")));
    }

    /** The stored value for a Chinese term: the code's notation if the property has a code list, else the term. */
    static String code(PropertyDef p, String labelZh) {
        return p.codeList() == null ? labelZh : O.codeList(p.codeList()).codes().stream()
                .filter(c -> c.labelZh().equals(labelZh)).findFirst().orElseThrow().notation();
    }

    /** A stored value as GraphQL shows it: the code's enum name if the property has a code list, else the value. */
    static String shown(PropertyDef p, String stored) {
        return p.codeList() == null ? stored : O.codeList(p.codeList()).byNotation(stored).orElseThrow().enumName();
    }

    private static RecordAssertions record(String source, String key, List<NodeAssertion> nodes, List<RelationshipAssertion> rels) {
        return new RecordAssertions(new RecordRef(source, key, source + " test", ContentHash.of(source + key), "{}"), nodes, rels);
    }

    private static NodeAssertion node(String alias, String label, Object key, Map<String, Object> props, boolean primary) {
        return new NodeAssertion(alias, O.nodeType(label), key, props, primary ? WriteMode.AUTHORITATIVE : WriteMode.FILL, primary);
    }

    private static RelationshipAssertion rel(String type, String from, String to) {
        return new RelationshipAssertion(O.relationshipType(type), from, to, Map.of());
    }
}

package org.jiedao.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;

import org.jiedao.hub.api.http.ApiServer;
import org.jiedao.hub.api.query.QueryContext;
import org.jiedao.hub.graph.schema.GraphSchema;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.graph.write.RecordWriter;
import org.jiedao.hub.loaders.normalise.IdNumber;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.assertion.ContentHash;
import org.jiedao.hub.ontology.assertion.NodeAssertion;
import org.jiedao.hub.ontology.assertion.RecordAssertions;
import org.jiedao.hub.ontology.assertion.RecordRef;
import org.jiedao.hub.ontology.assertion.RelationshipAssertion;
import org.jiedao.hub.ontology.assertion.WriteMode;

/**
 * A graph with history, written through the real writer (validity dates as {@code LocalDate}, as the loaders'
 * {@code date} normaliser gives them):
 * <ul>
 *   <li>household H7 at 西什库大街7号: 张伟 head since 2010-05-01; 李娜 member 2015-01-01 to 2024-03-01, then of
 *       H8 from 2024-03-01 (moved out); 张小明 member from 2024-03-01; 王老 member with no dates at all;</li>
 *   <li>vehicles of 张伟: 京A11111 (2012-01-01 to 2020-06-30, then sold to 王老 on 2020-06-30), 京A33333
 *       (2018-05-20 to 2019-01-01), 京A22222 (from 2020-07-01), with registration dates;</li>
 *   <li>certificates of 张伟: elderly card E-1 issued 2020-01-01, last valid day 2022-12-31 (expired); disability
 *       certificate D-1 issued 2021-06-01, no expiry;</li>
 *   <li>parking permits of 京A22222: PP-2024 (2024-01-01 to 2024-12-31) and PP-2025 (2025-01-01 to 2025-12-31);</li>
 *   <li>parking lots at 西什库大街7号 with capacities 100, 40, 25 and one without a capacity.</li>
 * </ul>
 */
final class TemporalFixture {
    static final Ontology O = ApiFixture.O;
    static final String ADDRESS = "西什库大街7号";
    static final String ZHANG_WEI = id("11010219600201001");
    static final String LI_NA = id("11010219880715002");
    static final String XIAO_MING = id("11010220240301003");
    static final String WANG_LAO = id("11010219401010004");

    private TemporalFixture() {
    }

    private static String id(String first17) {
        return first17 + IdNumber.checkCharacter(first17);
    }

    /**
     * The API over the test graph, wired as the application wires it, with its query context (statement counter).
     *
     * @param server   the running server
     * @param context  the context its GraphQL engine answers with
     * @param blocking the executor of blocking driver calls
     */
    record Running(ApiServer server, QueryContext context, ExecutorService blocking) implements AutoCloseable {
        /** Sends a GraphQL query, expects HTTP 200, and returns the parsed response. */
        JsonNode graphql(String query) throws Exception {
            return graphql(query, Map.of());
        }

        /** Sends a GraphQL query with variables, expects HTTP 200, and returns the parsed response. */
        JsonNode graphql(String query, Map<String, Object> variables) throws Exception {
            String body = ApiFixture.JSON.writeValueAsString(Map.of("query", query, "variables", variables));
            var r = ApiFixture.HTTP.send(java.net.http.HttpRequest.newBuilder(
                                    java.net.URI.create("http://127.0.0.1:" + server.port() + "/graphql"))
                            .header("Content-Type", "application/json").header("X-API-Key", TestCredentials.ADMIN_KEY)
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return ApiFixture.JSON.readTree(r.body());
        }

        /** Sends a query that must succeed and returns its {@code data}. */
        JsonNode data(String query) throws Exception {
            JsonNode r = graphql(query);
            assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
            return r.path("data");
        }

        /** @return statements run so far */
        long statements() {
            return context.cypher().statementCount();
        }

        @Override
        public void close() {
            server.close();
            blocking.shutdownNow();
        }
    }

    /** @return a started server over TestNeo4j */
    static Running startServer() {
        ExecutorService blocking = Executors.newVirtualThreadPerTaskExecutor();
        QueryContext context = GraphQLFactory.context(O, TestNeo4j.driver(), blocking, QueryLimits.DEFAULTS);
        return new Running(ApiServer.start(GraphQLFactory.create(context), TestCredentials.authentication(), "127.0.0.1", 0), context, blocking);
    }

    /** Empties TestNeo4j and writes the graph described above. */
    static void writeGraph() {
        TestNeo4j.clear();
        new GraphSchema(O).apply(TestNeo4j.driver());
        List<RecordAssertions> records = new ArrayList<>();
        records.add(member(ZHANG_WEI, "张伟", LocalDate.of(1960, 2, 1), "H7", "户主", LocalDate.of(2010, 5, 1), null));
        records.add(member(LI_NA, "李娜", LocalDate.of(1988, 7, 15), "H7", "配偶", LocalDate.of(2015, 1, 1), LocalDate.of(2024, 3, 1)));
        records.add(member(LI_NA, "李娜", LocalDate.of(1988, 7, 15), "H8", "户主", LocalDate.of(2024, 3, 1), null));
        records.add(member(XIAO_MING, "张小明", LocalDate.of(2024, 3, 1), "H7", "子", LocalDate.of(2024, 3, 1), null));
        records.add(member(WANG_LAO, "王老", LocalDate.of(1940, 10, 10), "H7", "父亲", null, null));
        records.add(owns("1", ZHANG_WEI, "京A11111", LocalDate.of(2012, 1, 1), LocalDate.of(2012, 1, 1), LocalDate.of(2020, 6, 30)));
        records.add(owns("2", WANG_LAO, "京A11111", LocalDate.of(2012, 1, 1), LocalDate.of(2020, 6, 30), null));
        records.add(owns("3", ZHANG_WEI, "京A22222", LocalDate.of(2020, 7, 1), LocalDate.of(2020, 7, 1), null));
        records.add(owns("4", ZHANG_WEI, "京A33333", LocalDate.of(2018, 5, 20), LocalDate.of(2018, 5, 20), LocalDate.of(2019, 1, 1)));
        records.add(certificate("ElderlyCard", "E-1", LocalDate.of(2020, 1, 1), LocalDate.of(2022, 12, 31)));
        records.add(certificate("DisabilityCertificate", "D-1", LocalDate.of(2021, 6, 1), null));
        records.add(permit("PP-2024", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31)));
        records.add(permit("PP-2025", LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31)));
        records.add(parkingLot("PL-1", 100L));
        records.add(parkingLot("PL-2", 40L));
        records.add(parkingLot("PL-3", 25L));
        records.add(parkingLot("PL-4", null));
        new RecordWriter(TestNeo4j.driver()).write(records, List.of());
    }

    private static RecordAssertions member(String idNumber, String name, LocalDate born, String household, String relation,
                                           LocalDate from, LocalDate to) {
        Map<String, Object> props = new HashMap<>();
        props.put("relationToHead", ApiFixture.code(O.relationshipType("MEMBER_OF").property("relationToHead").orElseThrow(), relation));
        validity(props, "validFrom", from, "validTo", to);
        return record("hukou", household + "-" + idNumber, List.of(
                        node("p", "Person", idNumber, Map.of("idNumber", idNumber, "name", name, "birthDate", born), true),
                        node("h", "Household", household, Map.of("householdNumber", household), false),
                        node("a", "Address", ADDRESS, Map.of("text", ADDRESS), false)),
                List.of(new RelationshipAssertion(O.relationshipType("MEMBER_OF"), "p", "h", props),
                        new RelationshipAssertion(O.relationshipType("REGISTERED_AT"), "h", "a", Map.of())));
    }

    private static RecordAssertions owns(String key, String owner, String plate, LocalDate registered, LocalDate from, LocalDate to) {
        Map<String, Object> props = new HashMap<>();
        validity(props, "validFrom", from, "validTo", to);
        return record("vehicles", key, List.of(
                        node("v", "Vehicle", plate, Map.of("plate", plate, "registeredOn", registered), true),
                        node("o", "Person", owner, Map.of("idNumber", owner), false)),
                List.of(new RelationshipAssertion(O.relationshipType("OWNS"), "o", "v", props)));
    }

    private static RecordAssertions certificate(String label, String number, LocalDate issued, LocalDate expires) {
        Map<String, Object> props = new HashMap<>(Map.of("certificateNumber", number));
        validity(props, "issuedOn", issued, "expiresOn", expires);
        return record("civilaffairs", number, List.of(
                        node("c", label, number, props, true),
                        node("p", "Person", ZHANG_WEI, Map.of("idNumber", ZHANG_WEI), false)),
                List.of(new RelationshipAssertion(O.relationshipType("HELD_BY"), "c", "p", Map.of())));
    }

    private static RecordAssertions permit(String number, LocalDate from, LocalDate to) {
        Map<String, Object> props = new HashMap<>(Map.of("permitNumber", number));
        validity(props, "validFrom", from, "validTo", to);
        return record("parking", number, List.of(
                        node("p", "ParkingPermit", number, props, true),
                        node("v", "Vehicle", "京A22222", Map.of("plate", "京A22222"), false)),
                List.of(new RelationshipAssertion(O.relationshipType("PERMITS_VEHICLE"), "p", "v", Map.of())));
    }

    private static RecordAssertions parkingLot(String code, Long capacity) {
        Map<String, Object> props = new HashMap<>(Map.of("code", code));
        if (capacity != null) {
            props.put("capacity", capacity);
        }
        return record("parking", code, List.of(
                        node("l", "ParkingLot", code, props, true),
                        node("a", "Address", ADDRESS, Map.of("text", ADDRESS), false)),
                List.of(new RelationshipAssertion(O.relationshipType("PARKING_LOT_AT"), "l", "a", Map.of())));
    }

    private static void validity(Map<String, Object> props, String startName, LocalDate start, String endName, LocalDate end) {
        if (start != null) {
            props.put(startName, start);
        }
        if (end != null) {
            props.put(endName, end);
        }
    }

    private static RecordAssertions record(String source, String key, List<NodeAssertion> nodes, List<RelationshipAssertion> rels) {
        return new RecordAssertions(new RecordRef(source, key, source + " test", ContentHash.of(source + key), "{}"), nodes, rels);
    }

    private static NodeAssertion node(String alias, String label, Object key, Map<String, Object> props, boolean primary) {
        return new NodeAssertion(alias, O.nodeType(label), key, props, primary ? WriteMode.AUTHORITATIVE : WriteMode.FILL, primary);
    }
}

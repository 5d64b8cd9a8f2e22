package org.jiedao.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.jiedao.hub.api.access.Access;
import org.jiedao.hub.api.access.AccessPolicy;
import org.jiedao.hub.api.access.Principal;
import org.jiedao.hub.graph.ops.Operations;
import org.jiedao.hub.graph.schema.GraphSchema;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.graph.write.RecordWriter;
import org.jiedao.hub.loaders.reference.DivisionAssertions;
import org.jiedao.hub.loaders.reference.DivisionCodes;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.assertion.ContentHash;
import org.jiedao.hub.ontology.assertion.NodeAssertion;
import org.jiedao.hub.ontology.assertion.RecordAssertions;
import org.jiedao.hub.ontology.assertion.RecordRef;
import org.jiedao.hub.ontology.assertion.RelationshipAssertion;
import org.jiedao.hub.ontology.assertion.WriteMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 9's details panel through GraphQL: each source record of a node with its source's department and name and
 * what it asserted ({@code SourceRef.department}, {@code sourceName}, {@code values}), and a node's {@code timeline}.
 * The graph is written through the real writer: 王芳 registered by the household registry (hukou, authoritative) and
 * named differently on her elderly card by civil affairs (a value that fills gaps only, so it does not survive); two
 * households and two addresses in turn (a move on 2020-07-01), a car bought in 2019, a case she reported at her
 * address in 府右街南社区 and one at an address in another community.
 */
class ProvenanceAndTimelineTest {
    private static final Ontology O = ApiFixture.O;
    private static final String ID = ApiFixture.SPOUSE_ID;
    private static final String COMMUNITY_A = "110102001004";
    private static final String COMMUNITY_B = "110102001026";
    private static QueryFixture.Engine engine;

    @BeforeAll
    static void graph() throws Exception {
        TestNeo4j.clear();
        new GraphSchema(O).apply(TestNeo4j.driver());
        try (Operations ops = Operations.create(TestNeo4j.driver())) {
            ops.registerSource("hukou", "户籍登记", "file", "派出所户籍室");
            ops.registerSource("civilaffairs-elderly", "老年证登记", "file", "街道民政科");
        }
        RecordWriter writer = new RecordWriter(TestNeo4j.driver());
        writer.write(DivisionAssertions.of(DivisionCodes.xicheng(), O, "xicheng_110102.csv"), List.of());
        Map<String, Object> person = Map.of("idNumber", ID, "name", "王芳", "gender", "2", "birthDate", LocalDate.of(1992, 3, 4),
                "phone", "+8613912345678");
        writer.write(List.of(
                record("hukou", "H7-" + ID, List.of(
                                node("p", "Person", ID, person, true),
                                node("h", "Household", "H7", Map.of("householdNumber", "H7"), false),
                                node("a", "Address", "府右街12号", Map.of("text", "府右街12号"), false),
                                community("c", COMMUNITY_A)),
                        List.of(rel("MEMBER_OF", "p", "h", Map.of("validFrom", LocalDate.of(2015, 3, 1), "validTo", LocalDate.of(2020, 6, 30))),
                                rel("RESIDES_AT", "p", "a", Map.of("validFrom", LocalDate.of(2012, 5, 1), "validTo", LocalDate.of(2020, 7, 1))),
                                rel("REGISTERED_AT", "h", "a", Map.of()),
                                rel("IN_COMMUNITY", "a", "c", Map.of()))),
                record("hukou", "H8-" + ID, List.of(
                                node("p", "Person", ID, person, true),
                                node("h", "Household", "H8", Map.of("householdNumber", "H8"), false),
                                node("a", "Address", "府右街14号", Map.of("text", "府右街14号"), false),
                                community("c", COMMUNITY_A)),
                        List.of(rel("MEMBER_OF", "p", "h", Map.of("validFrom", LocalDate.of(2020, 7, 1))),
                                rel("RESIDES_AT", "p", "a", Map.of("validFrom", LocalDate.of(2020, 7, 1))),
                                rel("REGISTERED_AT", "h", "a", Map.of()),
                                rel("IN_COMMUNITY", "a", "c", Map.of()))),
                record("vehicles", "V1", List.of(
                                node("v", "Vehicle", "京A12345", Map.of("plate", "京A12345"), true),
                                node("o", "Person", ID, Map.of("idNumber", ID), false)),
                        List.of(rel("OWNS", "o", "v", Map.of("validFrom", LocalDate.of(2019, 9, 10))))),
                kase("12345-7", "府右街14号", COMMUNITY_A, OffsetDateTime.of(2021, 4, 2, 10, 15, 0, 0, ZoneOffset.ofHours(8))),
                kase("12345-8", "义达里5号", COMMUNITY_B, OffsetDateTime.of(2022, 8, 9, 1, 0, 0, 0, ZoneOffset.UTC))), List.of());
        // civil affairs names her 王小芳; its person values only fill gaps, so the registry's name stays
        writer.write(List.of(record("civilaffairs-elderly", "E1", List.of(
                        node("e", "ElderlyCard", "E1", Map.of("certificateNumber", "E1", "issuedOn", LocalDate.of(2023, 1, 5)), true),
                        new NodeAssertion("p", O.nodeType("Person"), ID, Map.of("idNumber", ID, "name", "王小芳"), WriteMode.FILL, false)),
                List.of(rel("HELD_BY", "e", "p", Map.of())))), List.of());
        engine = QueryFixture.engine();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static RecordAssertions kase(String number, String address, String community, OffsetDateTime reportedAt) {
        return record("hotline12345", number, List.of(
                        node("k", "Case", number, Map.of("caseNumber", number, "reportedAt", reportedAt.toZonedDateTime()), true),
                        node("p", "Person", ID, Map.of("idNumber", ID), false),
                        node("a", "Address", address, Map.of("text", address), false),
                        community("c", community)),
                List.of(rel("REPORTED_BY", "k", "p", Map.of()), rel("CONCERNS", "k", "a", Map.of()), rel("IN_COMMUNITY", "a", "c", Map.of())));
    }

    private static RecordAssertions record(String source, String key, List<NodeAssertion> nodes, List<RelationshipAssertion> rels) {
        return new RecordAssertions(new RecordRef(source, key, source + " test", ContentHash.of(source + key), "{}"), nodes, rels);
    }

    private static NodeAssertion node(String alias, String label, Object key, Map<String, Object> props, boolean primary) {
        return new NodeAssertion(alias, O.nodeType(label), key, props, primary ? WriteMode.AUTHORITATIVE : WriteMode.FILL, primary);
    }

    private static NodeAssertion community(String alias, String code) {
        return new NodeAssertion(alias, O.nodeType("Community"), code, Map.of(), WriteMode.REFERENCE, false);
    }

    private static RelationshipAssertion rel(String type, String from, String to, Map<String, Object> props) {
        return new RelationshipAssertion(O.relationshipType(type), from, to, props);
    }

    private static Access access(String role, Map<String, List<String>> attributes, String purpose) {
        return AccessPolicy.bundled(O).access(new Principal("test-" + role, role, attributes, purpose, "test"), O);
    }

    private static JsonNode data(Access access, String query) {
        JsonNode r = engine.run(QueryFixture.as(access, query));
        assertThat(r.path("errors").isMissingNode()).as("errors: %s", r.path("errors")).isTrue();
        return r.path("data");
    }

    /** @return the graph's one person as the role sees her, looked up without her ID number (an analyst may not) */
    private static JsonNode onlyPerson(Access access, String selection) {
        JsonNode edges = data(access, "{ persons(first: 2) { edges { node { " + selection + " } } } }").path("persons").path("edges");
        assertThat(edges).hasSize(1);
        return edges.get(0).path("node");
    }

    private static JsonNode source(JsonNode sources, String source) {
        for (JsonNode s : sources) {
            if (s.path("source").asText().equals(source)) {
                return s;
            }
        }
        throw new AssertionError("no record of " + source + " in " + sources);
    }

    /** @return {@code field=value(current)} of each asserted value, e.g. {@code name=王芳(true)} */
    private static List<String> values(JsonNode ref) {
        List<String> out = new ArrayList<>();
        ref.path("values").forEach(v -> out.add(v.path("field").asText() + "=" + v.path("value").asText() + "(" + v.path("current").asBoolean() + ")"));
        return out;
    }

    /** @return {@code date kind field label} of each event, in answer order */
    private static List<String> events(JsonNode timeline) {
        List<String> out = new ArrayList<>();
        timeline.forEach(e -> out.add(String.join(" ", e.path("date").asText(), e.path("kind").asText(), e.path("field").asText(),
                e.path("type").asText(), e.path("label").asText())));
        return out;
    }

    private static final String SOURCES = """
            { person(idNumber: "%s") { name sources { source sourceName department relation values { field value current } } } }""".formatted(ID);

    @Test
    void eachRecordNamesItsDepartmentAndWhatItAssertedWithTheSurvivingValueMarkedCurrent() {
        JsonNode p = data(QueryFixture.ADMIN, SOURCES).path("person");
        assertThat(p.path("name").asText()).isEqualTo("王芳");
        JsonNode hukou = source(p.path("sources"), "hukou");
        assertThat(hukou.path("department").asText()).isEqualTo("派出所户籍室");
        assertThat(hukou.path("sourceName").asText()).isEqualTo("户籍登记");
        assertThat(values(hukou)).contains("idNumber=" + ID + "(true)", "name=王芳(true)", "gender=FEMALE(true)",
                "birthDate=1992-03-04(true)", "phone=+8613912345678(true)");
        JsonNode elderly = source(p.path("sources"), "civilaffairs-elderly");
        assertThat(elderly.path("department").asText()).isEqualTo("街道民政科");
        assertThat(elderly.path("relation").asText()).isEqualTo("MENTIONS");
        assertThat(values(elderly)).containsExactlyInAnyOrder("idNumber=" + ID + "(true)", "name=王小芳(false)");
        // an undeclared source has no department; a type without per-record values answers an empty list
        assertThat(source(p.path("sources"), "vehicles").path("department").isNull()).isTrue();
        JsonNode household = data(QueryFixture.ADMIN, "{ household(householdNumber: \"H7\") { sources { source department values { field } } } }");
        JsonNode ref = source(household.path("household").path("sources"), "hukou");
        assertThat(ref.path("department").asText()).isEqualTo("派出所户籍室");
        assertThat(ref.path("values")).isEmpty();
    }

    @Test
    void aRoleThatReadsTheIdNumberMaskedGetsNoRecordsAndSoNoAssertedValueInClear() {
        // provenance names records by keys built from their values, so only a role reading everything in clear gets it
        // (docs/security/access-policy.md, rule 5): the analyst's and the caseworker's asserted values never leave Neo4j
        Access analyst = access("analyst", Map.of(), "statistics");
        JsonNode a = onlyPerson(analyst, "idNumber name sources { source values { field value } }");
        assertThat(a.path("idNumber").asText()).isEqualTo(ID.substring(0, 6) + "********" + ID.substring(14));
        assertThat(a.path("sources")).isEmpty();
        Access caseworker = access("caseworker", Map.of("communities", List.of(COMMUNITY_A)), "case-handling");
        JsonNode c = data(caseworker, SOURCES.replace("{ name", "{ idNumber name")).path("person");
        assertThat(c.path("idNumber").asText()).as("she too reads ID numbers masked").isEqualTo(ID.substring(0, 6) + "********" + ID.substring(14));
        assertThat(c.path("sources")).isEmpty();
        assertThat(a.toString()).doesNotContain(ID).doesNotContain("王小芳");
        assertThat(c.toString()).doesNotContain(ID);
    }

    private static final String LIMITED_POLICY = """
            roles:
              admin: { read: all, clear: [personal-id, personal, special-category, internal], personalAccess: true }
              registry-clerk:
                read:
                  Person: [idNumber, name, household, address, cases, timeline, sources]
                  Household: all
                  Address: all
                  Case: all
                clear: [personal-id, personal, special-category, internal]
                personalAccess: true
            """;

    @Test
    void aRoleThatMayNotReadAFieldGetsNeitherItsAssertedValuesNorItsEvents() {
        AccessPolicy policy = AccessPolicy.parse(new ByteArrayInputStream(LIMITED_POLICY.getBytes(StandardCharsets.UTF_8)), "test.yaml", O);
        Access clerk = policy.access(new Principal("clerk", "registry-clerk", Map.of(), null, "test"), O);
        JsonNode p = data(clerk, """
                { person(idNumber: "%s") { sources { source values { field value current } } timeline { date kind field type label } } }"""
                .formatted(ID)).path("person");
        // phone, gender and birthDate are not in its read list: left out, not an error
        assertThat(values(source(p.path("sources"), "hukou"))).containsExactlyInAnyOrder("idNumber=" + ID + "(true)", "name=王芳(true)");
        // neither vehicles nor certificates are in its read list: no ownership or certificate events
        assertThat(p.path("timeline").findValuesAsText("field")).isNotEmpty().doesNotContain("vehicles", "certificates")
                .contains("household", "address", "cases");
        JsonNode admin = data(QueryFixture.ADMIN, "{ person(idNumber: \"%s\") { timeline { field } } }".formatted(ID)).path("person");
        assertThat(admin.path("timeline").findValuesAsText("field")).contains("vehicles", "certificates");
    }

    @Test
    void aPersonsTimelineListsHerMovesHouseholdsVehicleCertificateAndCasesInDateOrder() {
        JsonNode p = data(QueryFixture.ADMIN, """
                { person(idNumber: "%s") { timeline { date kind field property type label key } } }""".formatted(ID)).path("person");
        assertThat(events(p.path("timeline"))).containsExactly(
                "2012-05-01 START address Address 府右街12号",
                "2015-03-01 START household Household H7",
                "2019-09-10 START vehicles Vehicle 京A12345",
                "2020-06-30 END household Household H7",
                // one day, several events: by field, then validFrom before validTo
                "2020-07-01 START address Address 府右街14号",
                "2020-07-01 END address Address 府右街12号",
                "2020-07-01 START household Household H8",
                "2021-04-02T10:15:00+08:00 EVENT cases Case 12345-7",
                "2022-08-09T01:00:00Z EVENT cases Case 12345-8",
                "2023-01-05 START certificates Certificate E1");
        JsonNode kase = p.path("timeline").get(7);
        assertThat(kase.path("property").asText()).isEqualTo("reportedAt");
        assertThat(kase.path("key").asText()).isEqualTo("12345-7");
    }

    @Test
    void theTimelineIsMaskedAndScopedAsTheFieldsItComesFrom() {
        // the analyst reads validity dates and addresses masked (personal), case dates in clear (public), and holding
        // a certificate number not at all (special category): the key is null, the label falls back to it
        JsonNode a = onlyPerson(access("analyst", Map.of(), "statistics"), "timeline { date kind field type label key }");
        List<String> analyst = events(a.path("timeline"));
        assertThat(analyst).contains("2012-**-** START address Address 府*****", "2015-**-** START household Household H*",
                "2021-04-02T10:15:00+08:00 EVENT cases Case 12345-7", "2023-**-** START certificates Certificate null");
        assertThat(a.toString()).doesNotContain("府右街12号").doesNotContain("2015-03-01").doesNotContain("E1");
        // masked dates order by what the role sees (the year), so the order reveals no masked day
        List<String> dates = a.path("timeline").findValuesAsText("date");
        assertThat(dates).isSortedAccordingTo(String::compareTo);
        // the caseworker of 府右街南社区 sees her own residents in clear, but not the case at an address in another community
        // (a household is in her scope through the address it is registered at)
        JsonNode c = data(access("caseworker", Map.of("communities", List.of(COMMUNITY_A)), "case-handling"), """
                { person(idNumber: "%s") { timeline { date field key } } }""".formatted(ID)).path("person");
        assertThat(c.path("timeline").findValuesAsText("key")).contains("12345-7", "H7", "府右街12号").doesNotContain("12345-8");
    }

    @Test
    void eachEventCarriesTheRefThatOpensItsOtherNodeEvenWhenItsKeyIsMasked() {
        // the analyst reads the household number masked (H*): the event's ref still opens the household, masked alike
        Access analyst = access("analyst", Map.of(), "statistics");
        JsonNode events = onlyPerson(analyst, "timeline { field key ref }").path("timeline");
        JsonNode household = null;
        for (JsonNode e : events) {
            if (e.path("field").asText().equals("household")) {
                household = e;
            }
        }
        assertThat(household).as("a household event: %s", events).isNotNull();
        assertThat(household.path("ref").asText()).isNotBlank();
        JsonNode opened = data(analyst, "{ node(ref: \"%s\") { ... on Household { householdNumber } } }".formatted(household.path("ref").asText()));
        assertThat(opened.path("node").path("householdNumber").asText()).isEqualTo(household.path("key").asText()).isEqualTo("H*");
    }
}

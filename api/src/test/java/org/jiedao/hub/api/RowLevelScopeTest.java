package org.jiedao.hub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jiedao.hub.api.ScopeFixture.A1;
import static org.jiedao.hub.api.ScopeFixture.A2;
import static org.jiedao.hub.api.ScopeFixture.B1;
import static org.jiedao.hub.api.ScopeFixture.B2;
import static org.jiedao.hub.api.ScopeFixture.CASE_A;
import static org.jiedao.hub.api.ScopeFixture.CASE_A2;
import static org.jiedao.hub.api.ScopeFixture.COMMUNITY_A;
import static org.jiedao.hub.api.ScopeFixture.COMMUNITY_B;
import static org.jiedao.hub.api.ScopeFixture.HOUSEHOLD_A;
import static org.jiedao.hub.api.ScopeFixture.HOUSEHOLD_B;
import static org.jiedao.hub.api.ScopeFixture.MOVED;
import static org.jiedao.hub.api.ScopeFixture.STAYING;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;

import graphql.ExecutionInput;
import graphql.GraphQL;

import org.jiedao.hub.api.access.Access;
import org.jiedao.hub.api.access.AccessPolicy;
import org.jiedao.hub.api.access.FieldRule;
import org.jiedao.hub.api.access.Principal;
import org.jiedao.hub.api.query.QueryContext;
import org.jiedao.hub.api.schema.SchemaBuilder;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.ontology.Ontology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Row-level scope (docs/security/row-level-scope.md): a caseworker of community A cannot reach a resident of community
 * B by any route: lookup, nested traversal, connections and their counts, {@code where} relationship filters,
 * aggregates, computed counts, search and path. Each test runs the same query as admin too, and asserts that admin
 * does reach what the caseworker does not, so the test fails if the scope does nothing.
 */
class RowLevelScopeTest {
    private static final Ontology O = ApiFixture.O;
    private static final AccessPolicy POLICY = AccessPolicy.bundled(O);
    private static final Access ADMIN = Access.internal(POLICY, O, "test");
    private static final Access CASEWORKER = caseworker(List.of(COMMUNITY_A));
    private static ExecutorService blocking;
    private static QueryContext context;
    private static GraphQL graphql;

    @BeforeAll
    static void graph(@TempDir Path tmp) throws Exception {
        ScopeFixture.writeGraph(tmp);
        blocking = Executors.newVirtualThreadPerTaskExecutor();
        context = GraphQLFactory.context(O, TestNeo4j.driver(), blocking, QueryLimits.DEFAULTS);
        graphql = GraphQLFactory.create(context);
    }

    @AfterAll
    static void stop() {
        blocking.shutdownNow();
    }

    private static Access caseworker(List<String> communities) {
        return POLICY.access(new Principal("cw1", "caseworker", Map.of("communities", communities), "case-handling", "jwt"), O);
    }

    /** Runs a query as the given access and returns its data, asserting there was no error. */
    private static JsonNode run(Access access, String query) {
        JsonNode r = ApiFixture.JSON.valueToTree(graphql.execute(ExecutionInput.newExecutionInput(query)
                .graphQLContext(Map.of(Access.CONTEXT_KEY, access)).build()).toSpecification());
        assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
        return r.path("data");
    }

    private static JsonNode admin(String query) {
        return run(ADMIN, query);
    }

    private static JsonNode caseworker(String query) {
        return run(CASEWORKER, query);
    }

    /** B1's name: the caseworker reads names in clear and ID numbers masked, so her filters name residents by name */
    private static final String B1_NAME = "赵敏";
    private static final List<String> RESIDENTS = List.of(A1, A2, STAYING, B1, B2, MOVED);

    /** The fixture residents behind the {@code idNumber} values in an answer (see {@link #resident}). */
    private static List<String> ids(JsonNode node) {
        return node.findValuesAsText("idNumber").stream().map(RowLevelScopeTest::resident).toList();
    }

    /**
     * A caseworker reads ID numbers masked (first 6 and last 4 characters kept, docs/security/access-policy.md): the
     * fixture resident a masked value stands for, checked to be the only one it fits; a clear value is returned as is.
     */
    private static String resident(String seen) {
        if (!seen.contains("*")) {
            return seen;
        }
        List<String> fits = RESIDENTS.stream().filter(id -> id.length() == seen.length()
                && id.startsWith(seen.substring(0, 6)) && id.endsWith(seen.substring(seen.length() - 4))
                && seen.substring(6, seen.length() - 4).chars().allMatch(c -> c == '*')).toList();
        assertThat(fits).as("the mask %s stands for exactly one fixture resident", seen).hasSize(1);
        return fits.getFirst();
    }

    private static String id(JsonNode person) {
        return resident(person.path("idNumber").asText());
    }

    @Test
    void aCaseworkerReadsHerResidentsIdNumbersMaskedAndTheirNamesInClear() {
        JsonNode p = caseworker("{ person(idNumber: \"%s\") { idNumber name } }".formatted(A1)).path("person");
        assertThat(p.path("idNumber").asText()).isEqualTo(A1.substring(0, 6) + "********" + A1.substring(14));
        assertThat(p.path("name").asText()).isEqualTo("林晓雨");
    }

    // ---------------------------------------------------------------- lookups

    @Test
    void aLookupOfAResidentOfAnotherCommunityAnswersNullAsIfAbsent() {
        String query = "{ person(idNumber: \"%s\") { idNumber name } }";
        assertThat(admin(query.formatted(B1)).path("person").path("idNumber").asText()).isEqualTo(B1);
        assertThat(caseworker(query.formatted(B1)).path("person").isNull()).isTrue();
        assertThat(caseworker(query.formatted(A1)).path("person").path("name").asText()).isEqualTo("林晓雨");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "household(householdNumber: \"" + HOUSEHOLD_B + "\") { householdNumber }",
            "vehicle(plate: \"" + ScopeFixture.VEHICLE_B + "\") { plate }",
            "case(caseNumber: \"" + ScopeFixture.CASE_B + "\") { caseNumber }",
            "complaint(caseNumber: \"" + ScopeFixture.CASE_B + "\") { caseNumber }",
            "community(code: \"" + COMMUNITY_B + "\") { code }",
            "address(text: \"" + ScopeFixture.ADDRESS_B + "\") { text }"})
    void aLookupOfTheOtherCommunitysHouseholdVehicleCaseOrAddressAnswersNull(String field) {
        String root = field.substring(0, field.indexOf('('));
        assertThat(admin("{ " + field + " }").path(root).isObject()).as("admin reaches " + field).isTrue();
        assertThat(caseworker("{ " + field + " }").path(root).isNull()).as("caseworker reaches " + field).isTrue();
    }

    @Test
    void vehiclesOfAnotherCommunityAreNotReachedThroughAnOwnerInScope() {
        // 赵敏 (B) owns 京B67890; 林晓雨 (A) owns 京A12345: the caseworker sees hers, and 赵敏's neither as a vehicle nor as an owner
        String query = "{ vehicle(plate: \"%s\") { plate owner { idNumber } } }";
        assertThat(admin(query.formatted(ScopeFixture.VEHICLE_B)).path("vehicle").path("owner").path("idNumber").asText()).isEqualTo(B1);
        assertThat(caseworker(query.formatted(ScopeFixture.VEHICLE_B)).path("vehicle").isNull()).isTrue();
        assertThat(id(caseworker(query.formatted(ScopeFixture.VEHICLE_A)).path("vehicle").path("owner"))).isEqualTo(A1);
    }

    // ---------------------------------------------------------------- nested traversal

    @Test
    void aCaseInHerCommunityDoesNotShowItsReporterFromAnotherCommunity() {
        String query = "{ case(caseNumber: \"" + CASE_A + "\") { caseNumber reporter { idNumber name } } }";
        assertThat(admin(query).path("case").path("reporter").path("idNumber").asText()).isEqualTo(B1);
        JsonNode seen = caseworker(query).path("case");
        assertThat(seen.path("caseNumber").asText()).isEqualTo(CASE_A);
        assertThat(seen.path("reporter").isNull()).as(seen.toString()).isTrue();
    }

    @Test
    void aHouseholdInHerCommunityListsOnlyItsMembersInScope() {
        String query = """
                { household(householdNumber: "%s") {
                    members { idNumber }
                    sorted: members(sort: [{ name: ASC }], first: 10) { idNumber }
                    filtered: members(where: { name: { ne: "nobody" } }) { idNumber }
                    membersAggregate { count } } }""".formatted(HOUSEHOLD_A);
        JsonNode all = admin(query).path("household");
        JsonNode scoped = caseworker(query).path("household");
        for (String list : List.of("members", "sorted", "filtered")) {
            assertThat(ids(all.path(list))).as("admin " + list).containsExactlyInAnyOrder(A1, A2, B1);
            assertThat(ids(scoped.path(list))).as("caseworker " + list).containsExactlyInAnyOrder(A1, A2);
        }
        assertThat(all.path("membersAggregate").path("count").asInt()).isEqualTo(3);
        assertThat(scoped.path("membersAggregate").path("count").asInt()).isEqualTo(2);
    }

    @Test
    void residentsOfAnotherCommunityAreNotReachedDownFromTheSubdistrict() {
        // subdistricts are unscoped (anyone of the scope reads them), so this is the way in to try
        String query = "{ subdistrict(code: \"110102001\") { communities { code addresses { residents { idNumber } } } } }";
        JsonNode all = admin(query).path("subdistrict");
        JsonNode scoped = caseworker(query).path("subdistrict");
        assertThat(ids(all)).contains(A1, B1, B2);
        assertThat(all.path("communities").findValuesAsText("code")).contains(COMMUNITY_A, COMMUNITY_B);
        assertThat(scoped.path("communities").findValuesAsText("code")).containsExactly(COMMUNITY_A);
        assertThat(ids(scoped)).contains(A1).doesNotContain(B1, B2, MOVED);
    }

    @Test
    void theOtherCommunityAndItsResidentsAreNotReachedThroughItsCode() {
        String query = "{ community(code: \"" + COMMUNITY_B + "\") { code addresses { residents { idNumber } } } }";
        assertThat(ids(admin(query).path("community"))).contains(B1, B2);
        assertThat(caseworker(query).path("community").isNull()).isTrue();
    }

    // ---------------------------------------------------------------- connections, filters, aggregates

    @Test
    void thePersonsConnectionAndItsTotalCountHoldOnlyHerResidents() {
        // sorted by name: the caseworker reads ID numbers masked, so she may not sort on them
        String query = "{ persons(first: 100, sort: [{ name: ASC }]) { totalCount edges { node { idNumber } } } }";
        JsonNode all = admin(query).path("persons");
        JsonNode scoped = caseworker(query).path("persons");
        assertThat(ids(all)).contains(B1, B2, MOVED);
        assertThat(all.path("totalCount").asInt()).isEqualTo(6);
        assertThat(ids(scoped)).containsExactly(A1, A2, STAYING); // 林晓雨, 王芳, 陈静 in code-point order
        assertThat(scoped.path("totalCount").asInt()).isEqualTo(3);
    }

    @Test
    void aSecondPageAndItsPreviousPageFlagStayInScope() {
        String first = "{ persons(first: 1, sort: [{ name: ASC }]) { edges { cursor node { idNumber } } } }";
        String next = "{ persons(first: 100, after: \"%s\", sort: [{ name: ASC }]) { totalCount edges { node { idNumber } } pageInfo { hasPreviousPage } } }";
        // each caller pages with its own cursors: the caseworker's tie-breaker is the element id, not the ID number she reads masked
        String adminCursor = admin(first).path("persons").path("edges").get(0).path("cursor").asText();
        assertThat(ids(admin(next.formatted(adminCursor)).path("persons"))).contains(B1);
        String cursor = caseworker(first).path("persons").path("edges").get(0).path("cursor").asText();
        assertThat(new String(java.util.Base64.getUrlDecoder().decode(cursor), java.nio.charset.StandardCharsets.UTF_8))
                .as("her cursor does not carry a clear ID number").doesNotContain(A1).doesNotContain(ScopeFixture.A2).doesNotContain(STAYING);
        JsonNode scoped = caseworker(next.formatted(cursor)).path("persons");
        assertThat(ids(scoped)).hasSize(2).doesNotContain(B1, B2, MOVED);
        assertThat(scoped.path("pageInfo").path("hasPreviousPage").asBoolean()).isTrue();
    }

    @Test
    void aSomeFilterNamingAResidentOfAnotherCommunityMatchesNothing() {
        String households = "{ households(where: { members: { some: { name: { eq: \"%s\" } } } }) { edges { node { householdNumber } } } }"
                .formatted(B1_NAME);
        assertThat(admin(households).findValuesAsText("householdNumber")).containsExactlyInAnyOrder(HOUSEHOLD_A, HOUSEHOLD_B);
        assertThat(caseworker(households).findValuesAsText("householdNumber")).isEmpty();
        String cases = "{ cases(where: { reporter: { some: { name: { eq: \"%s\" } } } }) { edges { node { caseNumber } } } }".formatted(B1_NAME);
        assertThat(admin(cases).findValuesAsText("caseNumber")).containsExactlyInAnyOrder(CASE_A, CASE_A2);
        assertThat(caseworker(cases).findValuesAsText("caseNumber")).isEmpty();
    }

    @Test
    void aNoneFilterNamingAResidentOfAnotherCommunityDoesNotRevealHerMembership() {
        String query = "{ households(where: { members: { none: { name: { eq: \"%s\" } } } }) { edges { node { householdNumber } } } }"
                .formatted(B1_NAME);
        assertThat(admin(query).findValuesAsText("householdNumber")).doesNotContain(HOUSEHOLD_A);
        assertThat(caseworker(query).findValuesAsText("householdNumber")).containsExactly(HOUSEHOLD_A);
    }

    @Test
    void anAllFilterConsidersOnlyRelatedNodesInScope() {
        String query = "{ households(where: { members: { all: { name: { ne: \"%s\" } } } }) { edges { node { householdNumber } } } }"
                .formatted(B1_NAME);
        assertThat(admin(query).findValuesAsText("householdNumber")).doesNotContain(HOUSEHOLD_A);
        assertThat(caseworker(query).findValuesAsText("householdNumber")).containsExactly(HOUSEHOLD_A);
    }

    @Test
    void rootAggregatesCountOnlyNodesInScope() {
        String query = """
                { all: personsAggregate { count }
                  named: personsAggregate(where: { name: { eq: "%s" } }) { count }
                  cases: casesAggregate { count } }""".formatted(B1_NAME);
        JsonNode all = admin(query);
        JsonNode scoped = caseworker(query);
        assertThat(all.path("all").path("count").asInt()).isEqualTo(6);
        assertThat(scoped.path("all").path("count").asInt()).isEqualTo(3);
        assertThat(all.path("named").path("count").asInt()).isEqualTo(1);
        assertThat(scoped.path("named").path("count").asInt()).isZero();
        assertThat(all.path("cases").path("count").asInt()).isEqualTo(3);
        assertThat(scoped.path("cases").path("count").asInt()).isEqualTo(2);
    }

    @Test
    void computedCountsCountOnlyResidentsInScope() {
        // 周敏 lived in A until 2023 and lives in B now: the resident count (which reads no dates) counts her for admin
        String query = "{ community(code: \"" + COMMUNITY_A + "\") { residentCount householdCount vehicleCount } }";
        JsonNode all = admin(query).path("community");
        JsonNode scoped = caseworker(query).path("community");
        assertThat(all.path("residentCount").asInt()).isEqualTo(4);
        assertThat(scoped.path("residentCount").asInt()).isEqualTo(3);
        assertThat(scoped.path("householdCount").asInt()).isEqualTo(all.path("householdCount").asInt()).isEqualTo(1);
        assertThat(scoped.path("vehicleCount").asInt()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- search and path

    @ParameterizedTest
    @ValueSource(strings = {"赵敏", "zhaomin", "zhao min", "zm", "义达里"})
    void searchDoesNotFindResidentsOrAddressesOfAnotherCommunity(String text) throws Exception {
        String query = "{ search(text: \"%s\", first: 100) { type key person { idNumber } } }".formatted(text);
        JsonNode all = admin(query).path("search");
        JsonNode scoped = caseworker(query).path("search");
        assertThat(all.findValuesAsText("key")).containsAnyOf(B1, ScopeFixture.address(ScopeFixture.ADDRESS_B));
        assertThat(scoped.findValuesAsText("key")).doesNotContain(B1, B2, MOVED, COMMUNITY_B, ScopeFixture.address(ScopeFixture.ADDRESS_B));
    }

    @Test
    void searchStillFindsHerOwnResidentsByNameAndPinyin() {
        for (String text : List.of("林晓雨", "linxiaoyu")) {
            assertThat(ids(caseworker("{ search(text: \"%s\") { key person { idNumber household { members { idNumber } } } } }".formatted(text))
                    .path("search").get(0).path("person").path("household").path("members")))
                    .containsExactlyInAnyOrder(A1, A2);
        }
    }

    private static final String PATH = """
            { path(from: {type: "%s", key: "%s"}, to: {type: "%s", key: "%s"}) { length nodes { type key } } }""";

    @Test
    void thereIsNoPathToAResidentOfAnotherCommunity() {
        String query = PATH.formatted("Person", A1, "Person", B1);
        assertThat(admin(query).path("path").path("length").asInt()).isEqualTo(2);
        assertThat(caseworker(query).path("path").isNull()).isTrue();
    }

    @Test
    void aPathGoesAroundResidentsOfAnotherCommunityNotThroughThem() {
        // shortest: 林晓雨 - household A - 赵敏 (B) - case A2 (3 hops); in scope: through the community (4 hops)
        String query = PATH.formatted("Person", A1, "Case", CASE_A2);
        JsonNode all = admin(query).path("path");
        assertThat(all.path("length").asInt()).isEqualTo(3);
        assertThat(all.path("nodes").findValuesAsText("key")).contains(B1);
        JsonNode scoped = caseworker(query).path("path");
        assertThat(scoped.path("length").asInt()).as(scoped.toString()).isEqualTo(4);
        assertThat(scoped.path("nodes").findValuesAsText("key")).doesNotContain(B1).contains(COMMUNITY_A);
    }

    // ---------------------------------------------------------------- principals and time

    @Test
    void aCaseworkerWithoutCommunitiesSeesNoOneButStillReadsTheDivisions() {
        Access none = caseworker(List.of());
        String query = """
                { person(idNumber: "%s") { idNumber }
                  persons { totalCount }
                  personsAggregate { count }
                  search(text: "林晓雨") { key }
                  subdistrict(code: "110102001") { name communities { code } } }""".formatted(A1);
        JsonNode all = admin(query);
        JsonNode nothing = run(none, query);
        assertThat(all.path("persons").path("totalCount").asInt()).isEqualTo(6);
        assertThat(nothing.path("person").isNull()).isTrue();
        assertThat(nothing.path("persons").path("totalCount").asInt()).isZero();
        assertThat(nothing.path("personsAggregate").path("count").asInt()).isZero();
        assertThat(nothing.path("search")).isEmpty();
        assertThat(nothing.path("subdistrict").path("name").asText()).isNotEmpty();
        assertThat(nothing.path("subdistrict").path("communities")).isEmpty();
    }

    @Test
    void aResidentWhoMovedAwayLeavesTheScopeAndOneWhoStaysDoesNot() {
        String query = "{ person(idNumber: \"%s\") { idNumber } }";
        assertThat(admin(query.formatted(MOVED)).path("person").path("idNumber").asText()).isEqualTo(MOVED);
        assertThat(caseworker(query.formatted(MOVED)).path("person").isNull()).isTrue();
        assertThat(id(caseworker(query.formatted(STAYING)).path("person"))).isEqualTo(STAYING);
        assertThat(id(run(caseworker(List.of(COMMUNITY_B)), query.formatted(MOVED)).path("person"))).isEqualTo(MOVED);
    }

    @Test
    void aScopedQueryIsStillOneStatement() {
        long before = context.cypher().statementCount();
        caseworker("""
                { household(householdNumber: "%s") { members { vehicles { plate } cases { caseNumber reporter { name } } }
                    membersAggregate { count } address { community { residentCount } } } }""".formatted(HOUSEHOLD_A));
        assertThat(context.cypher().statementCount() - before).isEqualTo(1);
    }

    @Test
    void aPathOfAScopedRoleThatReadsNamesMaskedShowsThemMaskedAndStillGoesAround() {
        // the bundled scope's paths for the types on the way; the role reads ID numbers in clear, names masked
        String yaml = """
                scopes:
                  community:
                    attribute: communities
                    target: Community.code
                    paths: { Community: [], Address: [IN_COMMUNITY], Person: [RESIDES_AT, IN_COMMUNITY],
                             Household: [REGISTERED_AT, IN_COMMUNITY], Case: [CONCERNS, IN_COMMUNITY] }
                roles:
                  admin: { read: all }
                  caseworker: { read: all, clear: [personal-id], scope: community, personalAccess: true }
                """;
        AccessPolicy policy = AccessPolicy.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml", O);
        Access access = policy.access(new Principal("cw3", "caseworker", Map.of("communities", List.of(COMMUNITY_A)), null, "jwt"), O);
        String query = """
                { path(from: {type: "Person", key: "%s"}, to: {type: "Case", key: "%s"}) { length nodes { type key label } } }"""
                .formatted(A1, CASE_A2);
        assertThat(admin(query).path("path").path("nodes").findValuesAsText("label")).contains("林晓雨");
        JsonNode scoped = run(access, query).path("path");
        assertThat(scoped.path("length").asInt()).as(scoped.toString()).isEqualTo(4);
        assertThat(scoped.path("nodes").findValuesAsText("key")).doesNotContain(B1).contains(A1, COMMUNITY_A);
        assertThat(scoped.path("nodes").get(0).path("label").asText()).isEqualTo("林**");
        assertThat(scoped.path("nodes").findValuesAsText("label")).doesNotContain("林晓雨");
    }

    @Test
    void aTypeNoScopePathReachesIsRefusedBeforeExecution() throws Exception {
        // the same scope as the bundled policy's, without a path for vehicles
        String yaml = """
                scopes:
                  community:
                    attribute: communities
                    target: Community.code
                    paths: { Community: [], Address: [IN_COMMUNITY], Person: [RESIDES_AT, IN_COMMUNITY] }
                roles:
                  admin: { read: all }
                  caseworker: { read: all, clear: [personal-id, personal], scope: community, personalAccess: true }
                """;
        AccessPolicy policy = AccessPolicy.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml", O);
        Access access = policy.access(new Principal("cw2", "caseworker", Map.of("communities", List.of(COMMUNITY_A)), null, "jwt"), O);
        SchemaBuilder.Field vehicles = context.schema().fieldsByType().get("Person").stream()
                .filter(f -> f.name().equals("vehicles")).findFirst().orElseThrow();
        SchemaBuilder.Field plate = context.schema().fieldsByType().get("Vehicle").stream()
                .filter(f -> f.name().equals("plate")).findFirst().orElseThrow();
        assertThat(access.rule(O.nodeType("Person"), vehicles)).isEqualTo(FieldRule.REFUSED);
        assertThat(access.rule(O.nodeType("Vehicle"), plate)).isEqualTo(FieldRule.REFUSED);
        assertThat(ADMIN.rule(O.nodeType("Vehicle"), plate)).isEqualTo(FieldRule.CLEAR);
        String query = "{ person(idNumber: \"%s\") { idNumber vehicles { plate } } vehicles { totalCount } }".formatted(A1);
        assertThat(admin(query).path("person").path("vehicles").findValuesAsText("plate")).containsExactly(ScopeFixture.VEHICLE_A);
        long before = context.cypher().statementCount();
        JsonNode refused = ApiFixture.JSON.valueToTree(graphql.execute(ExecutionInput.newExecutionInput(query)
                .graphQLContext(Map.of(Access.CONTEXT_KEY, access)).build()).toSpecification());
        assertThat(refused.path("errors").findValuesAsText("code")).isNotEmpty().allMatch("FORBIDDEN"::equals);
        assertThat(refused.path("errors").findValuesAsText("message"))
                .anyMatch(m -> m.startsWith("Person.vehicles")).anyMatch(m -> m.startsWith("Vehicle.plate"))
                .anyMatch(m -> m.startsWith("Query.vehicles"));
        assertThat(context.cypher().statementCount()).as("statements run").isEqualTo(before);
    }

    @Test
    void entityChangesOfScopedTypesAreNotDeliveredToAScopedRole() throws Exception {
        org.jiedao.hub.graph.feed.ChangeFeed feed = new org.jiedao.hub.graph.feed.ChangeFeed();
        GraphQL engine = GraphQLFactory.create(context, feed);
        String named = "subscription { entityChanged(types: [\"Person\"]) { label key } }";
        String all = "subscription { entityChanged { label key } }";
        assertThat(subscribe(engine, ADMIN, named).getErrors()).isEmpty();
        graphql.ExecutionResult refused = subscribe(engine, CASEWORKER, named);
        assertThat(refused.getErrors()).singleElement().satisfies(e -> assertThat(e.getMessage()).contains("Person"));
        java.util.concurrent.BlockingQueue<Object> adminGets = deliveries(subscribe(engine, ADMIN, all));
        java.util.concurrent.BlockingQueue<Object> caseworkerGets = deliveries(subscribe(engine, CASEWORKER, all));
        java.time.Instant now = java.time.Instant.now();
        feed.publish(List.of(
                new org.jiedao.hub.graph.feed.EntityChange("Person", B1, org.jiedao.hub.graph.feed.EntityChange.Kind.UPDATED, "hukou", "k1", now),
                new org.jiedao.hub.graph.feed.EntityChange("District", "110102", org.jiedao.hub.graph.feed.EntityChange.Kind.UPDATED, "divisions", "k2", now)));
        assertThat(adminGets.poll(10, java.util.concurrent.TimeUnit.SECONDS).toString()).contains(B1);
        assertThat(adminGets.poll(10, java.util.concurrent.TimeUnit.SECONDS).toString()).contains("District");
        assertThat(caseworkerGets.poll(10, java.util.concurrent.TimeUnit.SECONDS).toString()).contains("District").doesNotContain(B1);
        assertThat(caseworkerGets).isEmpty();
        feed.close();
    }

    private static graphql.ExecutionResult subscribe(GraphQL engine, Access access, String query) {
        return engine.execute(ExecutionInput.newExecutionInput(query).graphQLContext(Map.of(Access.CONTEXT_KEY, access,
                org.jiedao.hub.api.subscription.SubscriptionFields.WEBSOCKET, "test")).build());
    }

    /** @return the data of each event the subscription delivers, as it arrives */
    private static java.util.concurrent.BlockingQueue<Object> deliveries(graphql.ExecutionResult subscription) {
        assertThat(subscription.getErrors()).isEmpty();
        java.util.concurrent.BlockingQueue<Object> out = new java.util.concurrent.LinkedBlockingQueue<>();
        org.reactivestreams.Publisher<graphql.ExecutionResult> events = subscription.getData();
        events.subscribe(new org.reactivestreams.Subscriber<>() {
            @Override
            public void onSubscribe(org.reactivestreams.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(graphql.ExecutionResult r) {
                out.add(String.valueOf((Object) r.getData()));
            }

            @Override
            public void onError(Throwable t) {
                out.add(t);
            }

            @Override
            public void onComplete() {
            }
        });
        return out;
    }
}

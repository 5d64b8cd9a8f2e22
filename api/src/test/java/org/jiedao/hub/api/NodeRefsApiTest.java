package org.jiedao.hub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jiedao.hub.api.ScopeFixture.A1;
import static org.jiedao.hub.api.ScopeFixture.A2;
import static org.jiedao.hub.api.ScopeFixture.B1;
import static org.jiedao.hub.api.ScopeFixture.CASE_A2;
import static org.jiedao.hub.api.ScopeFixture.CASE_B;
import static org.jiedao.hub.api.ScopeFixture.COMMUNITY_A;
import static org.jiedao.hub.api.ScopeFixture.HOUSEHOLD_A;
import static org.jiedao.hub.api.ScopeFixture.VEHICLE_A;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;

import graphql.ExecutionInput;
import graphql.GraphQL;

import org.jiedao.hub.api.access.Access;
import org.jiedao.hub.api.access.AccessPolicy;
import org.jiedao.hub.api.access.Principal;
import org.jiedao.hub.api.audit.AuditCollector;
import org.jiedao.hub.api.audit.AuditLog;
import org.jiedao.hub.api.audit.AuditRecord;
import org.jiedao.hub.api.query.QueryContext;
import org.jiedao.hub.api.refs.NodeRefs;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.ontology.Ontology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Node refs (docs/graphql/search-and-path.md, "Node refs"; docs/security/access-policy.md): a caseworker who reads ID
 * numbers masked gets, on every node, an opaque {@code ref} she can open with {@code node(ref:)} and join with
 * {@code path(from: {ref:})}, with her masking, community scope and audit applied as for a key lookup. Runs against
 * the two-community graph of {@link ScopeFixture}, through the GraphQL engine.
 */
class NodeRefsApiTest {
    private static final Ontology O = ApiFixture.O;
    /** The bundled scope, and a caseworker who reads names in clear but ID numbers masked. */
    private static final AccessPolicy POLICY = AccessPolicy.parse(new ByteArrayInputStream("""
            scopes:
              community:
                attribute: communities
                target: Community.code
                paths: { Community: [], Address: [IN_COMMUNITY], Person: [RESIDES_AT, IN_COMMUNITY],
                         Household: [REGISTERED_AT, IN_COMMUNITY], Vehicle: [<OWNS, RESIDES_AT, IN_COMMUNITY],
                         Case: [CONCERNS, IN_COMMUNITY] }
                unscoped: [District, Subdistrict]
            roles:
              admin: { read: all, clear: [personal-id, personal, special-category, internal], personalAccess: true }
              caseworker: { read: all, clear: [personal, internal], scope: community, personalAccess: true }
              partner: { read: { Person: [idNumber, name] }, clear: [personal-id, personal] }
            """.getBytes(StandardCharsets.UTF_8)), "test.yaml", O);
    private static final Access ADMIN = POLICY.access(new Principal("op1", "admin", Map.of(), null, "jwt"), O);
    private static final Access CASEWORKER = POLICY.access(
            new Principal("cw1", "caseworker", Map.of("communities", List.of(COMMUNITY_A)), "case-handling", "jwt"), O);
    private static final String NOT_A_REF = "node(ref:): not a node reference of this hub";
    @TempDir
    static Path data;
    private static ExecutorService blocking;
    private static QueryContext context;
    private static GraphQL graphql;

    @BeforeAll
    static void graph() throws Exception {
        ScopeFixture.writeGraph(data);
        blocking = Executors.newVirtualThreadPerTaskExecutor();
        context = GraphQLFactory.context(O, TestNeo4j.driver(), blocking, QueryLimits.DEFAULTS,
                NodeRefs.loadOrCreate(data.resolve("secrets").resolve(NodeRefs.FILE_NAME)));
        graphql = GraphQLFactory.create(context);
    }

    @AfterAll
    static void stop() {
        blocking.shutdownNow();
    }

    private static JsonNode execute(GraphQL engine, Access access, String query, Map<String, Object> variables) {
        return ApiFixture.JSON.valueToTree(engine.execute(ExecutionInput.newExecutionInput(query).variables(variables)
                .graphQLContext(Map.of(Access.CONTEXT_KEY, access)).build()).toSpecification());
    }

    /** @return the data of a query without errors */
    private static JsonNode run(Access access, String query, Map<String, Object> variables) {
        JsonNode r = execute(graphql, access, query, variables);
        assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
        return r.path("data");
    }

    private static JsonNode run(Access access, String query) {
        return run(access, query, Map.of());
    }

    /** @return the caseworker's member of her household HA1 with that name: name, masked idNumber, ref */
    private static JsonNode memberSeenByCaseworker(String name) {
        JsonNode members = run(CASEWORKER, "{ household(householdNumber: \"%s\") { members { name idNumber ref } } }"
                .formatted(HOUSEHOLD_A)).path("household").path("members");
        for (JsonNode m : members) {
            if (m.path("name").asText().equals(name)) {
                return m;
            }
        }
        throw new AssertionError(name + " not among " + members);
    }

    private static String adminRef(String lookup) {
        JsonNode d = run(ADMIN, "{ " + lookup + " { ref } }");
        String root = lookup.substring(0, lookup.indexOf('('));
        return d.path(root).path("ref").asText();
    }

    private static List<String> codes(JsonNode response) {
        return response.path("errors").findValuesAsText("code");
    }

    @Test
    void aCaseworkerOpensAResidentSheSeesMaskedAndExpandsHerHouseholdAndVehicles() {
        JsonNode lin = memberSeenByCaseworker("林晓雨");
        String masked = lin.path("idNumber").asText();
        String ref = lin.path("ref").asText();
        assertThat(masked).isNotEqualTo(A1).hasSize(18).contains("*");
        assertThat(ref).matches("[A-Za-z0-9_-]{40,}").doesNotContain(A1);
        // the key lookup is refused to her: she does not read the key in clear
        JsonNode lookup = execute(graphql, CASEWORKER, "{ person(idNumber: \"%s\") { name } }".formatted(A1), Map.of());
        assertThat(codes(lookup)).containsExactly("FORBIDDEN");

        JsonNode response = execute(graphql, CASEWORKER, """
                query Open($ref: ID!) { node(ref: $ref) { __typename ref
                  ... on Person { name idNumber household { householdNumber members { name ref } } vehicles { plate ref } } } }""",
                Map.of("ref", ref));
        assertThat(response.path("errors").isMissingNode()).as(response.toString()).isTrue();
        JsonNode node = response.path("data").path("node");
        assertThat(node.path("__typename").asText()).isEqualTo("Person");
        assertThat(node.path("ref").asText()).as("the same node, the same ref").isEqualTo(ref);
        assertThat(node.path("name").asText()).isEqualTo("林晓雨");
        assertThat(node.path("idNumber").asText()).isEqualTo(masked);
        assertThat(node.path("household").path("householdNumber").asText()).isEqualTo(HOUSEHOLD_A);
        assertThat(node.path("household").path("members").findValuesAsText("name")).contains("林晓雨", "王芳");
        assertThat(node.path("vehicles").findValuesAsText("plate")).containsExactly(VEHICLE_A);
        assertThat(response.toString()).doesNotContain(A1).doesNotContain(A2).doesNotContain("@ref").doesNotContain("@type");

        // a node reached from it opens the same way: her spouse, then the vehicle and its owner
        String spouse = memberSeenByCaseworker("王芳").path("ref").asText();
        assertThat(node.path("household").path("members").findValuesAsText("ref")).contains(ref, spouse);
        JsonNode wang = run(CASEWORKER, "query($r: ID!) { node(ref: $r) { ... on Person { name idNumber } } }", Map.of("r", spouse));
        assertThat(wang.path("node").path("name").asText()).isEqualTo("王芳");
        assertThat(wang.path("node").path("idNumber").asText()).isNotEqualTo(A2).contains("*");
        String vehicle = node.path("vehicles").get(0).path("ref").asText();
        JsonNode car = run(CASEWORKER, "query($r: ID!) { node(ref: $r) { ... on Vehicle { plate owner { name ref } } ... on Person { name } } }",
                Map.of("r", vehicle)).path("node");
        assertThat(car.path("plate").asText()).isEqualTo(VEHICLE_A);
        assertThat(car.path("name").isMissingNode()).as("the Person fragment does not apply to a vehicle").isTrue();
        assertThat(car.path("owner").path("ref").asText()).isEqualTo(ref);
    }

    @Test
    void theRefOfAResidentOutsideHerCommunitiesAnswersNullForHer() {
        String zhao = adminRef("person(idNumber: \"%s\")".formatted(B1));
        String query = "query($r: ID!) { node(ref: $r) { ... on Person { idNumber name } } }";
        assertThat(run(ADMIN, query, Map.of("r", zhao)).path("node").path("idNumber").asText()).isEqualTo(B1);
        JsonNode forHer = execute(graphql, CASEWORKER, query, Map.of("r", zhao));
        assertThat(forHer.path("errors").isMissingNode()).as(forHer.toString()).isTrue();
        assertThat(forHer.path("data").path("node").isNull()).as(forHer.toString()).isTrue();
        assertThat(forHer.toString()).doesNotContain("赵敏");
    }

    @Test
    void aTamperedOrForeignRefIsBadUserInputAndDisclosesNothing() {
        String ref = memberSeenByCaseworker("林晓雨").path("ref").asText();
        char[] flipped = ref.toCharArray();
        flipped[ref.length() / 2] = flipped[ref.length() / 2] == 'A' ? 'B' : 'A';
        String foreign = NodeRefs.ephemeral().seal("Person", A1);
        for (String bad : List.of(new String(flipped), ref.substring(0, ref.length() - 2), foreign, "not-a-ref", "%%%", "x".repeat(5000))) {
            JsonNode r = execute(graphql, CASEWORKER, "query($r: ID!) { node(ref: $r) { ... on Person { name idNumber } } }", Map.of("r", bad));
            assertThat(codes(r)).as(bad).containsExactly("BAD_USER_INPUT");
            assertThat(r.path("errors").get(0).path("message").asText()).isEqualTo(NOT_A_REF);
            assertThat(r.path("data").path("node").isNull()).isTrue();
            assertThat(r.toString()).doesNotContain("林晓雨").doesNotContain(A1).doesNotContain("AEAD").doesNotContain("javax").doesNotContain("Cipher");
        }
        JsonNode path = execute(graphql, CASEWORKER, "query($r: ID!) { path(from: {ref: $r}, to: {ref: $r}) { length } }",
                Map.of("r", foreign));
        assertThat(codes(path)).containsExactly("BAD_USER_INPUT");
        assertThat(path.path("errors").get(0).path("message").asText()).isEqualTo("path: from.ref: not a node reference of this hub");
    }

    @Test
    void refsAreStableAcrossEnginesOnTheSameSecretFileAndDifferWithAnother() throws Exception {
        Path file = data.resolve("secrets").resolve(NodeRefs.FILE_NAME);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String first = memberSeenByCaseworker("林晓雨").path("ref").asText();
        // the same node through another field, and through search and path, has the same ref
        assertThat(run(CASEWORKER, "{ vehicle(plate: \"%s\") { owner { ref } } }".formatted(VEHICLE_A))
                .path("vehicle").path("owner").path("ref").asText()).isEqualTo(first);
        assertThat(run(CASEWORKER, "query($r: ID!) { path(from: {ref: $r}, to: {ref: $r}) { nodes { ref } } }", Map.of("r", first))
                .path("path").path("nodes").findValuesAsText("ref")).containsExactly(first);

        GraphQL restarted = GraphQLFactory.create(GraphQLFactory.context(O, TestNeo4j.driver(), blocking, QueryLimits.DEFAULTS,
                NodeRefs.loadOrCreate(file)));
        String query = "{ household(householdNumber: \"%s\") { members { name ref } } }".formatted(HOUSEHOLD_A);
        JsonNode again = execute(restarted, CASEWORKER, query, Map.of());
        assertThat(again.path("data").path("household").path("members").findValuesAsText("ref")).contains(first);
        JsonNode opened = execute(restarted, CASEWORKER, "query($r: ID!) { node(ref: $r) { ... on Person { name } } }", Map.of("r", first));
        assertThat(opened.path("data").path("node").path("name").asText()).as(opened.toString()).isEqualTo("林晓雨");

        GraphQL other = GraphQLFactory.create(GraphQLFactory.context(O, TestNeo4j.driver(), blocking, QueryLimits.DEFAULTS,
                NodeRefs.loadOrCreate(data.resolve("other-secrets").resolve(NodeRefs.FILE_NAME))));
        assertThat(execute(other, CASEWORKER, query, Map.of()).path("data").path("household").path("members").findValuesAsText("ref"))
                .hasSize(2).doesNotContain(first);
        assertThat(codes(execute(other, CASEWORKER, "query($r: ID!) { node(ref: $r) { ref } }", Map.of("r", first))))
                .containsExactly("BAD_USER_INPUT");
    }

    @Test
    void aCaseworkerAsksAPathBetweenNodesSheSeesMaskedByTheirRefs() {
        String lin = memberSeenByCaseworker("林晓雨").path("ref").asText();
        String caseA2 = run(CASEWORKER, "{ case(caseNumber: \"%s\") { ref } }".formatted(CASE_A2)).path("case").path("ref").asText();
        // by type and key she may not: she does not read the ID number in clear
        JsonNode byKey = execute(graphql, CASEWORKER, """
                { path(from: {type: "Person", key: "%s"}, to: {type: "Case", key: "%s"}) { length } }""".formatted(A1, CASE_A2), Map.of());
        assertThat(codes(byKey)).containsExactly("FORBIDDEN");

        JsonNode path = run(CASEWORKER, "query($a: ID!, $b: ID!) { path(from: {ref: $a}, to: {ref: $b}) { length nodes { type key ref } } }",
                Map.of("a", lin, "b", caseA2)).path("path");
        assertThat(path.path("length").asInt()).as(path.toString()).isEqualTo(4);
        JsonNode nodes = path.path("nodes");
        assertThat(nodes.get(0).path("type").asText()).isEqualTo("Person");
        assertThat(nodes.get(0).path("key").asText()).isNotEqualTo(A1).contains("*");
        assertThat(nodes.get(0).path("ref").asText()).isEqualTo(lin);
        assertThat(nodes.get(nodes.size() - 1).path("ref").asText()).isEqualTo(caseA2);
        assertThat(nodes.findValuesAsText("key")).contains(COMMUNITY_A);
        assertThat(path.toString()).doesNotContain(A1);

        // an end out of her scope answers null, as by key for admin-like roles
        String zhao = adminRef("person(idNumber: \"%s\")".formatted(B1));
        assertThat(run(CASEWORKER, "query($a: ID!, $b: ID!) { path(from: {ref: $a}, to: {ref: $b}) { length } }",
                Map.of("a", lin, "b", zhao)).path("path").isNull()).isTrue();
        assertThat(run(ADMIN, "query($a: ID!, $b: ID!) { path(from: {ref: $a}, to: {ref: $b}) { length } }",
                Map.of("a", lin, "b", zhao)).path("path").path("length").asInt()).isPositive();
        // ref and type/key together are refused
        JsonNode both = execute(graphql, CASEWORKER, "query($a: ID!) { path(from: {ref: $a, type: \"Person\"}, to: {ref: $a}) { length } }",
                Map.of("a", lin));
        assertThat(codes(both)).containsExactly("BAD_USER_INPUT");
    }

    @Test
    void searchHitsCarryTheRefOfTheNodeTheyFound() throws Exception {
        String lin = memberSeenByCaseworker("林晓雨").path("ref").asText();
        JsonNode hits = run(CASEWORKER, "{ search(text: \"林晓雨\") { type key ref person { ref } } }").path("search");
        assertThat(hits).hasSize(1);
        assertThat(hits.get(0).path("ref").asText()).isEqualTo(lin);
        assertThat(hits.get(0).path("person").path("ref").asText()).isEqualTo(lin);
        assertThat(hits.get(0).path("key").asText()).isNotEqualTo(A1);
    }

    @Test
    void aComplaintIsOpenedAsAComplaintFromTheRefItSharesWithItsCase() {
        String asCase = adminRef("case(caseNumber: \"%s\")".formatted(CASE_B));
        assertThat(adminRef("complaint(caseNumber: \"%s\")".formatted(CASE_B))).isEqualTo(asCase);
        JsonNode node = run(ADMIN, "query($r: ID!) { node(ref: $r) { __typename ... on Complaint { caseNumber } ... on Case { category } } }",
                Map.of("r", asCase)).path("node");
        assertThat(node.path("__typename").asText()).isEqualTo("Complaint");
        assertThat(node.path("caseNumber").asText()).isEqualTo(CASE_B);
        assertThat(node.path("category").isMissingNode()).isTrue();
    }

    @Test
    void aRefOfATypeTheRoleMayNotReadIsRefusedBeforeExecution() {
        String car = adminRef("vehicle(plate: \"%s\")".formatted(VEHICLE_A));
        Access partner = POLICY.access(new Principal("p1", "partner", Map.of(), null, "jwt"), O);
        long before = context.cypher().statementCount();
        JsonNode r = execute(graphql, partner, "query($r: ID!) { node(ref: $r) { ref } }", Map.of("r", car));
        assertThat(codes(r)).containsExactly("FORBIDDEN");
        assertThat(r.path("errors").get(0).path("message").asText()).isEqualTo("node: role partner may not read Vehicle");
        assertThat(context.cypher().statementCount()).isEqualTo(before);
    }

    @Test
    void anOpenedNodeIsOneStatementAndIsRecordedInTheAuditTrailAsTheEntityRead() throws Exception {
        String lin = memberSeenByCaseworker("林晓雨").path("ref").asText();
        try (AuditLog audit = AuditLog.open(data.resolve("audit"), data.resolve("secrets/audit-hmac.key"), AuditLog.Options.of("node-a"))) {
            AuditCollector collector = new AuditCollector(audit, CASEWORKER.principal(), "case-handling", "http");
            long before = context.cypher().statementCount();
            graphql.execute(ExecutionInput.newExecutionInput("query Open($r: ID!) { node(ref: $r) { ... on Person { name household { householdNumber } } } }")
                    .variables(Map.of("r", lin))
                    .graphQLContext(Map.of(Access.CONTEXT_KEY, CASEWORKER, AuditCollector.CONTEXT_KEY, collector)).build());
            assertThat(context.cypher().statementCount() - before).isEqualTo(1);
            AuditRecord rec = collector.recorded();
            assertThat(rec).isNotNull();
            assertThat(rec.operation()).isEqualTo("Open");
            assertThat(rec.outcome()).isEqualTo("ok");
            assertThat(rec.entities()).contains("Person:" + audit.pseudonyms().of(A1), "Household:" + audit.pseudonyms().of(HOUSEHOLD_A));
        }
    }
}

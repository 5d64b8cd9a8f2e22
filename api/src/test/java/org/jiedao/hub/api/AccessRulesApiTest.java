package org.jiedao.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import graphql.ExecutionInput;

import org.jiedao.hub.api.access.Access;
import org.jiedao.hub.api.access.AccessPolicy;
import org.jiedao.hub.api.access.Principal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The access rules a user notices, on the querying fixture's 24 residents ({@link QueryFixture}): the analyst role
 * (bundled policy: no personal data in clear, no personal access) gets ID numbers, names and birth dates masked and
 * enums hidden; its filters, sorts, lookups and aggregates on those fields are refused before any statement runs;
 * cursors do not carry keys it does not read; k-anonymity suppresses aggregates over fewer than k people and shows
 * them from k on.
 */
class AccessRulesApiTest {
    private static QueryFixture.Engine engine;
    private static final Access ANALYST = analyst(5);

    @BeforeAll
    static void graph() {
        QueryFixture.write();
        engine = QueryFixture.engine();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    /** @return the analyst's access under the bundled policy with this k */
    private static Access analyst(int k) {
        try (InputStream in = AccessPolicy.class.getResourceAsStream(AccessPolicy.BUNDLED)) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("kAnonymity: 5", "kAnonymity: " + k);
            AccessPolicy policy = AccessPolicy.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test", QueryFixture.O);
            assertThat(policy.kAnonymity()).isEqualTo(k);
            return policy.access(new Principal("analyst-1", "analyst", Map.of(), "statistics", "test"), QueryFixture.O);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode run(Access access, String query) {
        return engine.run(QueryFixture.as(access, query));
    }

    /** Runs a query the access should refuse; asserts FORBIDDEN, no data and no statement; returns the messages. */
    private static List<String> refused(Access access, String query) {
        long before = engine.context().cypher().statementCount();
        JsonNode r = run(access, query);
        assertThat(engine.context().cypher().statementCount()).as("statements run").isEqualTo(before);
        assertThat(r.path("data").isMissingNode() || r.path("data").isNull()).as("data of %s", r).isTrue();
        List<String> messages = new ArrayList<>();
        r.path("errors").forEach(e -> {
            assertThat(e.path("extensions").path("code").asText()).isEqualTo("FORBIDDEN");
            messages.add(e.path("message").asText());
        });
        assertThat(messages).isNotEmpty();
        return messages;
    }

    @Test
    void analystReadsIdNumbersNamesAndBirthDatesMaskedAndGenderNotAtAll() {
        JsonNode edges = engine.run(QueryFixture.as(ANALYST, "{ persons(first: 24) { edges { node { idNumber name birthDate gender } } } }"))
                .path("data").path("persons").path("edges");
        List<String> ids = new ArrayList<>();
        edges.forEach(e -> {
            JsonNode n = e.path("node");
            ids.add(n.path("idNumber").asText());
            assertThat(n.path("gender").isNull()).isTrue();
            if (!n.path("name").isNull()) {
                assertThat(n.path("name").asText()).matches("[张李王刘陈]\\*");
            }
            if (!n.path("birthDate").isNull()) {
                assertThat(n.path("birthDate").asText()).matches("198[0-4]-\\*\\*-\\*\\*");
            }
        });
        assertThat(ids).containsExactlyInAnyOrderElementsOf(QueryFixture.residents().stream()
                .map(r -> r.id().substring(0, 6) + "********" + r.id().substring(14)).toList());
    }

    @Test
    void filteringOnAMaskedFieldIsRefusedNamingTheArgument() {
        assertThat(refused(ANALYST, "{ persons(where: { idNumber: { startsWith: \"1101021980\" } }) { totalCount } }"))
                .anyMatch(m -> m.startsWith("persons.where.idNumber:"));
    }

    @Test
    void filteringThroughARelationshipAtAnyDepthIsRefused() {
        assertThat(refused(ANALYST, """
                { households(where: { members: { some: { NOT: { OR: [{ birthDate: { gt: "1982-01-01" } }] } } } }) { totalCount } }"""))
                .anyMatch(m -> m.startsWith("households.where.members.some.NOT.OR[0].birthDate:"));
    }

    @Test
    void filteringANestedListOnAMaskedFieldIsRefused() {
        assertThat(refused(ANALYST, "{ households(first: 4) { edges { node { members(where: { name: { eq: \"张伟\" } }) { idNumber } } } } }"))
                .anyMatch(m -> m.startsWith("households.edges.node.members.where.name:"));
    }

    @Test
    void sortingOnAMaskedFieldIsRefused() {
        assertThat(refused(ANALYST, "{ persons(sort: [{ birthDate: DESC }]) { edges { node { idNumber } } } }"))
                .anyMatch(m -> m.startsWith("persons.sort[0].birthDate:"));
    }

    @Test
    void lookingUpByAKeyReadMaskedIsRefused() {
        assertThat(refused(ANALYST, "{ person(idNumber: \"" + QueryFixture.idNumber(1) + "\") { name } }"))
                .anyMatch(m -> m.startsWith("person(idNumber):"));
    }

    @Test
    void aggregatingAPropertyReadMaskedIsRefused() {
        assertThat(refused(ANALYST, "{ personsAggregate { count birthDate { min } } }"))
                .anyMatch(m -> m.startsWith("PersonAggregate.birthDate:"));
    }

    @Test
    void searchingAndPathsFromTypesNotReadInClearAreRefused() {
        assertThat(refused(ANALYST, "{ search(text: \"张伟\", types: [Person]) { key } }")).anyMatch(m -> m.startsWith("search.types:"));
        assertThat(refused(ANALYST, "{ path(from: {type: \"Person\", key: \"" + QueryFixture.idNumber(3) + "\"}, to: {type: \"Vehicle\", key: \"京A10003\"}) { length } }"))
                .anyMatch(m -> m.startsWith("path.from:"));
    }

    @Test
    void cursorsDoNotCarryKeysTheRoleDoesNotReadInClear() {
        String adminCursor = cursors(QueryFixture.ADMIN, 24).getFirst();
        assertThat(decoded(adminCursor)).contains(QueryFixture.idNumber(1)); // the admin's tie-breaker is the ID number
        List<String> pages = cursors(ANALYST, 5);
        assertThat(pages).hasSize(24);
        for (String c : pages) {
            assertThat(decoded(c)).doesNotContain("11010219800101");
        }
    }

    /** @return every cursor of persons, paging with {@code first} until the last page */
    private static List<String> cursors(Access access, int first) {
        List<String> out = new ArrayList<>();
        String after = null;
        for (int page = 0; page < 30; page++) {
            JsonNode c = engine.run(QueryFixture.as(access, "{ persons(first: " + first + (after == null ? "" : ", after: \"" + after + "\"")
                    + ") { edges { cursor } pageInfo { hasNextPage endCursor } } }")).path("data").path("persons");
            c.path("edges").forEach(e -> out.add(e.path("cursor").asText()));
            if (!c.path("pageInfo").path("hasNextPage").asBoolean()) {
                return out;
            }
            after = c.path("pageInfo").path("endCursor").asText();
        }
        throw new AssertionError("paging did not end");
    }

    private static String decoded(String cursor) {
        return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    }

    @Test
    void aRequestWithoutAccessIsRefusedWhole() {
        long before = engine.context().cypher().statementCount();
        JsonNode r = engine.run(ExecutionInput.newExecutionInput("{ persons(first: 1) { totalCount } }").build());
        assertThat(r.path("errors").get(0).path("extensions").path("code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(engine.context().cypher().statementCount()).isEqualTo(before);
    }

    private static final String COUNTS = """
            { households(first: 10) { totalCount edges { node { membersAggregate { count } } } }
              personsAggregate { count }
              persons(first: 24) { edges { node { vehiclesAggregate { count } } } } }""";

    @Test
    void aggregatesOverFewerThanKPeopleAnswerNullForRolesWithoutPersonalAccess() {
        JsonNode admin = run(QueryFixture.ADMIN, COUNTS).path("data");
        assertThat(admin.path("households").path("totalCount").asInt()).isEqualTo(4);
        admin.path("households").path("edges").forEach(e -> assertThat(e.path("node").path("membersAggregate").path("count").asInt()).isEqualTo(6));

        JsonNode data = run(analyst(7), COUNTS).path("data");
        assertThat(data.path("households").path("totalCount").isNull()).isTrue();
        assertThat(data.path("households").path("edges")).hasSize(4)
                .allMatch(e -> e.path("node").path("membersAggregate").path("count").isNull());
        assertThat(data.path("personsAggregate").path("count").asInt()).isEqualTo(24);
        // 0 people is no group to hide: shown; 1 or 2 vehicles per person are below k
        List<JsonNode> vehicles = new ArrayList<>();
        data.path("persons").path("edges").forEach(e -> vehicles.add(e.path("node").path("vehiclesAggregate").path("count")));
        assertThat(vehicles).allMatch(c -> c.isNull() || c.asInt() == 0).anyMatch(JsonNode::isNull).anyMatch(c -> !c.isNull());
    }

    @Test
    void aggregatesOverKPeopleOrMoreAreShown() {
        JsonNode data = run(analyst(4), COUNTS).path("data");
        assertThat(data.path("households").path("totalCount").asInt()).isEqualTo(4);
        assertThat(data.path("households").path("edges")).hasSize(4)
                .allMatch(e -> e.path("node").path("membersAggregate").path("count").asInt() == 6);
    }
}

package org.jiedao.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.jiedao.hub.api.QueryFixture.Resident;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Filters ({@code where}) and sorting of root connections and list fields, on the fixture of {@link QueryFixture}. */
class QueryingTest {
    private static final List<Resident> ALL = QueryFixture.residents();
    private static QueryFixture.Engine engine;

    @BeforeAll
    static void graph() {
        QueryFixture.write();
        engine = QueryFixture.engine();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    /** @return the idNumbers of all persons matching the where literal, read page by page in ID order */
    private static List<String> persons(String where) {
        JsonNode c = engine.data("{ persons(first: 100, where: " + where + ") { totalCount edges { node { idNumber } } } }", "persons");
        List<String> ids = c.path("edges").findValuesAsText("idNumber");
        assertThat(c.path("totalCount").asInt()).as("totalCount").isEqualTo(ids.size());
        return ids;
    }

    @Test
    void someNoneAndAllFilterOnRelatedNodes() {
        assertThat(persons("{vehicles: {some: {plate: {startsWith: \"京A\"}}}}"))
                .isEqualTo(QueryFixture.ids(ALL, r -> r.plates().stream().anyMatch(p -> p.startsWith("京A"))));
        assertThat(persons("{vehicles: {none: {plate: {startsWith: \"京A\"}}}}"))
                .isEqualTo(QueryFixture.ids(ALL, r -> r.plates().stream().noneMatch(p -> p.startsWith("京A"))));
        assertThat(persons("{vehicles: {all: {plate: {startsWith: \"京A\"}}}}"))
                .as("all holds for persons without vehicles too")
                .isEqualTo(QueryFixture.ids(ALL, r -> r.plates().stream().allMatch(p -> p.startsWith("京A"))));
    }

    @Test
    void filtersNestTwoLevelsAndCombineRelationsWithEnums() {
        List<String> expected = QueryFixture.ids(ALL, r -> r.caseStatuses().contains("received") && r.household() == 1);
        assertThat(expected).isNotEmpty();
        assertThat(persons("{cases: {some: {status: {eq: RECEIVED}}}, household: {some: {address: {some: {text: {startsWith: \"测试路1\"}}}}}}"))
                .isEqualTo(expected);
        assertThat(persons("{vehicles: {some: {owner: {some: {cases: {some: {status: {in: [RECEIVED, RESOLVED]}}}}}}}}"))
                .as("three levels, back through the owner")
                .isEqualTo(QueryFixture.ids(ALL, r -> !r.plates().isEmpty() && !r.caseStatuses().isEmpty()));
    }

    @Test
    void andOrNotCombineConditions() {
        assertThat(persons("{OR: [{gender: {eq: FEMALE}}, {name: {eq: \"王强\"}}]}"))
                .isEqualTo(QueryFixture.ids(ALL, r -> r.gender().equals("2") || "王强".equals(r.name())));
        assertThat(persons("{NOT: {name: {eq: \"张伟\"}}}"))
                .as("NOT matches persons without a name too: two-valued logic")
                .isEqualTo(QueryFixture.ids(ALL, r -> !"张伟".equals(r.name())));
        assertThat(persons("{AND: [{gender: {ne: FEMALE}}, {NOT: {OR: [{name: {isNull: true}}, {name: {in: [\"李娜\", \"王强\"]}}]}}]}"))
                .isEqualTo(QueryFixture.ids(ALL, r -> !r.gender().equals("2") && r.name() != null && !List.of("李娜", "王强").contains(r.name())));
    }

    @Test
    void datesAreComparedAsDatesAndABadDateNamesTheField() {
        assertThat(persons("{birthDate: {gte: \"1982-01-01\", lt: \"1984-01-01\"}}"))
                .isEqualTo(QueryFixture.ids(ALL, r -> r.birthDate() != null && !r.birthDate().isBefore(LocalDate.of(1982, 1, 1))
                        && r.birthDate().isBefore(LocalDate.of(1984, 1, 1))));
        assertThat(persons("{birthDate: {isNull: true}}")).isEqualTo(QueryFixture.ids(ALL, r -> r.birthDate() == null));
        JsonNode bad = engine.run("{ persons(where: {birthDate: {gte: \"1982-13-01\"}}) { totalCount } }");
        assertThat(bad.path("errors").get(0).path("message").asText()).contains("where.birthDate.gte").contains("YYYY-MM-DD");
        assertThat(bad.path("errors").get(0).path("extensions").path("code").asText()).isEqualTo("BAD_USER_INPUT");
        assertThat(bad.path("errors").get(0).path("message").asText()).doesNotContain("MATCH").doesNotContain("Exception");
    }

    @Test
    void dateTimesAreComparedAsInstantsWhetherStoredWithOffsetOrLocal() {
        JsonNode c = engine.data("{ cases(first: 100, where: {reportedAt: {gte: \"2026-03-10T09:00:00\", lt: \"2026-03-21T01:00:00Z\"}}) { edges { node { caseNumber } } } }", "cases");
        // 2026-03-21T01:00Z is 09:00 China time: the case of the 21st is excluded, that of the 10th included
        List<String> expected = ALL.stream().filter(r -> !r.caseStatuses().isEmpty() && r.i() >= 10 && r.i() < 21)
                .map(r -> "Q-" + r.i() + "-0").sorted().toList();
        assertThat(expected).hasSizeGreaterThan(3);
        assertThat(c.path("edges").findValuesAsText("caseNumber")).isEqualTo(expected);
        JsonNode bad = engine.run("{ cases(where: {reportedAt: {gt: \"yesterday\"}}) { totalCount } }");
        assertThat(bad.path("errors").get(0).path("message").asText()).contains("where.reportedAt.gt").contains("ISO 8601");
    }

    @Test
    void anIdNumberFilterAcceptsTheOld15DigitForm() {
        Resident r = ALL.get(4);
        assertThat(persons("{idNumber: {eq: \"" + r.oldId() + "\"}}")).containsExactly(r.id());
        assertThat(persons("{idNumber: {in: [\"" + r.oldId() + "\", \"" + ALL.get(5).id() + "\"]}}")).containsExactly(r.id(), ALL.get(5).id());
    }

    @Test
    void asOfLimitsRelationshipFiltersToRelationshipsValidThatDay() {
        String where = "{vehicles: {some: {plate: {startsWith: \"京B\"}}}}";
        assertThat(engine.data("{ persons(asOf: \"2020-01-01\", where: " + where + ") { totalCount } }", "persons").path("totalCount").asInt())
                .as("京B vehicles are owned since 2021-06-01").isZero();
        assertThat(engine.data("{ persons(asOf: \"2022-01-01\", where: " + where + ") { totalCount } }", "persons").path("totalCount").asInt())
                .isEqualTo(QueryFixture.ids(ALL, x -> x.i() % 4 == 0).size());
    }

    @Test
    void sortingAppliesKeysInOrderWithTheKeyAsTieBreakerAndNeo4jNullPlacement() {
        JsonNode c = engine.data("{ persons(first: 100, sort: [{name: DESC}, {birthDate: ASC}]) { edges { node { idNumber name } } } }", "persons");
        List<String> expected = ALL.stream().sorted(QueryFixture.<String>order(Resident::name, true)
                .thenComparing(QueryFixture.<LocalDate>order(Resident::birthDate, false))
                .thenComparing(Resident::id)).map(Resident::id).toList();
        assertThat(c.path("edges").findValuesAsText("idNumber")).isEqualTo(expected);
        assertThat(c.path("edges").get(0).path("node").path("name").isNull()).as("nulls first when descending").isTrue();
    }

    @Test
    void listFieldsTakeWhereSortAndFirst() {
        Resident r = ALL.get(11); // i = 12: a 京A and a 京B vehicle
        assertThat(r.plates()).hasSize(2);
        String q = "{ person(idNumber: \"%s\") { all: vehicles { plate } vehicles(sort: [{plate: DESC}], first: 1) { plate } } }";
        // the same field twice under different aliases, with different arguments: each alias gets its own answer
        JsonNode both = engine.data(q.formatted(r.id()), "person");
        assertThat(both.path("all").findValuesAsText("plate")).containsExactlyInAnyOrderElementsOf(r.plates());
        assertThat(both.path("vehicles").findValuesAsText("plate")).containsExactly(r.plates().stream().sorted().toList().getLast());
        JsonNode p = engine.data("{ person(idNumber: \"%s\") { vehicles(sort: [{plate: DESC}], first: 1) { plate } } }".formatted(r.id()), "person");
        assertThat(p.path("vehicles").findValuesAsText("plate")).containsExactly(r.plates().stream().sorted().toList().getLast());
        JsonNode h = engine.data("{ household(householdNumber: \"QH1\") { members(where: {gender: {eq: FEMALE}}) { idNumber } } }", "household");
        assertThat(h.path("members").findValuesAsText("idNumber")).containsExactlyInAnyOrderElementsOf(
                QueryFixture.ids(ALL, x -> x.household() == 1 && x.gender().equals("2")));
        JsonNode sorted = engine.data("{ household(householdNumber: \"QH2\") { members(sort: [{name: ASC}]) { idNumber } } }", "household");
        assertThat(sorted.path("members").findValuesAsText("idNumber")).isEqualTo(ALL.stream().filter(x -> x.household() == 2)
                .sorted(QueryFixture.<String>order(Resident::name, false).thenComparing(Resident::id)).map(Resident::id).toList());
    }

    @Test
    void pagesReadOneAfterAnotherGiveTheFullSortedList() {
        List<String> read = new ArrayList<>();
        String after = null;
        int pages = 0;
        while (true) {
            JsonNode c = engine.data("{ persons(first: 5, sort: [{name: ASC}, {birthDate: DESC}]%s) { totalCount edges { cursor node { idNumber } } pageInfo { hasNextPage hasPreviousPage endCursor } } }"
                    .formatted(after == null ? "" : ", after: \"" + after + "\""), "persons");
            assertThat(c.path("totalCount").asInt()).isEqualTo(ALL.size());
            assertThat(c.path("pageInfo").path("hasPreviousPage").asBoolean()).isEqualTo(after != null);
            read.addAll(c.path("edges").findValuesAsText("idNumber"));
            pages++;
            if (!c.path("pageInfo").path("hasNextPage").asBoolean()) {
                break;
            }
            after = c.path("pageInfo").path("endCursor").asText();
            assertThat(c.path("edges").get(4).path("cursor").asText()).isEqualTo(after);
        }
        assertThat(pages).isEqualTo(5);
        assertThat(read).isEqualTo(ALL.stream().sorted(QueryFixture.<String>order(Resident::name, false)
                .thenComparing(QueryFixture.<LocalDate>order(Resident::birthDate, true)).thenComparing(Resident::id)).map(Resident::id).toList());
    }

    @Test
    void aBadCursorOrPageSizeIsABadUserInputError() {
        for (String args : List.of("after: \"not-a-cursor\"", "after: \"eyJvIjoieCJ9\"", "first: 101", "first: -1", "sort: [{name: ASC, gender: DESC}]")) {
            JsonNode r = engine.run("{ persons(" + args + ") { totalCount } }");
            assertThat(r.path("errors").get(0).path("extensions").path("code").asText()).as(args).isEqualTo("BAD_USER_INPUT");
            assertThat(r.path("data").isNull()).as("%s: persons is non-null, so data is null", args).isTrue();
        }
        String byName = engine.data("{ persons(first: 1, sort: [{name: ASC}]) { pageInfo { endCursor } } }", "persons")
                .path("pageInfo").path("endCursor").asText();
        JsonNode other = engine.run("{ persons(sort: [{birthDate: ASC}], after: \"" + byName + "\") { totalCount } }");
        assertThat(other.path("errors").get(0).path("message").asText()).as("a cursor of another order").contains("after");
    }

    @Test
    void rootConnectionsArePluralAndDoNotClashWithKeyLookups() {
        JsonNode fields = engine.data("{ __type(name: \"Query\") { fields { name } } }", "__type").path("fields");
        assertThat(fields.findValuesAsText("name")).contains("person", "persons", "address", "addresses", "community",
                "communities", "case", "cases", "eligibilityCriteria", "partnerAgencies").doesNotHaveDuplicates();
    }
}

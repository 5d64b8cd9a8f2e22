package org.jiedao.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.jiedao.hub.graph.testing.TestNeo4j;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Temporal queries: {@code asOf} on relationship fields with validity, on the root lookup, and its errors. */
class AsOfQueryTest {
    private static TemporalFixture.Running api;

    @BeforeAll
    static void graphAndServer() {
        TemporalFixture.writeGraph();
        api = TemporalFixture.startServer();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static List<String> names(JsonNode list, String field) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    private static List<String> membersOn(String day) throws Exception {
        return names(api.data("{ household(householdNumber: \"H7\") { members(asOf: \"" + day + "\") { name } } }")
                .path("household").path("members"), "name");
    }

    @Test
    void theWriterStoresValidityAsDates() {
        try (var session = TestNeo4j.driver().session()) {
            Object from = session.run("MATCH (:Person {idNumber: $id})-[r:MEMBER_OF]->(:Household {householdNumber: 'H7'}) RETURN r.validTo AS t",
                    java.util.Map.of("id", TemporalFixture.LI_NA)).single().get("t").asObject();
            assertThat(from).isEqualTo(LocalDate.of(2024, 3, 1));
        }
    }

    @Test
    void whoLivedInTheHouseholdOnADayIsAnsweredWithTheirValidity() throws Exception {
        JsonNode members = api.data("""
                { household(householdNumber: "H7") { members(asOf: "2024-03-01") { name validFrom validTo } } }""")
                .path("household").path("members");
        assertThat(names(members, "name")).containsExactlyInAnyOrder("张伟", "张小明", "王老");
        for (JsonNode m : members) {
            if (m.path("name").asText().equals("张小明")) {
                assertThat(m.path("validFrom").asText()).isEqualTo("2024-03-01");
                assertThat(m.path("validTo").isNull()).isTrue();
            }
        }
    }

    @ParameterizedTest(name = "members on {0}")
    @CsvSource(delimiter = ';', value = {
            "2010-04-30; 王老",                 // before the head's first day: only the member without dates
            "2010-05-01; 张伟,王老",             // validFrom is the first valid day
            "2024-02-29; 张伟,李娜,王老",         // 李娜's last day
            "2024-03-01; 张伟,张小明,王老",       // validTo is the first day she is no longer a member; 张小明 starts
            "2030-01-01; 张伟,张小明,王老"})      // after every change
    void membershipIsHalfOpenWithMissingBoundsOpen(String day, String expected) throws Exception {
        assertThat(membersOn(day)).containsExactlyInAnyOrder(expected.split(","));
    }

    @Test
    void withoutAsOfTheWholeHistoryComesBack() throws Exception {
        assertThat(names(api.data("{ household(householdNumber: \"H7\") { members { name } } }").path("household").path("members"), "name"))
                .containsExactlyInAnyOrder("张伟", "李娜", "张小明", "王老");
    }

    @Test
    void aSingleValuedFieldFollowsThePersonWhoMovedOut() throws Exception {
        String q = "{ person(idNumber: \"%s\") { household(asOf: \"%s\") { householdNumber } } }";
        assertThat(api.data(q.formatted(TemporalFixture.LI_NA, "2024-02-29")).at("/person/household/householdNumber").asText()).isEqualTo("H7");
        assertThat(api.data(q.formatted(TemporalFixture.LI_NA, "2024-03-01")).at("/person/household/householdNumber").asText()).isEqualTo("H8");
        assertThat(api.data(q.formatted(TemporalFixture.LI_NA, "2014-12-31")).at("/person/household").isNull()).isTrue();
    }

    @Test
    void withoutAsOfASingleValuedFieldIsTheCurrentOneNotAnyFromTheHistory() throws Exception {
        assertThat(api.data("{ vehicle(plate: \"京A11111\") { owner { name validFrom } } }").at("/vehicle/owner/name").asText())
                .as("the buyer, not the seller").isEqualTo("王老");
        assertThat(api.data("{ person(idNumber: \"" + TemporalFixture.LI_NA + "\") { household { householdNumber } } }")
                .at("/person/household/householdNumber").asText()).isEqualTo("H8");
    }

    @Test
    void aSoldVehicleHasItsOwnerOfTheDay() throws Exception {
        String q = "{ vehicle(plate: \"京A11111\") { owner(asOf: \"%s\") { name } } }";
        assertThat(api.data(q.formatted("2020-06-29")).at("/vehicle/owner/name").asText()).isEqualTo("张伟");
        assertThat(api.data(q.formatted("2020-06-30")).at("/vehicle/owner/name").asText()).isEqualTo("王老");
        assertThat(api.data(q.formatted("2011-12-31")).at("/vehicle/owner").isNull()).isTrue();
        String vehicles = "{ person(idNumber: \"" + TemporalFixture.ZHANG_WEI + "\") { vehicles(asOf: \"%s\") { plate } } }";
        assertThat(names(api.data(vehicles.formatted("2018-12-31")).at("/person/vehicles"), "plate")).containsExactlyInAnyOrder("京A11111", "京A33333");
        assertThat(names(api.data(vehicles.formatted("2020-06-30")).at("/person/vehicles"), "plate")).isEmpty();
        assertThat(names(api.data(vehicles.formatted("2020-07-01")).at("/person/vehicles"), "plate")).containsExactly("京A22222");
    }

    @ParameterizedTest(name = "certificates on {0}")
    @CsvSource(delimiter = ';', value = {
            "2019-12-31; ''",
            "2020-01-01; E-1",        // issuedOn is valid
            "2022-12-31; E-1,D-1",    // expiresOn is the last valid day
            "2023-01-01; D-1"})       // the elderly card has expired; the disability certificate does not expire
    void certificatesAreValidFromIssueToTheirLastDayIncluded(String day, String expected) throws Exception {
        JsonNode list = api.data("{ person(idNumber: \"" + TemporalFixture.ZHANG_WEI + "\") { certificates(asOf: \"" + day
                + "\") { certificateNumber } } }").at("/person/certificates");
        assertThat(names(list, "certificateNumber")).containsExactlyInAnyOrder(expected.isEmpty() ? new String[0] : expected.split(","));
    }

    @Test
    void parkingPermitsAreValidToTheirLastDayIncluded() throws Exception {
        String q = "{ vehicle(plate: \"京A22222\") { parkingPermits(asOf: \"%s\") { permitNumber } } }";
        assertThat(names(api.data(q.formatted("2024-12-31")).at("/vehicle/parkingPermits"), "permitNumber")).containsExactly("PP-2024");
        assertThat(names(api.data(q.formatted("2025-01-01")).at("/vehicle/parkingPermits"), "permitNumber")).containsExactly("PP-2025");
        assertThat(names(api.data(q.formatted("2023-12-31")).at("/vehicle/parkingPermits"), "permitNumber")).isEmpty();
    }

    @Test
    void theRootAsOfAppliesToEveryNestedValidityField() throws Exception {
        JsonNode members = api.data("""
                { household(householdNumber: "H7", asOf: "2019-06-01") { householdNumber members { name vehicles { plate } } } }""")
                .at("/household/members");
        assertThat(names(members, "name")).containsExactlyInAnyOrder("张伟", "李娜", "王老");
        for (JsonNode m : members) {
            List<String> plates = names(m.path("vehicles"), "plate");
            switch (m.path("name").asText()) {
                case "张伟" -> assertThat(plates).containsExactly("京A11111");  // 京A33333 sold on 2019-01-01, 京A22222 not yet bought
                default -> assertThat(plates).isEmpty();
            }
        }
    }

    @Test
    void aNestedAsOfOverridesTheRootOneAndNullAsksForTheHistory() throws Exception {
        JsonNode h = api.data("""
                { household(householdNumber: "H7", asOf: "2019-06-01") {
                    then: members { name }
                    now: members(asOf: "2024-03-01") { name vehicles { plate } }
                    ever: members(asOf: null) { name } } }""").path("household");
        assertThat(names(h.path("then"), "name")).containsExactlyInAnyOrder("张伟", "李娜", "王老");
        assertThat(names(h.path("now"), "name")).containsExactlyInAnyOrder("张伟", "张小明", "王老");
        assertThat(names(h.path("ever"), "name")).containsExactlyInAnyOrder("张伟", "李娜", "张小明", "王老");
        for (JsonNode m : h.path("now")) {
            if (m.path("name").asText().equals("张伟")) {
                assertThat(names(m.path("vehicles"), "plate")).as("the nested asOf is inherited below it").containsExactly("京A22222");
            }
        }
    }

    @Test
    void asOfMayComeFromAVariable() throws Exception {
        String q = "query Members($day: String) { household(householdNumber: \"H7\") { members(asOf: $day) { name } } }";
        JsonNode r = api.graphql(q, java.util.Map.of("day", "2010-05-01"));
        assertThat(names(r.at("/data/household/members"), "name")).containsExactlyInAnyOrder("张伟", "王老");
        r = api.graphql(q, java.util.Map.of("day", "2010-5-1"));
        assertThat(r.path("errors").get(0).path("extensions").path("code").asText()).isEqualTo("BAD_USER_INPUT");
    }

    @Test
    void aQueryWithAsOfEverywhereIsStillOneStatement() throws Exception {
        long before = api.statements();
        api.data("""
                { household(householdNumber: "H7", asOf: "2024-01-01") { members { name household { householdNumber }
                    vehicles { plate owner { name } parkingPermits { permitNumber } } certificates { certificateNumber }
                    vehiclesAggregate { count } } } }""");
        assertThat(api.statements() - before).isEqualTo(1);
    }

    @ParameterizedTest(name = "asOf {0}")
    @CsvSource({"2024-02-30", "2024-3-1", "yesterday", "2024-03-01T00:00:00", "''"})
    void aBadDateIsAClearUserErrorAndNothingRuns(String bad) throws Exception {
        long before = api.statements();
        JsonNode r = api.graphql("{ household(householdNumber: \"H7\") { members(asOf: \"" + bad + "\") { name } } }");
        JsonNode error = r.path("errors").get(0);
        assertThat(error.path("extensions").path("code").asText()).isEqualTo("BAD_USER_INPUT");
        assertThat(error.path("message").asText()).contains("members", "asOf", "YYYY-MM-DD").doesNotContain("Exception", "MATCH");
        assertThat(r.at("/data/household").isNull()).isTrue();
        assertThat(api.statements()).isEqualTo(before);
    }

    @Test
    void aBadRootDateNamesTheRootField() throws Exception {
        JsonNode r = api.graphql("{ household(householdNumber: \"H7\", asOf: \"01/03/2024\") { householdNumber } }");
        assertThat(r.path("errors").get(0).path("extensions").path("code").asText()).isEqualTo("BAD_USER_INPUT");
        assertThat(r.path("errors").get(0).path("message").asText()).contains("household(asOf: \"01/03/2024\")");
    }

    @Test
    void asOfIsOfferedOnlyWhereThereIsValidity() throws Exception {
        JsonNode fields = api.data("{ __type(name: \"Person\") { fields { name args { name } } } }").at("/__type/fields");
        List<String> withAsOf = new ArrayList<>();
        fields.forEach(f -> f.path("args").forEach(a -> {
            if (a.path("name").asText().equals("asOf")) {
                withAsOf.add(f.path("name").asText());
            }
        }));
        assertThat(withAsOf).containsExactlyInAnyOrder("household", "address", "vehicles", "vehiclesAggregate",
                "certificates", "certificatesAggregate", "parkingPermits", "parkingPermitsAggregate");
    }
}

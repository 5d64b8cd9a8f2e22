package org.jiedao.hub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Aggregations per relationship field and over a whole type: count, min, max, avg, sum, with and without asOf. */
class AggregationTest {
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

    @Test
    void numbersGiveCountMinMaxAvgAndSumOfTheValuesPresent() throws Exception {
        JsonNode a = api.data("""
                { address(text: "西什库大街7号") { parkingLotsAggregate { count capacity { min max avg sum } } } }""")
                .at("/address/parkingLotsAggregate");
        assertThat(a.path("count").asInt()).as("the lot without a capacity is counted").isEqualTo(4);
        JsonNode c = a.path("capacity");
        assertThat(c.path("min").asDouble()).isEqualTo(25.0);
        assertThat(c.path("max").asDouble()).isEqualTo(100.0);
        assertThat(c.path("avg").asDouble()).as("the mean of the values present").isCloseTo(55.0, within(1e-9));
        assertThat(c.path("sum").asDouble()).isEqualTo(165.0);
    }

    @Test
    void datesAndTextGiveTheirSmallestAndLargestValue() throws Exception {
        JsonNode a = api.data("""
                { household(householdNumber: "H7") { membersAggregate { count birthDate { min max } name { min max } } } }""")
                .at("/household/membersAggregate");
        assertThat(a.path("count").asInt()).isEqualTo(4);
        assertThat(a.at("/birthDate/min").asText()).isEqualTo("1940-10-10");
        assertThat(a.at("/birthDate/max").asText()).isEqualTo("2024-03-01");
        assertThat(a.at("/name/min").asText()).isEqualTo("张伟");  // code point order: 张 U+5F20 < 王 U+738B
        assertThat(a.at("/name/max").asText()).isEqualTo("王老");
    }

    @Test
    void anAggregateTakesAsOfAndAliasesCompareDays() throws Exception {
        JsonNode p = api.data("""
                { person(idNumber: "%s") {
                    all: vehiclesAggregate { count registeredOn { min max } }
                    in2018: vehiclesAggregate(asOf: "2018-06-01") { count registeredOn { min max } }
                    sold: vehiclesAggregate(asOf: "2020-06-30") { count registeredOn { min } }
                    cards: certificatesAggregate(asOf: "2023-01-01") { n: count } } }""".formatted(TemporalFixture.ZHANG_WEI))
                .path("person");
        assertThat(p.at("/all/count").asInt()).isEqualTo(3);
        assertThat(p.at("/all/registeredOn/min").asText()).isEqualTo("2012-01-01");
        assertThat(p.at("/all/registeredOn/max").asText()).isEqualTo("2020-07-01");
        assertThat(p.at("/in2018/count").asInt()).isEqualTo(2);
        assertThat(p.at("/in2018/registeredOn/max").asText()).isEqualTo("2018-05-20");
        assertThat(p.at("/sold/count").asInt()).as("nothing owned that day").isZero();
        assertThat(p.at("/sold/registeredOn/min").isNull()).isTrue();
        assertThat(p.at("/cards/n").asInt()).as("aliases work inside aggregates too").isEqualTo(1);
    }

    @Test
    void theRootAsOfReachesNestedAggregates() throws Exception {
        JsonNode h = api.data("""
                { household(householdNumber: "H7", asOf: "2024-02-29") { membersAggregate { count birthDate { max } }
                    later: membersAggregate(asOf: "2024-03-01") { count } } }""").path("household");
        assertThat(h.at("/membersAggregate/count").asInt()).isEqualTo(3);
        assertThat(h.at("/membersAggregate/birthDate/max").asText()).isEqualTo("1988-07-15");
        assertThat(h.at("/later/count").asInt()).isEqualTo(3);
    }

    @Test
    void aggregatesNestedInListsAreComputedPerParentInOneStatement() throws Exception {
        long before = api.statements();
        JsonNode members = api.data("""
                { household(householdNumber: "H7") { members { name vehiclesAggregate { count } } } }""").at("/household/members");
        assertThat(api.statements() - before).isEqualTo(1);
        for (JsonNode m : members) {
            int expected = switch (m.path("name").asText()) {
                case "张伟" -> 3;
                case "王老" -> 1;
                default -> 0;
            };
            assertThat(m.at("/vehiclesAggregate/count").asInt()).as(m.path("name").asText()).isEqualTo(expected);
        }
    }

    @Test
    void rootAggregatesCountEveryNodeOfAType() throws Exception {
        long before = api.statements();
        JsonNode d = api.data("""
                { personsAggregate { count birthDate { min max } }
                  parkingLotsAggregate { count capacity { avg } }
                  certificatesAggregate(asOf: "2022-12-31") { count }
                  expired: certificatesAggregate(asOf: "2023-01-01") { count } }""");
        assertThat(api.statements() - before).as("one statement per root field").isEqualTo(4);
        assertThat(d.at("/personsAggregate/count").asInt()).isEqualTo(4);
        assertThat(d.at("/personsAggregate/birthDate/min").asText()).isEqualTo("1940-10-10");
        assertThat(d.at("/parkingLotsAggregate/capacity/avg").asDouble()).isCloseTo(55.0, within(1e-9));
        assertThat(d.at("/certificatesAggregate/count").asInt()).isEqualTo(2);
        assertThat(d.at("/expired/count").asInt()).isEqualTo(1);
    }

    @Test
    void aRootAggregateWithAsOfAndWhereKeepsBothTheValidityAndTheFilter() throws Exception {
        JsonNode d = api.data("""
                { valid: certificatesAggregate(asOf: "2022-06-01") { count }
                  validElderly: certificatesAggregate(asOf: "2022-06-01", where: { certificateNumber: { eq: "E-1" } }) { count }
                  noneSuch: certificatesAggregate(asOf: "2022-06-01", where: { certificateNumber: { eq: "X-9" } }) { count } }""");
        assertThat(d.at("/valid/count").asInt()).as("both certificates are valid that day").isEqualTo(2);
        assertThat(d.at("/validElderly/count").asInt()).as("the filter still applies with asOf").isEqualTo(1);
        assertThat(d.at("/noneSuch/count").asInt()).isZero();
    }

    @Test
    void aBadDateOnARootAggregateIsAUserError() throws Exception {
        JsonNode r = api.graphql("{ certificatesAggregate(asOf: \"2023-13-01\") { count } }");
        assertThat(r.path("errors").get(0).path("extensions").path("code").asText()).isEqualTo("BAD_USER_INPUT");
        assertThat(r.path("errors").get(0).path("message").asText()).contains("certificatesAggregate", "YYYY-MM-DD");
    }

    @Test
    void enumsAndIdentityNumbersAreNotAggregatedAndNumbersAreNumberAggregates() throws Exception {
        JsonNode fields = api.data("{ __type(name: \"PersonAggregate\") { fields { name type { ofType { name } } } } }").at("/__type/fields");
        assertThat(fields.findValuesAsText("name")).contains("count", "name", "birthDate").as("enums and identity numbers are not aggregated").doesNotContain("gender", "ethnicity", "idNumber");
        JsonNode lot = api.data("{ __type(name: \"ParkingLotAggregate\") { fields { name type { ofType { name } } } } }").at("/__type/fields");
        for (JsonNode f : lot) {
            if (f.path("name").asText().equals("capacity")) {
                assertThat(f.at("/type/ofType/name").asText()).isEqualTo("NumberAggregate");
            }
        }
    }
}

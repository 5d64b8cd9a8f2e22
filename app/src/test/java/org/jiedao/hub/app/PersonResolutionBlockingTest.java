package org.jiedao.hub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.jiedao.hub.graph.resolution.BlockIndex;
import org.jiedao.hub.graph.resolution.ResolutionRecord;
import org.jiedao.hub.loaders.normalise.PersonMatchFields;
import org.junit.jupiter.api.Test;

/**
 * Which person records the person blocking passes put side by side: the mistakes of the generated data (a mistyped ID
 * number, day or year, a hotline call with nothing but a name) still meet their person, while namesakes who share
 * nothing but the name and the birth year are no longer compared (that block grew with the population).
 */
class PersonResolutionBlockingTest {

    /** A valid ID number (GB 11643 example): area 110105, born 1949-12-31. */
    private static final String ID = "11010519491231002X";

    private static ResolutionRecord person(String id, String name, String idNumber, String birthDate, String phone,
                                           String address) {
        return new ResolutionRecord(id, "test", PersonMatchFields.of(name, idNumber, birthDate, null, phone, address));
    }

    /** The records among {@code others} the person blocking compares {@code probe} with, by record id. */
    private static List<String> candidatesOf(ResolutionRecord probe, ResolutionRecord... others) {
        BlockIndex index = new BlockIndex(PersonResolution.settings().build().blocking());
        for (ResolutionRecord r : others) {
            index.add(r);
        }
        return Arrays.stream(index.candidates(probe)).mapToObj(n -> index.record(n).id()).sorted().toList();
    }

    @Test
    void aMistypedIdNumberMeetsItsPersonWhenTheSurnameAgreesButNotAnotherFamilysNewborn() {
        ResolutionRecord self = person("self", "王晓雨", ID, null, "13800000001", "西长安街1号");
        ResolutionRecord otherFamily = person("other", "李建国", "110105194912310011", null, "13800000002", "西长安街2号");
        // checksum broken by the typo: no valid ID, so no birth date from it; given name and everything else differ
        ResolutionRecord typo = person("typo", "王明", "110105194912310030", null, null, null);

        assertThat(typo.get(PersonMatchFields.ID_NUMBER)).isNull();
        assertThat(candidatesOf(typo, self, otherFamily)).containsExactly("self");
    }

    @Test
    void aMistypedDayOrTransposedYearStillMeetsTheRecordWithTheTrueBirthDate() {
        ResolutionRecord self = person("self", "王晓雨", null, "1980-03-17", "13800000001", "西长安街1号");
        ResolutionRecord dayTypo = person("day", "王晓雨", null, "1980-03-19", null, null);
        ResolutionRecord yearSwap = person("year", "王晓雨", null, "1908-03-17", null, null);

        assertThat(candidatesOf(dayTypo, self)).containsExactly("self");
        assertThat(candidatesOf(yearSwap, self)).containsExactly("self");
    }

    @Test
    void namesakesBornTheSameYearWhoShareNothingElseAreNotCompared() {
        ResolutionRecord a = person("a", "王伟", null, "1980-03-17", "13800000001", "西长安街1号");
        ResolutionRecord b = person("b", "王伟", null, "1980-07-02", "13800000002", "西长安街2号");
        ResolutionRecord c = person("c", "王伟", null, "1975-03-17", "13800000003", "西长安街3号");

        assertThat(candidatesOf(a, b)).isEmpty();
        // born on the same day of the year: the month-and-day pass (a transposed year) compares them
        assertThat(candidatesOf(a, c)).containsExactly("c");
    }

    @Test
    void aCallWithNothingButANameMeetsOtherCallsWithoutABirthYearOnly() {
        ResolutionRecord earlierCall = person("call1", "王伟", null, null, null, null);
        ResolutionRecord resident = person("resident", "王伟", null, "1980-03-17", null, null);
        ResolutionRecord call = person("call2", "王伟", null, null, null, null);

        assertThat(candidatesOf(call, earlierCall, resident)).containsExactly("call1");
    }
}

package org.jiedao.hub.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jiedao.hub.analytics.AnalyticsGraph.A1;
import static org.jiedao.hub.analytics.AnalyticsGraph.A2;
import static org.jiedao.hub.analytics.AnalyticsGraph.A3;
import static org.jiedao.hub.analytics.AnalyticsGraph.A9;
import static org.jiedao.hub.analytics.AnalyticsGraph.C1;
import static org.jiedao.hub.analytics.AnalyticsGraph.C2;
import static org.jiedao.hub.analytics.AnalyticsGraph.caseAt;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.jiedao.hub.graph.testing.TestNeo4j;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Case hotspots on a constructed district whose answers are known: five noise complaints at A1 (grid G1) over
 * ISO weeks 45-47 of 2026 (1, 2, 2) and one before the period, an incident at A1, two rubbish complaints at A2 (G2),
 * one complaint at A3 (no grid, community C1), three complaints at A9 (G9, community C2).
 */
class CaseHotspotsTest {
    private static final String NOISE = "噪声扰民";
    private static final String RUBBISH = "垃圾清运";
    private static final Period PERIOD = new Period(OffsetDateTime.parse("2026-11-02T00:00+08:00").toInstant(),
            OffsetDateTime.parse("2026-11-23T00:00+08:00").toInstant());
    private static CaseHotspots hotspots;

    @BeforeAll
    static void graph() {
        AnalyticsGraph.places();
        caseAt("H-0001", "Complaint", NOISE, "2026-11-03T10:00+08:00", A1);
        caseAt("H-0002", "Complaint", NOISE, "2026-11-10T09:00+08:00", A1);
        caseAt("H-0003", "Complaint", NOISE, "2026-11-11T21:00+08:00", A1);
        // Monday 01:00 in Beijing is still Sunday (week 46) in UTC: counted in week 47
        caseAt("H-0004", "Complaint", NOISE, "2026-11-16T01:00+08:00", A1);
        caseAt("H-0005", "Complaint", NOISE, "2026-11-22T23:30+08:00", A1);
        caseAt("H-0006", "Complaint", NOISE, "2026-11-23T00:00+08:00", A1); // the period's end: left out
        caseAt("H-0000", "Complaint", NOISE, "2026-10-20T10:00+08:00", A1); // the previous period
        caseAt("I-0001", "Incident", "占道经营", "2026-11-12T10:00+08:00", A1);
        caseAt("H-0101", "Complaint", RUBBISH, "2026-11-09T08:00+08:00", A2);
        caseAt("H-0102", "Complaint", RUBBISH, "2026-11-13T08:00+08:00", A2);
        caseAt("H-0201", "Complaint", NOISE, "2026-11-04T08:00+08:00", A3);
        caseAt("H-0901", "Complaint", NOISE, "2026-11-16T08:00+08:00", A9);
        caseAt("H-0902", "Complaint", NOISE, "2026-11-17T08:00+08:00", A9);
        caseAt("H-0903", "Complaint", NOISE, "2026-11-18T08:00+08:00", A9);
        hotspots = new CaseHotspots(TestNeo4j.driver(), CaseHotspots.DEFAULT_ZONE);
    }

    @Test
    void anAddressWithNComplaintsIsListedWithExactlyNAndItsCaseNumbers() {
        List<RecurringAddress> recurring = hotspots.recurringComplaints(PERIOD, 3, CommunityScope.ALL);
        assertThat(recurring).extracting(RecurringAddress::address, RecurringAddress::cases)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(A1, 5L), org.assertj.core.groups.Tuple.tuple(A9, 3L));
        RecurringAddress a1 = recurring.getFirst();
        assertThat(a1.caseNumbers()).as("the incident is not a complaint; the cases outside the period are not counted")
                .containsExactly("H-0001", "H-0002", "H-0003", "H-0004", "H-0005");
        assertThat(a1.records()).containsExactly("hotline:H-0001", "hotline:H-0002", "hotline:H-0003", "hotline:H-0004", "hotline:H-0005");
        assertThat(a1.categories()).isEqualTo(Map.of(NOISE, 5L));
        assertThat(a1.area()).isEqualTo(new Area(Area.GRID, "G1", "一网格", C1));
        assertThat(hotspots.recurringComplaints(PERIOD, 6, CommunityScope.ALL)).isEmpty();
    }

    @Test
    void aCaseworkerSeesOnlyHerCommunities() {
        assertThat(hotspots.recurringComplaints(PERIOD, 2, CommunityScope.of(List.of(C1))))
                .extracting(RecurringAddress::address).containsExactly(A1, A2);
        assertThat(hotspots.hotspots(PERIOD, CommunityScope.of(List.of(C2))))
                .extracting(h -> h.area().code()).containsOnly("G9");
        assertThat(hotspots.hotspots(PERIOD, CommunityScope.of(List.of()))).isEmpty();
    }

    @Test
    void casesAreCountedPerGridCategoryAndIsoWeekInBeijingTime() {
        List<HotspotCell> cells = hotspots.hotspots(PERIOD, CommunityScope.of(List.of(C1)));
        assertThat(cells).extracting(h -> h.area().code(), HotspotCell::category, HotspotCell::week, HotspotCell::cases)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("G1", NOISE, "2026-W46", 2L),
                        org.assertj.core.groups.Tuple.tuple("G1", NOISE, "2026-W47", 2L),
                        org.assertj.core.groups.Tuple.tuple("G2", RUBBISH, "2026-W46", 2L),
                        org.assertj.core.groups.Tuple.tuple(C1, NOISE, "2026-W45", 1L),
                        org.assertj.core.groups.Tuple.tuple("G1", "占道经营", "2026-W46", 1L),
                        org.assertj.core.groups.Tuple.tuple("G1", NOISE, "2026-W45", 1L));
        assertThat(cells.get(1).caseNumbers()).containsExactly("H-0004", "H-0005");
        assertThat(cells.get(3).area()).as("a case without a grid counts in its address's community")
                .isEqualTo(new Area(Area.COMMUNITY, C1, "府右街社区", C1));
    }

    @Test
    void aTrendComparesWithThePreviousPeriodAndFitsAWeeklySlope() {
        CaseTrend g1 = hotspots.trends(PERIOD, CommunityScope.ALL).stream()
                .filter(t -> t.area().code().equals("G1") && NOISE.equals(t.category())).findFirst().orElseThrow();
        assertThat(g1.current()).isEqualTo(5);
        assertThat(g1.previous()).isEqualTo(1);
        assertThat(g1.change()).isEqualTo(4);
        assertThat(g1.weeks()).containsExactly(new WeekCount("2026-W45", 1), new WeekCount("2026-W46", 2), new WeekCount("2026-W47", 2));
        assertThat(g1.slopePerWeek()).as("least squares through (0,1), (1,2), (2,2)").isEqualTo(0.5);
        assertThat(g1.previousCaseNumbers()).containsExactly("H-0000");
        assertThat(hotspots.trends(PERIOD, CommunityScope.ALL).getFirst()).as("the largest rise first").isEqualTo(g1);
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> hotspots.recurringComplaints(PERIOD, 0, CommunityScope.ALL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minCases");
        assertThatThrownBy(() -> new Period(PERIOD.to(), PERIOD.from())).isInstanceOf(IllegalArgumentException.class);
    }
}

package org.jiedao.hub.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.jiedao.hub.analytics.AnalyticsGraph.A2;
import static org.jiedao.hub.analytics.AnalyticsGraph.C1;
import static org.jiedao.hub.analytics.AnalyticsGraph.member;
import static org.jiedao.hub.analytics.AnalyticsGraph.report;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.jiedao.hub.graph.testing.TestNeo4j;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Patrols on a constructed district: XC-0001 patrols G1 (reports in G1, G2, G1, the last 5 minutes ago), XC-0002
 * patrols G2 (one report in G3 five hours ago, the last in G2 a minute ago), XC-0003 patrols G9 of the other
 * community (its only report two hours ago, closest of all to the query point, so not available).
 */
class PatrolsTest {
    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-30T10:00:00Z");
    private static final CommunityScope MINE = CommunityScope.of(List.of(C1));
    private static Patrols patrols;

    @BeforeAll
    static void graph() {
        AnalyticsGraph.places();
        AnalyticsGraph.caseAt("H-7001", "Incident", "设施损坏", "2026-11-30T17:50+08:00", A2);
        member("XC-0001", "王芳", "G1");
        member("XC-0002", "李强", "G2");
        member("XC-0003", "张伟", "G9");
        report("r1a", "XC-0001", NOW.minusHours(3), 39.902, 116.371);
        report("r1b", "XC-0001", NOW.minusHours(2), 39.903, 116.385);
        report("r1c", "XC-0001", NOW.minusMinutes(5), 39.905, 116.372);
        report("r2a", "XC-0002", NOW.minusHours(5), 39.905, 116.395);
        report("r2b", "XC-0002", NOW.minusMinutes(1), 39.905, 116.388);
        report("r3a", "XC-0003", NOW.minusHours(2), 39.905, 116.3755);
        patrols = new Patrols(TestNeo4j.driver());
    }

    @Test
    void theCurrentPositionIsTheLatestReportWithItsSourceRecord() {
        List<PatrolPosition> all = patrols.currentPositions(CommunityScope.ALL);
        assertThat(all).extracting(PatrolPosition::member, PatrolPosition::reportId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("XC-0001", "r1c"),
                        org.assertj.core.groups.Tuple.tuple("XC-0002", "r2b"), org.assertj.core.groups.Tuple.tuple("XC-0003", "r3a"));
        assertThat(all.getFirst().records()).containsExactly("patrol-positions:r1c");
        assertThat(all.getFirst().at()).isEqualTo(NOW.minusMinutes(5).toInstant());
        assertThat(patrols.currentPositions(MINE)).extracting(PatrolPosition::member).containsExactly("XC-0001", "XC-0002");
    }

    @Test
    void aTrackIsTheMembersReportsInThePeriodInOrder() {
        assertThat(patrols.track("XC-0001", Period.lastHours(4, NOW.toInstant()), CommunityScope.ALL))
                .extracting(PatrolPosition::reportId).containsExactly("r1a", "r1b", "r1c");
        assertThat(patrols.track("XC-0001", Period.lastHours(1, NOW.toInstant()), CommunityScope.ALL))
                .extracting(PatrolPosition::reportId).containsExactly("r1c");
        assertThat(patrols.track("XC-0003", Period.lastHours(4, NOW.toInstant()), MINE)).as("out of scope").isEmpty();
    }

    @Test
    void coverageIsExactlyTheGridsWithAReportInTheWindow() {
        GridCoverage four = patrols.communityCoverage(C1, Period.lastHours(4, NOW.toInstant()), MINE);
        assertThat(four.grids()).extracting(GridVisit::grid, GridVisit::reportIds).containsExactly(
                org.assertj.core.groups.Tuple.tuple("G1", List.of("r1a", "r1c")),
                org.assertj.core.groups.Tuple.tuple("G2", List.of("r1b", "r2b")),
                org.assertj.core.groups.Tuple.tuple("G3", List.of()));
        assertThat(four.covered()).isEqualTo(2);
        assertThat(four.total()).isEqualTo(3);
        assertThat(four.share()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(patrols.communityCoverage(C1, Period.lastHours(6, NOW.toInstant()), MINE).covered())
                .as("the report in G3 five hours ago").isEqualTo(3);
        assertThat(patrols.communityCoverage(C1, Period.lastHours(4, NOW.toInstant()), CommunityScope.ALL).grids().getFirst().reportIds())
                .as("without a scope, a member of another community passing through counts").containsExactly("r1a", "r1c", "r3a");
        List<GridCoverage> byMember = patrols.memberCoverage("XC-0002", Period.lastHours(4, NOW.toInstant()), MINE);
        assertThat(byMember).singleElement().satisfies(c -> {
            assertThat(c.community()).isEqualTo(C1);
            assertThat(c.grids()).filteredOn(GridVisit::covered).extracting(GridVisit::grid).containsExactly("G2");
        });
    }

    @Test
    void theNearestAvailableMemberIsChosenAndAStaleOneIsNot() {
        List<NearestPatrol> nearest = patrols.nearest(39.905, 116.375, NOW.toInstant(), Patrols.DEFAULT_RECENCY, 5, CommunityScope.ALL);
        assertThat(nearest).extracting(n -> n.position().member()).as("XC-0003 is nearer but last reported 2 h ago")
                .containsExactly("XC-0001", "XC-0002");
        assertThat(nearest.getFirst().distanceMetres()).isCloseTo(Haversine.metres(39.905, 116.375, 39.905, 116.372), within(1e-6));
        assertThat(patrols.nearest(39.905, 116.375, NOW.toInstant(), Duration.ofHours(3), 1, CommunityScope.ALL))
                .extracting(n -> n.position().member()).containsExactly("XC-0003");
        assertThat(patrols.nearestToCase("H-7001", NOW.toInstant(), Patrols.DEFAULT_RECENCY, 1, CommunityScope.ALL))
                .as("the case's place is the centroid of G2").extracting(n -> n.position().member()).containsExactly("XC-0002");
    }

    @Test
    void haversineGivesTheKnownLengthOfADegree() {
        assertThat(Haversine.metres(39.0, 116.0, 40.0, 116.0)).isCloseTo(111_195.0, within(1.0));
    }

    @Test
    void badInputIsRefusedWithAClearMessage() {
        Instant now = NOW.withOffsetSameInstant(ZoneOffset.UTC).toInstant();
        assertThatThrownBy(() -> patrols.nearestToCase("NOPE", now, Patrols.DEFAULT_RECENCY, 1, CommunityScope.ALL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no case NOPE");
        assertThatThrownBy(() -> patrols.nearest(95, 116, now, Patrols.DEFAULT_RECENCY, 1, CommunityScope.ALL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of range");
        assertThatThrownBy(() -> Period.lastHours(0, now)).isInstanceOf(IllegalArgumentException.class);
    }
}

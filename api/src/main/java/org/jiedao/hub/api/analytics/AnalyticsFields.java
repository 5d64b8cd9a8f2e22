package org.jiedao.hub.api.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jiedao.hub.analytics.Area;
import org.jiedao.hub.analytics.CaseHotspots;
import org.jiedao.hub.analytics.CaseTrend;
import org.jiedao.hub.analytics.GridCoverage;
import org.jiedao.hub.analytics.HotspotCell;
import org.jiedao.hub.analytics.NearestPatrol;
import org.jiedao.hub.analytics.PatrolPosition;
import org.jiedao.hub.analytics.Patrols;
import org.jiedao.hub.analytics.Period;
import org.jiedao.hub.analytics.RecurringAddress;
import org.jiedao.hub.api.query.RootField;

/**
 * The analytics' root fields of {@code Query} (issue 8; docs/analytics.md): {@code caseHotspots},
 * {@code recurringComplaintAddresses}, {@code caseTrends}, {@code patrolPositions}, {@code patrolTrack},
 * {@code gridCoverage} and {@code nearestPatrol}. Times are ISO 8601 instants with an offset
 * ({@code 2026-11-02T00:00+08:00}); periods are half-open {@code [from, to)}.
 *
 * <p>Access, by the same policy as every other field ({@link AnalyticsAccess}): the case fields need a role that reads
 * {@code Case}; the patrol fields one that reads {@code PatrolPositionReport}, and those that show positions or one
 * member's whereabouts ({@code patrolPositions}, {@code patrolTrack}, {@code nearestPatrol}, {@code gridCoverage(member:)})
 * one that reads latitude, longitude (special category) and the member number in clear. A caseworker's community
 * scope limits every field to her communities' grids, addresses and members. Values the role does not read in clear
 * (an address text, a member name, a report id) are null; source-record uids only for a role that reads provenance.
 * Cases are not people, so case counts are not suppressed by k-anonymity; no field counts people. Every call is
 * recorded in the audit trail like any query. Unlike the derived fields, an analytics field may run a few statements
 * (coverage reads grids and reports), each bounded by the engine's statement timeout.
 */
public final class AnalyticsFields {
    private static final String TYPES = """
            \"""where cases are counted: a grid, or a community for cases without a grid\"""
            type AnalyticsArea { kind: String! code: String! name: String community: String }
            \"""the cases of one area, category and ISO week\"""
            type CaseHotspot { area: AnalyticsArea! category: String week: String! cases: Int! caseNumbers: [String!]! records: [String!]! }
            type CategoryCount { category: String! cases: Int! }
            \"""an address with recurring complaints\"""
            type RecurringComplaintAddress { address: String area: AnalyticsArea cases: Int! categories: [CategoryCount!]! caseNumbers: [String!]! records: [String!]! }
            type CaseWeekCount { week: String! cases: Int! }
            \"""cases of an area and category: this period against the previous one, and the least-squares slope per week\"""
            type CaseTrend { area: AnalyticsArea! category: String current: Int! previous: Int! change: Int! slopePerWeek: Float weeks: [CaseWeekCount!]! caseNumbers: [String!]! previousCaseNumbers: [String!]! }
            \"""a reported position of a patrol member (WGS 84)\"""
            type PatrolPoint { member: String! name: String latitude: Float! longitude: Float! at: String! reportId: String records: [String!]! }
            type PatrolGridVisit { grid: String! name: String located: Boolean! covered: Boolean! reports: Int! reportIds: [String!]! }
            \"""the grids of a community with at least one patrol report inside them in a period\"""
            type GridCoverage { community: String! from: String! to: String! covered: Int! total: Int! share: Float! grids: [PatrolGridVisit!]! }
            \"""an available patrol member and the haversine distance of its latest position, in metres\"""
            type PatrolDistance { position: PatrolPoint! distanceMetres: Float! }
            """;

    private AnalyticsFields() {
    }

    /** @return the analytics' root fields, in schema order (the first carries the types' SDL) */
    public static List<RootField> all() {
        AnalyticsField.Check cases = (a, env) -> a.reads("Case") ? null : "may not read Case";
        AnalyticsField.Check positions = (a, env) -> a.clear("PatrolPositionReport", "latitude") && a.clear("PatrolPositionReport", "longitude")
                && a.clear("PatrolMember", "memberNumber") ? null : "may not read patrol positions and member numbers in clear";
        AnalyticsField.Check coverage = (a, env) -> !a.reads("PatrolPositionReport") || !a.reads("Grid") ? "may not read PatrolPositionReport and Grid"
                : env.getArgument("member") != null ? positions.refusal(a, env) : null;
        return List.of(
                new AnalyticsField("caseHotspots", """
                          \"""cases per grid (or community without a grid), category and ISO week received in [from, to), most first\"""
                          caseHotspots(from: String!, to: String!): [CaseHotspot!]!""", TYPES, cases,
                        (r, a) -> hotspots(r).hotspots(period(r), a.scope()).stream().map(h -> hotspot(h, a)).toList()),
                new AnalyticsField("recurringComplaintAddresses", """
                          \"""addresses with at least minCases complaints received in [from, to), most first\"""
                          recurringComplaintAddresses(from: String!, to: String!, minCases: Int = 3): [RecurringComplaintAddress!]!""", "", cases,
                        (r, a) -> hotspots(r).recurringComplaints(period(r), r.<Integer>argument("minCases"), a.scope()).stream()
                                .map(x -> recurring(x, a)).toList()),
                new AnalyticsField("caseTrends", """
                          \"""per area and category: cases of [from, to) against the period of the same length before, and the weekly least-squares slope\"""
                          caseTrends(from: String!, to: String!): [CaseTrend!]!""", "", cases,
                        (r, a) -> hotspots(r).trends(period(r), a.scope()).stream().map(t -> trend(t, a)).toList()),
                new AnalyticsField("patrolPositions", """
                          \"""the latest reported position of every patrol member\"""
                          patrolPositions: [PatrolPoint!]!""", "", positions,
                        (r, a) -> patrols(r).currentPositions(a.scope()).stream().map(p -> point(p, a)).toList()),
                new AnalyticsField("patrolTrack", """
                          \"""a member's reported positions in [from, to), oldest first\"""
                          patrolTrack(member: String!, from: String!, to: String!): [PatrolPoint!]!""", "", positions,
                        (r, a) -> patrols(r).track(r.argument("member"), period(r), a.scope()).stream().map(p -> point(p, a)).toList()),
                new AnalyticsField("gridCoverage", """
                          \"""grids with at least one patrol report inside them in the `hours` before `at` (default now): of a community, or of the communities a member patrols counting only its reports\"""
                          gridCoverage(community: String, member: String, hours: Int = 8, at: String): [GridCoverage!]!""", "", coverage,
                        AnalyticsFields::coverage),
                new AnalyticsField("nearestPatrol", """
                          \"""the available members (latest report at most recencyMinutes old at `at`, default now) nearest to a case (its grid's centroid) or a point\"""
                          nearestPatrol(caseNumber: String, latitude: Float, longitude: Float, recencyMinutes: Int = 15, limit: Int = 1, at: String): [PatrolDistance!]!""",
                        "", positions, AnalyticsFields::nearest));
    }

    private static Object coverage(AnalyticsField.Request r, AnalyticsAccess a) {
        String community = r.argument("community");
        String member = r.argument("member");
        if ((community == null) == (member == null)) {
            throw new IllegalArgumentException("give exactly one of community and member");
        }
        Period period = Period.lastHours(r.<Integer>argument("hours"), at(r));
        List<GridCoverage> result = member != null ? patrols(r).memberCoverage(member, period, a.scope())
                : List.of(patrols(r).communityCoverage(community, period, a.scope()));
        boolean ids = a.clear("PatrolPositionReport", "observationId");
        return result.stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("community", c.community());
            m.put("from", c.period().from().toString());
            m.put("to", c.period().to().toString());
            m.put("covered", c.covered());
            m.put("total", c.total());
            m.put("share", c.share());
            m.put("grids", c.grids().stream().map(g -> {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("grid", g.grid());
                v.put("name", g.name());
                v.put("located", g.located());
                v.put("covered", g.covered());
                v.put("reports", g.reports());
                v.put("reportIds", ids ? g.reportIds() : List.of());
                return v;
            }).toList());
            return m;
        }).toList();
    }

    private static Object nearest(AnalyticsField.Request r, AnalyticsAccess a) {
        String caseNumber = r.argument("caseNumber");
        Double lat = r.argument("latitude");
        Double lon = r.argument("longitude");
        if ((caseNumber == null) == (lat == null || lon == null)) {
            throw new IllegalArgumentException("give either caseNumber or both latitude and longitude");
        }
        Duration recency = Duration.ofMinutes(r.<Integer>argument("recencyMinutes"));
        int limit = r.argument("limit");
        List<NearestPatrol> found = caseNumber != null
                ? patrols(r).nearestToCase(caseNumber, at(r), recency, limit, a.scope())
                : patrols(r).nearest(lat, lon, at(r), recency, limit, a.scope());
        return found.stream().map(n -> Map.of("position", point(n.position(), a), "distanceMetres", n.distanceMetres())).toList();
    }

    private static CaseHotspots hotspots(AnalyticsField.Request r) {
        return new CaseHotspots(r.context().cypher().driver(), CaseHotspots.DEFAULT_ZONE, r.context().cypher().timeout());
    }

    private static Patrols patrols(AnalyticsField.Request r) {
        return new Patrols(r.context().cypher().driver(), r.context().cypher().timeout());
    }

    static Period period(AnalyticsField.Request r) {
        return new Period(instant(r.argument("from"), "from"), instant(r.argument("to"), "to"));
    }

    private static Instant at(AnalyticsField.Request r) {
        String at = r.argument("at");
        return at == null ? Instant.now() : instant(at, "at");
    }

    static Instant instant(String text, String name) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(name + ": not an ISO 8601 date-time with an offset (e.g. 2026-11-02T00:00+08:00): " + text, e);
        }
    }

    private static Map<String, Object> area(Area area) {
        if (area == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", area.kind());
        m.put("code", area.code());
        m.put("name", area.name());
        m.put("community", area.community());
        return m;
    }

    private static Map<String, Object> hotspot(HotspotCell h, AnalyticsAccess a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("area", area(h.area()));
        m.put("category", h.category());
        m.put("week", h.week());
        m.put("cases", h.cases());
        m.put("caseNumbers", h.caseNumbers());
        m.put("records", a.provenance() ? h.records() : List.of());
        return m;
    }

    private static Map<String, Object> recurring(RecurringAddress x, AnalyticsAccess a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", a.clear("Address", "text") ? x.address() : null);
        m.put("area", area(x.area()));
        m.put("cases", x.cases());
        List<Map<String, Object>> categories = new ArrayList<>();
        x.categories().forEach((c, n) -> categories.add(Map.of("category", c, "cases", n)));
        m.put("categories", categories);
        m.put("caseNumbers", x.caseNumbers());
        m.put("records", a.provenance() ? x.records() : List.of());
        return m;
    }

    private static Map<String, Object> trend(CaseTrend t, AnalyticsAccess a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("area", area(t.area()));
        m.put("category", t.category());
        m.put("current", t.current());
        m.put("previous", t.previous());
        m.put("change", t.change());
        m.put("slopePerWeek", t.slopePerWeek());
        m.put("weeks", t.weeks().stream().map(w -> Map.of("week", w.week(), "cases", w.cases())).toList());
        m.put("caseNumbers", t.caseNumbers());
        m.put("previousCaseNumbers", t.previousCaseNumbers());
        return m;
    }

    private static Map<String, Object> point(PatrolPosition p, AnalyticsAccess a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("member", p.member());
        m.put("name", a.clear("PatrolMember", "name") ? p.name() : null);
        m.put("latitude", p.latitude());
        m.put("longitude", p.longitude());
        m.put("at", p.at().toString());
        m.put("reportId", a.clear("PatrolPositionReport", "observationId") ? p.reportId() : null);
        m.put("records", a.provenance() ? p.records() : List.of());
        return m;
    }
}

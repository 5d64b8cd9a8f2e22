package org.jiedao.hub.api.analytics;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jiedao.hub.analytics.CommunityScope;
import org.jiedao.hub.analytics.KindergartenForecast;
import org.jiedao.hub.analytics.KindergartenForecast.AreaForecast;
import org.jiedao.hub.analytics.KindergartenForecast.Backtest;
import org.jiedao.hub.analytics.KindergartenForecast.CohortForecast;
import org.jiedao.hub.analytics.KindergartenForecast.Forecast;
import org.jiedao.hub.api.query.RootField;

/**
 * The kindergarten-places root fields of {@code Query} (issue 8, item 2; docs/analytics.md "Kindergarten places"):
 * {@code kindergartenForecast(asOf, years, windowYears, radiusMetres, community)} and
 * {@code kindergartenBacktest(schoolYears, windowYears, community)} ({@code community} narrows to one community), computed by {@link KindergartenForecast}. Dates are ISO 8601
 * days ({@code 2026-11-01}); the defaults are today in Beijing time, and for the backtest the last three school years
 * that have started.
 *
 * <p>Access, by the same policy as the other analytics ({@link AnalyticsAccess}): the role must read {@code Person},
 * {@code Household} and {@code Kindergarten}; a caseworker's community scope limits the communities forecast (the
 * kindergartens within reach are public and may lie outside it); a role without personal access (the analyst) gets
 * the counts of children and moves below the policy's k as null (k-anonymity, docs/security/access-policy.md), and
 * the forecasts, which are estimates, in full; source-record uids only for a role that reads provenance. Every call is
 * audited like any query.
 */
public final class KindergartenFields {
    /** The zone "today" is taken in. */
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final String TYPES = """
            \"""one class of a community in a school year: its children registered at the as-of day, and the forecast on 1 September\"""
            type KindergartenCohort { cohort: String! label: String! bornFrom: String! bornTo: String! registered: Int expected: Float! unborn: Float! records: [String!]! }
            \"""a community in one school year: forecast demand (小班 + 中班 + 大班), places within reach, shortfall = max(0, demand - capacity)\"""
            type KindergartenYear { community: String! name: String schoolYear: Int! xiaoban: KindergartenCohort! zhongban: KindergartenCohort! daban: KindergartenCohort! demand: Float! capacity: Int! shortfall: Float! }
            \"""net migration of a community's children at one age: (movesIn - movesOut) / exposureYears per child-year\"""
            type KindergartenMigrationRate { age: Int! movesIn: Int movesOut: Int exposureYears: Float! rate: Float! }
            \"""a community's estimates and the codes of the kindergartens within its reach (in it, or within radiusMetres of its reference point)\"""
            type KindergartenArea { community: String! name: String birthsInWindow: Int birthsPerYear: Float! rates: [KindergartenMigrationRate!]! kindergartens: [String!]! capacity: Int! }
            type KindergartenPlaces { code: String! name: String capacity: Int! community: String latitude: Float longitude: Float records: [String!]! }
            \"""a community ranked for a new kindergarten by its largest shortfall\"""
            type KindergartenRank { rank: Int! community: String! name: String schoolYear: Int! shortfall: Float! demand: Float! capacity: Int! }
            type KindergartenForecast { asOf: String! windowYears: Int! radiusMetres: Float! years: [KindergartenYear!]! areas: [KindergartenArea!]! kindergartens: [KindergartenPlaces!]! ranking: [KindergartenRank!]! }
            type KindergartenBacktestYear { community: String! name: String schoolYear: Int! asOf: String! forecast: Float! actual: Int absolutePercentageError: Float records: [String!]! }
            type KindergartenBacktestArea { community: String! name: String mape: Float }
            \"""forecasts as of 1 September Y-3 against the children registered on 1 September Y; MAPE in percent, leaving out zero actuals\"""
            type KindergartenBacktest { schoolYears: [Int!]! windowYears: Int! years: [KindergartenBacktestYear!]! areas: [KindergartenBacktestArea!]! mape: Float zeroActuals: Int! }
            """;


    private KindergartenFields() {
    }

    /** @return {@code kindergartenForecast} and {@code kindergartenBacktest}; the first carries the types' SDL */
    public static List<RootField> all() {
        AnalyticsField.Check check = (a, env) -> a.reads("Person") && a.reads("Household") && a.reads("Kindergarten")
                ? null : "may not read Person, Household and Kindergarten";
        return List.of(
                new AnalyticsField("kindergartenForecast", """
                          \"""children of kindergarten age per community in the next school years, places within reach, shortfall and a ranking for a new kindergarten (docs/analytics.md)\"""
                          kindergartenForecast(asOf: String, years: Int = 3, windowYears: Int = 5, radiusMetres: Float = 1000, community: String): KindergartenForecast!""",
                        TYPES, check, KindergartenFields::forecast),
                new AnalyticsField("kindergartenBacktest", """
                          \"""the forecast as of 1 September Y-3 against the registered children of kindergarten age on 1 September Y, per community, with the MAPE\"""
                          kindergartenBacktest(schoolYears: [Int!], windowYears: Int = 5, community: String): KindergartenBacktest!""",
                        "", check, KindergartenFields::backtest));
    }

    private static Object forecast(AnalyticsField.Request r, AnalyticsAccess a) {
        String asOf = r.argument("asOf");
        Forecast f = analytic(r).forecast(asOf == null ? LocalDate.now(ZONE) : day(asOf), r.<Integer>argument("years"),
                r.<Integer>argument("windowYears"), r.<Double>argument("radiusMetres"), scope(r, a));
        int k = k(a);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("asOf", f.asOf().toString());
        m.put("windowYears", f.windowYears());
        m.put("radiusMetres", f.radiusMetres());
        m.put("years", f.areas().stream().flatMap(x -> x.years().stream().map(y -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("community", x.community());
            v.put("name", x.name());
            v.put("schoolYear", y.schoolYear());
            y.cohorts().forEach(c -> v.put(c.cohort().name().toLowerCase(java.util.Locale.ROOT), cohort(c, a, k)));
            v.put("demand", y.demand());
            v.put("capacity", y.capacity());
            v.put("shortfall", y.shortfall());
            return v;
        })).toList());
        m.put("areas", f.areas().stream().map(x -> area(x, k)).toList());
        Map<String, Map<String, Object>> places = new java.util.TreeMap<>();
        f.areas().forEach(x -> x.kindergartens().forEach(g -> places.computeIfAbsent(g.code(), c -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("code", g.code());
            v.put("name", g.name());
            v.put("capacity", g.capacity());
            v.put("community", g.community());
            v.put("latitude", g.latitude());
            v.put("longitude", g.longitude());
            v.put("records", a.provenance() ? g.records() : List.of());
            return v;
        })));
        m.put("kindergartens", List.copyOf(places.values()));
        m.put("ranking", f.ranking().stream().map(x -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("rank", x.rank());
            v.put("community", x.community());
            v.put("name", x.name());
            v.put("schoolYear", x.schoolYear());
            v.put("shortfall", x.shortfall());
            v.put("demand", x.demand());
            v.put("capacity", x.capacity());
            return v;
        }).toList());
        return m;
    }

    private static Map<String, Object> area(AreaForecast x, int k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("community", x.community());
        m.put("name", x.name());
        m.put("birthsInWindow", count(x.birthsInWindow(), k));
        m.put("birthsPerYear", x.birthsPerYear());
        m.put("rates", x.rates().stream().map(r -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("age", r.age());
            v.put("movesIn", count(r.movesIn(), k));
            v.put("movesOut", count(r.movesOut(), k));
            v.put("exposureYears", r.exposureYears());
            v.put("rate", r.rate());
            return v;
        }).toList());
        m.put("kindergartens", x.kindergartens().stream().map(g -> g.code()).toList());
        m.put("capacity", x.capacity());
        return m;
    }

    private static Map<String, Object> cohort(CohortForecast c, AnalyticsAccess a, int k) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("cohort", c.cohort().name());
        v.put("label", c.cohort().label());
        v.put("bornFrom", c.bornFrom().toString());
        v.put("bornTo", c.bornTo().toString());
        v.put("registered", count(c.registered(), k));
        v.put("expected", c.expected());
        v.put("unborn", c.unborn());
        v.put("records", a.provenance() ? c.records() : List.of());
        return v;
    }

    private static Object backtest(AnalyticsField.Request r, AnalyticsAccess a) {
        List<Integer> years = r.argument("schoolYears");
        if (years == null) {
            int now = KindergartenForecast.schoolYearOf(LocalDate.now(ZONE));
            years = List.of(now - 2, now - 1, now);
        }
        Backtest b = analytic(r).backtest(years, r.<Integer>argument("windowYears"), scope(r, a));
        int k = k(a);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schoolYears", b.schoolYears());
        m.put("windowYears", b.windowYears());
        m.put("years", b.areas().stream().flatMap(x -> x.years().stream().map(y -> {
            Map<String, Object> w = new LinkedHashMap<>();
            boolean shown = y.actual() == 0 || y.actual() >= k;
            w.put("community", x.community());
            w.put("name", x.name());
            w.put("schoolYear", y.schoolYear());
            w.put("asOf", y.asOf().toString());
            w.put("forecast", y.forecast());
            w.put("actual", shown ? y.actual() : null);
            w.put("absolutePercentageError", shown ? y.absolutePercentageError() : null);
            w.put("records", a.provenance() ? y.records() : List.of());
            return w;
        })).toList());
        m.put("areas", b.areas().stream().map(x -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("community", x.community());
            v.put("name", x.name());
            v.put("mape", x.mape());
            return v;
        }).toList());
        m.put("mape", b.mape());
        m.put("zeroActuals", b.zeroActuals());
        return m;
    }

    /** @return the caller's communities, narrowed to the {@code community} argument when given */
    private static CommunityScope scope(AnalyticsField.Request r, AnalyticsAccess a) {
        String community = r.argument("community");
        if (community == null) {
            return a.scope();
        }
        return CommunityScope.of(a.scope().includes(community) ? List.of(community) : List.of());
    }

    /** @return the k below which counts of people are null for this caller, 0 when none are */
    private static int k(AnalyticsAccess a) {
        return a.access().suppressBelow(a.ontology().nodeType("Person"));
    }

    /** @return the count, or null when it is positive and below k */
    private static Integer count(int n, int k) {
        return n > 0 && n < k ? null : n;
    }

    private static KindergartenForecast analytic(AnalyticsField.Request r) {
        return new KindergartenForecast(r.context().cypher().driver(), r.context().cypher().timeout());
    }

    private static LocalDate day(String text) {
        try {
            return LocalDate.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("asOf: not an ISO 8601 date (e.g. 2026-11-01): " + text, e);
        }
    }
}

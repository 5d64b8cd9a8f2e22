package org.jiedao.hub.analytics;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.neo4j.driver.Driver;

/**
 * Case hotspots (issue 8, item 6; docs/analytics.md): cases per area (grid, or community for a case without a
 * grid), category and ISO 8601 week; addresses with recurring complaints; and trends per area and category.
 * A case's area is the grid of the building of the address it concerns, else the community of that address; its
 * week is the ISO week (Monday first, week 1 holds the year's first Thursday) of its reception time in the
 * analytics' zone. Cases of no area are left out of per-area results. Every number comes with the case numbers and
 * source-record uids it counts. Reads only; thread-safe.
 */
public final class CaseHotspots {
    /** The zone weeks are cut in by default: Beijing time. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");
    /** The label of complaints among cases. */
    static final String COMPLAINT = "Complaint";

    private final CaseFacts facts;
    private final ZoneId zone;

    /**
     * @param driver the hub's driver
     * @param zone   the zone ISO weeks are cut in
     */
    public CaseHotspots(Driver driver, ZoneId zone) {
        this(driver, zone, null);
    }

    /**
     * @param driver  the hub's driver
     * @param zone    the zone ISO weeks are cut in
     * @param timeout the longest one read may run (the server stops it after that), or null for the server's default
     */
    public CaseHotspots(Driver driver, ZoneId zone, java.time.Duration timeout) {
        this.facts = new CaseFacts(new Reads(Objects.requireNonNull(driver, "driver"), timeout));
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /**
     * Cases per area, category and week.
     *
     * @param period the reception times counted
     * @param scope  the communities read
     * @return one cell per area, category and week that has cases, most cases first, then by area code, category
     *         and week
     */
    public List<HotspotCell> hotspots(Period period, CommunityScope scope) {
        Map<List<Object>, List<CaseFact>> groups = new LinkedHashMap<>();
        for (CaseFact c : facts.read(period, scope)) {
            if (c.area() != null) {
                groups.computeIfAbsent(List.of(c.area(), Objects.toString(c.category(), ""), week(c)), k -> new ArrayList<>()).add(c);
            }
        }
        return groups.values().stream()
                .map(cs -> new HotspotCell(cs.getFirst().area(), cs.getFirst().category(), week(cs.getFirst()), cs.size(),
                        numbers(cs), records(cs)))
                .sorted(Comparator.comparingLong(HotspotCell::cases).reversed()
                        .thenComparing(h -> h.area().code()).thenComparing(h -> Objects.toString(h.category(), ""))
                        .thenComparing(HotspotCell::week))
                .toList();
    }

    /**
     * Addresses with recurring complaints.
     *
     * @param period   the reception times counted
     * @param minCases the least number of complaints an address must have in the period, at least 1
     * @param scope    the communities read
     * @return the addresses with at least {@code minCases} complaints, most first, then by address
     * @throws IllegalArgumentException if {@code minCases} is below 1
     */
    public List<RecurringAddress> recurringComplaints(Period period, int minCases, CommunityScope scope) {
        if (minCases < 1) {
            throw new IllegalArgumentException("minCases must be at least 1, not " + minCases);
        }
        Map<String, List<CaseFact>> byAddress = new TreeMap<>();
        for (CaseFact c : facts.readComplaints(period, scope)) {
            if (c.address() != null) {
                byAddress.computeIfAbsent(c.address(), k -> new ArrayList<>()).add(c);
            }
        }
        return byAddress.entrySet().stream().filter(e -> e.getValue().size() >= minCases)
                .map(e -> {
                    Map<String, Long> categories = new TreeMap<>();
                    e.getValue().forEach(c -> categories.merge(Objects.toString(c.category(), ""), 1L, Long::sum));
                    return new RecurringAddress(e.getKey(), e.getValue().getFirst().area(), e.getValue().size(), categories,
                            numbers(e.getValue()), records(e.getValue()));
                })
                .sorted(Comparator.comparingLong(RecurringAddress::cases).reversed().thenComparing(RecurringAddress::address))
                .toList();
    }

    /**
     * Trends per area and category: the cases of {@code period} against those of the period of the same length
     * just before it, and the least-squares slope of the weekly counts over the ISO weeks {@code period} touches
     * (see {@link LeastSquares}; a partial first or last week counts what falls inside the period).
     *
     * @param period the period to compare
     * @param scope  the communities read
     * @return one trend per area and category with cases in either period, largest rise first, then by area code
     *         and category
     */
    public List<CaseTrend> trends(Period period, CommunityScope scope) {
        Period previous = period.previous();
        List<String> weeks = weeksOf(period);
        Map<List<Object>, List<CaseFact>> groups = new LinkedHashMap<>();
        for (CaseFact c : facts.read(new Period(previous.from(), period.to()), scope)) {
            if (c.area() != null) {
                groups.computeIfAbsent(List.of(c.area(), Objects.toString(c.category(), "")), k -> new ArrayList<>()).add(c);
            }
        }
        List<CaseTrend> trends = new ArrayList<>();
        for (List<CaseFact> cs : groups.values()) {
            List<CaseFact> now = cs.stream().filter(c -> period.contains(c.reportedAt())).toList();
            List<CaseFact> before = cs.stream().filter(c -> previous.contains(c.reportedAt())).toList();
            Map<String, Long> perWeek = new LinkedHashMap<>();
            weeks.forEach(w -> perWeek.put(w, 0L));
            now.forEach(c -> perWeek.merge(week(c), 1L, Long::sum));
            List<WeekCount> counts = perWeek.entrySet().stream().map(e -> new WeekCount(e.getKey(), e.getValue())).toList();
            trends.add(new CaseTrend(cs.getFirst().area(), cs.getFirst().category(), now.size(), before.size(),
                    now.size() - before.size(), LeastSquares.slope(counts.stream().map(WeekCount::cases).toList()),
                    counts, numbers(now), numbers(before)));
        }
        trends.sort(Comparator.comparingLong(CaseTrend::change).reversed().thenComparing(t -> t.area().code())
                .thenComparing(t -> Objects.toString(t.category(), "")));
        return trends;
    }

    /** @return the ISO weeks the period touches, in order */
    List<String> weeksOf(Period period) {
        LocalDate first = period.from().atZone(zone).toLocalDate();
        LocalDate last = period.to().minusNanos(1).atZone(zone).toLocalDate();
        LocalDate monday = first.minusDays(first.getDayOfWeek().getValue() - 1L);
        long n = ChronoUnit.WEEKS.between(monday, last) + 1;
        return Stream.iterate(monday, d -> d.plusWeeks(1)).limit(n).map(CaseHotspots::isoWeek).toList();
    }

    private String week(CaseFact c) {
        return isoWeek(c.reportedAt().atZone(zone).toLocalDate());
    }

    /**
     * @param d a date
     * @return its ISO 8601 week, e.g. {@code 2026-W01}
     */
    static String isoWeek(LocalDate d) {
        return String.format(java.util.Locale.ROOT, "%d-W%02d", d.get(IsoFields.WEEK_BASED_YEAR), d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    private static List<String> numbers(List<CaseFact> cs) {
        return cs.stream().map(CaseFact::caseNumber).sorted().toList();
    }

    private static List<String> records(List<CaseFact> cs) {
        return cs.stream().flatMap(c -> c.records().stream()).sorted().distinct().toList();
    }
}

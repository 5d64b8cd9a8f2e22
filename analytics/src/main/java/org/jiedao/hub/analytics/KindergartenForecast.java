package org.jiedao.hub.analytics;

import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Value;

/**
 * Kindergarten places (issue 8, item 2; docs/analytics.md "Kindergarten places"): per community, the children of
 * kindergarten age in each of the next school years, forecast from the registered children by birth cohort, births
 * and net migration estimated from the dated registration history; the kindergarten places within reach; the
 * shortfall; a ranking of communities for a new kindergarten; and a backtest of the forecast against the history.
 *
 * <p><b>Enrolment rule.</b> A school year {@code Y} starts on 1 September of {@code Y}. A child enters the first year
 * (小班) in the school year of the 1 September after it turned 3 on or before 31 August, and stays three years
 * (小班, 中班, 大班): the kindergarten-age children of school year {@code Y} are those born from 1 September
 * {@code Y-6} to 31 August {@code Y-3}. Sources: 《幼儿园工作规程》 (教育部令第39号, 2016), art. 2 (children aged 3
 * and over; the programme is generally three years) and the Beijing education commission's yearly enrolment
 * notices (北京市教育委员会《关于做好幼儿园招生工作的通知》: 年满3周岁, i.e. born on or before 31 August of the
 * enrolment year minus 3). The kindergartens' own age ranges ({@code minEnrolmentAgeMonths}) are not used: a nursery
 * class (托班) for 2-year-olds does not change the 3-year programme's demand.
 *
 * <p><b>Registrations.</b> A child is a {@code Person} with a full {@code birthDate}; it is registered in a community
 * over a spell {@code (Person)-[m:MEMBER_OF]->(Household)-[:REGISTERED_AT]->(Address)-[:IN_COMMUNITY]->(Community)}
 * from {@code m.validFrom} (its birth date when absent: a registry row without dates counts from birth) to the day
 * before {@code m.validTo} (open when absent). Forecasting <i>as of</i> a day {@code T} uses only facts dated before
 * {@code T}: spells that started before it, and of their ends only those before it (a later move-out is unknown).
 *
 * <p><b>Estimator.</b> Over the {@code window} years before {@code T}, for each community {@code c} and age
 * {@code a} in completed years (0-6): {@code r(c,a) = (moves in at age a - moves out at age a) / child-years lived at
 * age a in c}, a net migration rate per child-year (occurrence over exposure; 0 when there is no exposure). A move in
 * is a spell starting after the birth date, a move out a spell ending; births {@code B(c)} = spells starting on the
 * birth date in the window / window years. A child registered at {@code T} counts at the target day {@code t} (1
 * September of the school year) with weight {@code exp(Σ_a r(c,a) · years lived at age a between T and t)}; a
 * child not yet born at {@code T} adds, for each day {@code d} of its cohort after {@code T},
 * {@code B(c)/365.25 · exp(Σ_a r(c,a) · years at age a between d and t)}. Deaths are ignored (below 1 per 1,000 at
 * these ages in Beijing).
 *
 * <p><b>Places within reach.</b> Addresses carry no coordinates, so a child is placed at its community's reference
 * point ({@code Community.latitude/longitude}, from the community-centres source). A community is served by the
 * kindergartens in it (their address's community) and by those whose own coordinates lie within {@code radiusMetres}
 * of its point ({@link Haversine}); a community or kindergarten without coordinates is served / serves only within its
 * community. A kindergarten within reach of two communities counts fully for both: the capacity is what a family can
 * reach, not an allocation. Capacity is the kindergarten's current {@code capacity} (the directory has no history).
 * Shortfall = max(0, demand - capacity).
 *
 * <p>Reads only; thread-safe. Each call reads the graph in three statements.
 */
public final class KindergartenForecast {
    /** Default distance of the kindergartens within reach of a community, metres. */
    public static final double DEFAULT_RADIUS_METRES = 1000;
    /** Default years of history the rates are estimated from. */
    public static final int DEFAULT_WINDOW_YEARS = 5;
    /** Default number of school years forecast. */
    public static final int DEFAULT_YEARS = 3;
    /** The horizon of the backtest: forecasts as of {@code Y-3} for school year {@code Y}. */
    public static final int BACKTEST_HORIZON = 3;
    /** The oldest age in completed years a rate is estimated for (a child of 大班 may be 6 on 1 September). */
    static final int MAX_AGE = 6;
    private static final double DAYS_PER_YEAR = 365.25;

    /** The three classes of the programme, youngest first. */
    public enum Cohort {
        /** 小班, first year: born 1 September Y-4 to 31 August Y-3. */
        XIAOBAN("小班", 4),
        /** 中班, second year: born 1 September Y-5 to 31 August Y-4. */
        ZHONGBAN("中班", 5),
        /** 大班, third year: born 1 September Y-6 to 31 August Y-5. */
        DABAN("大班", 6);

        private final String label;
        private final int yearsBefore;

        Cohort(String label, int yearsBefore) {
            this.label = label;
            this.yearsBefore = yearsBefore;
        }

        /** @return the Chinese name, e.g. 小班 */
        public String label() {
            return label;
        }

        /**
         * @param schoolYear the school year
         * @return the first birth date of the class in that year (1 September)
         */
        public LocalDate bornFrom(int schoolYear) {
            return LocalDate.of(schoolYear - yearsBefore, 9, 1);
        }

        /**
         * @param schoolYear the school year
         * @return the last birth date of the class in that year (31 August), inclusive
         */
        public LocalDate bornTo(int schoolYear) {
            return LocalDate.of(schoolYear - yearsBefore + 1, 8, 31);
        }
    }

    /**
     * One birth cohort (class) of a community in a school year.
     *
     * @param cohort     the class
     * @param bornFrom   first birth date, inclusive
     * @param bornTo     last birth date, inclusive
     * @param registered children of the cohort registered in the community at the as-of day (already born)
     * @param expected   forecast children of the cohort registered there on 1 September of the school year:
     *                   the registered ones weighted by migration, plus the expected births after the as-of day
     * @param unborn     the part of {@code expected} from births after the as-of day
     * @param records    the uids ({@code source:recordKey}) of the records of the registered children, sorted
     */
    public record CohortForecast(Cohort cohort, LocalDate bornFrom, LocalDate bornTo, int registered, double expected,
                                 double unborn, List<String> records) {
    }

    /**
     * The forecast of a community for one school year.
     *
     * @param schoolYear the school year (starting 1 September of it)
     * @param cohorts    小班, 中班, 大班
     * @param demand     forecast children of kindergarten age: the sum of the cohorts' {@code expected}
     * @param capacity   places within reach
     * @param shortfall  max(0, demand - capacity)
     */
    public record YearForecast(int schoolYear, List<CohortForecast> cohorts, double demand, long capacity, double shortfall) {
    }

    /**
     * The net migration rate of a community at one age.
     *
     * @param age           age in completed years
     * @param movesIn       spells that started after birth at that age in the window
     * @param movesOut      spells that ended at that age in the window
     * @param exposureYears child-years lived at that age in the community in the window
     * @param rate          (movesIn - movesOut) / exposureYears per child-year, 0 without exposure
     */
    public record MigrationRate(int age, int movesIn, int movesOut, double exposureYears, double rate) {
    }

    /**
     * A kindergarten within reach of a community.
     *
     * @param code           kindergarten code
     * @param name           name, or null
     * @param capacity       places
     * @param community      the code of the community of its address, or null
     * @param latitude       WGS 84 latitude, or null
     * @param longitude      WGS 84 longitude, or null
     * @param distanceMetres haversine distance from the community's point, or null without coordinates
     * @param records        uids of its records
     */
    public record ReachableKindergarten(String code, String name, long capacity, String community, Double latitude,
                                        Double longitude, Double distanceMetres, List<String> records) {
    }

    /**
     * The forecast of one community.
     *
     * @param community      community code
     * @param name           community name, or null
     * @param birthsInWindow births registered in the community in the window
     * @param birthsPerYear  {@code birthsInWindow / window}
     * @param rates          net migration rates by age 0-6
     * @param kindergartens  kindergartens within reach, nearest first
     * @param capacity       their places together
     * @param years          the school years forecast, in order
     */
    public record AreaForecast(String community, String name, int birthsInWindow, double birthsPerYear,
                               List<MigrationRate> rates, List<ReachableKindergarten> kindergartens, long capacity,
                               List<YearForecast> years) {
    }

    /**
     * A community ranked for a new kindergarten.
     *
     * @param rank       1 for the largest shortfall
     * @param community  community code
     * @param name       community name, or null
     * @param schoolYear the school year of its largest shortfall
     * @param shortfall  that shortfall (positive)
     * @param demand     the demand that year
     * @param capacity   the places within reach
     */
    public record RankedArea(int rank, String community, String name, int schoolYear, double shortfall, double demand,
                             long capacity) {
    }

    /**
     * A forecast.
     *
     * @param asOf         the as-of day: facts dated before it are used
     * @param windowYears  years of history the rates come from
     * @param radiusMetres the reach of a community
     * @param areas        one per community with registered children (in scope), by code
     * @param ranking      the communities with a shortfall in any forecast year, largest first
     */
    public record Forecast(LocalDate asOf, int windowYears, double radiusMetres, List<AreaForecast> areas,
                           List<RankedArea> ranking) {
    }

    /**
     * One school year of a community in the backtest.
     *
     * @param schoolYear        the school year {@code Y}
     * @param asOf              the as-of day of the forecast: 1 September {@code Y-3}
     * @param forecast          forecast children of kindergarten age on 1 September {@code Y}
     * @param actual            children of kindergarten age registered there on that day, by the whole history
     * @param absolutePercentageError |forecast - actual| / actual * 100, null when {@code actual} is 0
     * @param records           uids of the records of the actual children, sorted
     */
    public record BacktestYear(int schoolYear, LocalDate asOf, double forecast, int actual, Double absolutePercentageError,
                               List<String> records) {
    }

    /**
     * The backtest of a community.
     *
     * @param community community code
     * @param name      community name, or null
     * @param years     one per school year tested
     * @param mape      mean of the years' absolute percentage errors, in percent; null when every actual is 0
     */
    public record BacktestArea(String community, String name, List<BacktestYear> years, Double mape) {
    }

    /**
     * A backtest: forecasts as of {@code Y-3} against the history at {@code Y}.
     *
     * @param schoolYears  the school years tested
     * @param windowYears  years of history each forecast's rates come from
     * @param areas        one per community, by code
     * @param mape         mean absolute percentage error over every community and year with a non-zero actual, in
     *                     percent; null if there is none
     * @param zeroActuals  community-years left out of the MAPE because their actual is 0 (their forecast is still shown)
     */
    public record Backtest(List<Integer> schoolYears, int windowYears, List<BacktestArea> areas,
                           Double mape, int zeroActuals) {
    }

    /** A registration spell as read: start inclusive, end exclusive (null: open). */
    record Spell(String person, String community, LocalDate birth, LocalDate start, LocalDate end, List<String> records) {
    }

    private record Place(String code, String name, Double latitude, Double longitude) {
    }

    private record Kindergarten(String code, String name, long capacity, Double latitude, Double longitude,
                                String community, List<String> records) {
    }

    private final Reads reads;

    /**
     * @param driver the hub's driver
     */
    public KindergartenForecast(Driver driver) {
        this(driver, null);
    }

    /**
     * @param driver  the hub's driver
     * @param timeout the longest one read may run, or null for the server's default
     */
    public KindergartenForecast(Driver driver, Duration timeout) {
        this.reads = new Reads(Objects.requireNonNull(driver, "driver"), timeout);
    }

    /**
     * @param day a day
     * @return the school year it falls in: {@code Y} from 1 September {@code Y} to 31 August {@code Y+1}
     */
    public static int schoolYearOf(LocalDate day) {
        return day.getMonthValue() >= 9 ? day.getYear() : day.getYear() - 1;
    }

    /**
     * @param schoolYear a school year
     * @return its first day, 1 September
     */
    public static LocalDate start(int schoolYear) {
        return LocalDate.of(schoolYear, 9, 1);
    }

    /**
     * Forecasts the next school years.
     *
     * @param asOf         the as-of day: facts dated before it are used; the first school year forecast is the one
     *                     starting on the first 1 September after it
     * @param years        how many school years, 1-10
     * @param windowYears  years of history the rates are estimated from, 1-20
     * @param radiusMetres the reach of a community, at least 0
     * @param scope        the communities read
     * @return the forecast
     * @throws IllegalArgumentException if a number is out of range
     */
    public Forecast forecast(LocalDate asOf, int years, int windowYears, double radiusMetres, CommunityScope scope) {
        Objects.requireNonNull(asOf, "asOf");
        check(years, 1, 10, "years");
        check(windowYears, 1, 20, "windowYears");
        if (!(radiusMetres >= 0)) {
            throw new IllegalArgumentException("radiusMetres must be 0 or more, not " + radiusMetres);
        }
        int first = schoolYearOf(asOf) + 1;
        List<Spell> spells = readSpells(asOf.minusYears(windowYears + MAX_AGE + 1L), scope);
        Map<String, Place> places = readPlaces(communities(spells));
        List<Kindergarten> kindergartens = readKindergartens();
        List<AreaForecast> areas = new ArrayList<>();
        for (Map.Entry<String, List<Spell>> e : byCommunity(spells).entrySet()) {
            Place place = places.getOrDefault(e.getKey(), new Place(e.getKey(), null, null, null));
            areas.add(area(place, known(e.getValue(), asOf), asOf, first, years, windowYears, reach(place, kindergartens, radiusMetres)));
        }
        List<RankedArea> ranking = new ArrayList<>();
        areas.stream().map(a -> a.years().stream().max(Comparator.comparingDouble(YearForecast::shortfall)
                        .thenComparing(y -> -y.schoolYear())).map(y -> Map.entry(a, y)).orElseThrow())
                .filter(x -> x.getValue().shortfall() > 0)
                .sorted(Comparator.comparingDouble((Map.Entry<AreaForecast, YearForecast> x) -> x.getValue().shortfall()).reversed()
                        .thenComparing(x -> x.getKey().community()))
                .forEach(x -> ranking.add(new RankedArea(ranking.size() + 1, x.getKey().community(), x.getKey().name(),
                        x.getValue().schoolYear(), x.getValue().shortfall(), x.getValue().demand(), x.getValue().capacity())));
        return new Forecast(asOf, windowYears, radiusMetres, areas, ranking);
    }

    /**
     * Backtests the forecast: for each school year {@code Y}, the forecast as of 1 September {@code Y-3} (facts dated
     * before it) for {@code Y} against the children of kindergarten age registered on 1 September {@code Y} by the
     * whole history.
     *
     * @param schoolYears  the school years to test, not empty
     * @param windowYears  years of history each forecast's rates come from, 1-20
     * @param scope        the communities read
     * @return the backtest; the MAPE leaves out community-years whose actual is 0 (counted in {@code zeroActuals})
     * @throws IllegalArgumentException if {@code schoolYears} is empty or {@code windowYears} out of range
     */
    public Backtest backtest(List<Integer> schoolYears, int windowYears, CommunityScope scope) {
        if (schoolYears == null || schoolYears.isEmpty()) {
            throw new IllegalArgumentException("give at least one school year");
        }
        check(windowYears, 1, 20, "windowYears");
        List<Integer> ys = schoolYears.stream().distinct().sorted().toList();
        LocalDate earliest = start(ys.getFirst() - BACKTEST_HORIZON).minusYears(windowYears + MAX_AGE + 1L);
        List<Spell> spells = readSpells(earliest, scope);
        Map<String, Place> places = readPlaces(communities(spells));
        List<BacktestArea> areas = new ArrayList<>();
        double sum = 0;
        int n = 0;
        int zeros = 0;
        for (Map.Entry<String, List<Spell>> e : byCommunity(spells).entrySet()) {
            Place place = places.getOrDefault(e.getKey(), new Place(e.getKey(), null, null, null));
            List<BacktestYear> years = new ArrayList<>();
            double areaSum = 0;
            int areaN = 0;
            for (int y : ys) {
                LocalDate asOf = start(y - BACKTEST_HORIZON);
                AreaForecast f = area(place, known(e.getValue(), asOf), asOf, y, 1, windowYears, List.of());
                double forecast = f.years().getFirst().demand();
                LocalDate day = start(y);
                List<Spell> actual = e.getValue().stream().filter(s -> covers(s, day)
                        && !s.birth().isBefore(Cohort.DABAN.bornFrom(y)) && !s.birth().isAfter(Cohort.XIAOBAN.bornTo(y))).toList();
                int count = distinctPersons(actual);
                Double ape = count == 0 ? null : Math.abs(forecast - count) / count * 100;
                if (ape == null) {
                    zeros++;
                } else {
                    areaSum += ape;
                    areaN++;
                }
                years.add(new BacktestYear(y, asOf, forecast, count, ape, records(actual)));
            }
            sum += areaSum;
            n += areaN;
            areas.add(new BacktestArea(place.code(), place.name(), years, areaN == 0 ? null : areaSum / areaN));
        }
        return new Backtest(ys, windowYears, areas, n == 0 ? null : sum / n, zeros);
    }

    private AreaForecast area(Place place, List<Spell> known, LocalDate asOf, int first, int years, int windowYears,
                              List<ReachableKindergarten> reach) {
        LocalDate from = asOf.minusYears(windowYears);
        int births = 0;
        int[] in = new int[MAX_AGE + 1];
        int[] out = new int[MAX_AGE + 1];
        double[] exposure = new double[MAX_AGE + 1];
        for (Spell s : known) {
            if (inWindow(s.start(), from, asOf)) {
                if (s.start().equals(s.birth())) {
                    births++;
                } else {
                    int age = age(s.birth(), s.start());
                    if (age <= MAX_AGE) {
                        in[age]++;
                    }
                }
            }
            if (s.end() != null && inWindow(s.end(), from, asOf)) {
                int age = age(s.birth(), s.end());
                if (age <= MAX_AGE) {
                    out[age]++;
                }
            }
            LocalDate a = s.start().isAfter(from) ? s.start() : from;
            LocalDate b = s.end() == null || s.end().isAfter(asOf) ? asOf : s.end();
            for (int age = 0; age <= MAX_AGE; age++) {
                exposure[age] += overlapYears(a, b, s.birth().plusYears(age), s.birth().plusYears(age + 1L));
            }
        }
        double[] rate = new double[MAX_AGE + 1];
        List<MigrationRate> rates = new ArrayList<>();
        for (int age = 0; age <= MAX_AGE; age++) {
            rate[age] = exposure[age] > 0 ? (in[age] - out[age]) / exposure[age] : 0;
            rates.add(new MigrationRate(age, in[age], out[age], exposure[age], rate[age]));
        }
        double birthsPerYear = (double) births / windowYears;
        List<Spell> registered = known.stream().filter(s -> s.end() == null).toList();
        long capacity = reach.stream().mapToLong(ReachableKindergarten::capacity).sum();
        List<YearForecast> out2 = new ArrayList<>();
        for (int y = first; y < first + years; y++) {
            LocalDate target = start(y);
            List<CohortForecast> cohorts = new ArrayList<>();
            double demand = 0;
            for (Cohort c : Cohort.values()) {
                LocalDate bf = c.bornFrom(y);
                LocalDate bt = c.bornTo(y);
                Map<String, Spell> children = new TreeMap<>();
                registered.stream().filter(s -> !s.birth().isBefore(bf) && !s.birth().isAfter(bt))
                        .forEach(s -> children.putIfAbsent(s.person(), s));
                double expected = 0;
                for (Spell s : children.values()) {
                    expected += weight(rate, s.birth(), asOf, target);
                }
                double unborn = 0;
                for (LocalDate d = bf.isBefore(asOf) ? asOf : bf; !d.isAfter(bt); d = d.plusDays(1)) {
                    unborn += birthsPerYear / DAYS_PER_YEAR * weight(rate, d, d, target);
                }
                expected += unborn;
                demand += expected;
                cohorts.add(new CohortForecast(c, bf, bt, children.size(), expected, unborn, records(children.values())));
            }
            out2.add(new YearForecast(y, cohorts, demand, capacity, Math.max(0, demand - capacity)));
        }
        return new AreaForecast(place.code(), place.name(), births, birthsPerYear, rates, reach, capacity, out2);
    }

    /** @return exp(Σ_a rate[a] · years lived at age a in [from, to)) */
    private static double weight(double[] rate, LocalDate birth, LocalDate from, LocalDate to) {
        double sum = 0;
        for (int age = 0; age <= MAX_AGE; age++) {
            if (rate[age] != 0) {
                sum += rate[age] * overlapYears(from, to, birth.plusYears(age), birth.plusYears(age + 1L));
            }
        }
        return Math.exp(sum);
    }

    /** @return the length of [a, b) ∩ [c, d) in years of 365.25 days, 0 if empty */
    static double overlapYears(LocalDate a, LocalDate b, LocalDate c, LocalDate d) {
        LocalDate lo = a.isAfter(c) ? a : c;
        LocalDate hi = b.isBefore(d) ? b : d;
        return hi.isAfter(lo) ? ChronoUnit.DAYS.between(lo, hi) / DAYS_PER_YEAR : 0;
    }

    private static boolean inWindow(LocalDate day, LocalDate from, LocalDate to) {
        return !day.isBefore(from) && day.isBefore(to);
    }

    private static int age(LocalDate birth, LocalDate day) {
        return java.time.Period.between(birth, day).getYears();
    }

    private static boolean covers(Spell s, LocalDate day) {
        return !day.isBefore(s.start()) && (s.end() == null || day.isBefore(s.end()));
    }

    /** @return the spells as known before {@code asOf}: started before it, with only the ends before it */
    static List<Spell> known(List<Spell> spells, LocalDate asOf) {
        List<Spell> known = new ArrayList<>();
        for (Spell s : spells) {
            if (s.start().isBefore(asOf)) {
                known.add(s.end() != null && !s.end().isBefore(asOf)
                        ? new Spell(s.person(), s.community(), s.birth(), s.start(), null, s.records()) : s);
            }
        }
        return known;
    }

    private static int distinctPersons(List<Spell> spells) {
        return (int) spells.stream().map(Spell::person).distinct().count();
    }

    private static List<String> records(java.util.Collection<Spell> spells) {
        return spells.stream().flatMap(s -> s.records().stream()).distinct().sorted().toList();
    }

    private static Map<String, List<Spell>> byCommunity(List<Spell> spells) {
        Map<String, List<Spell>> m = new TreeMap<>();
        spells.forEach(s -> m.computeIfAbsent(s.community(), k -> new ArrayList<>()).add(s));
        return m;
    }

    private static Set<String> communities(List<Spell> spells) {
        Set<String> codes = new LinkedHashSet<>();
        spells.forEach(s -> codes.add(s.community()));
        return codes;
    }

    private static List<ReachableKindergarten> reach(Place place, List<Kindergarten> kindergartens, double radiusMetres) {
        List<ReachableKindergarten> reach = new ArrayList<>();
        for (Kindergarten k : kindergartens) {
            Double distance = place.latitude() != null && place.longitude() != null && k.latitude() != null && k.longitude() != null
                    ? Haversine.metres(place.latitude(), place.longitude(), k.latitude(), k.longitude()) : null;
            if (place.code().equals(k.community()) || distance != null && distance <= radiusMetres) {
                reach.add(new ReachableKindergarten(k.code(), k.name(), k.capacity(), k.community(), k.latitude(), k.longitude(),
                        distance, k.records()));
            }
        }
        reach.sort(Comparator.comparing((ReachableKindergarten k) -> k.distanceMetres() == null ? Double.MAX_VALUE : k.distanceMetres())
                .thenComparing(ReachableKindergarten::code));
        return reach;
    }

    private List<Spell> readSpells(LocalDate bornFrom, CommunityScope scope) {
        Map<String, Object> params = new HashMap<>();
        params.put("bornFrom", bornFrom);
        params.put("communities", scope.parameter());
        return reads.list("""
                MATCH (p:Person)-[m:MEMBER_OF]->(:Household)-[:REGISTERED_AT]->(:Address)-[:IN_COMMUNITY]->(c:Community)
                WHERE p.birthDate >= $bornFrom AND ($communities IS NULL OR c.code IN $communities)
                RETURN elementId(p) AS person, c.code AS community, p.birthDate AS birth, m.validFrom AS validFrom,
                       m.validTo AS validTo, [(r:SourceRecord)-[:RESOLVES_TO]->(p) | r.uid] AS records
                """, params, r -> {
            LocalDate birth = r.get("birth").asLocalDate();
            LocalDate from = date(r.get("validFrom"));
            return new Spell(r.get("person").asString(), r.get("community").asString(), birth,
                    from == null || from.isBefore(birth) ? birth : from, date(r.get("validTo")),
                    r.get("records").asList(Value::asString));
        }).stream().filter(s -> s.end() == null || s.end().isAfter(s.start())).toList();
    }

    private Map<String, Place> readPlaces(Set<String> codes) {
        Map<String, Place> places = new LinkedHashMap<>();
        reads.list("""
                MATCH (c:Community) WHERE c.code IN $codes
                RETURN c.code AS code, c.name AS name, c.latitude AS lat, c.longitude AS lon
                """, Map.of("codes", List.copyOf(codes)), r -> new Place(r.get("code").asString(), nullable(r.get("name")),
                number(r.get("lat")), number(r.get("lon")))).forEach(p -> places.put(p.code(), p));
        return places;
    }

    private List<Kindergarten> readKindergartens() {
        return reads.list("""
                MATCH (k:Kindergarten)
                OPTIONAL MATCH (k)-[:KINDERGARTEN_AT]->(:Address)-[:IN_COMMUNITY]->(c:Community)
                WITH k, min(c.code) AS community
                RETURN k.code AS code, k.name AS name, coalesce(k.capacity, 0) AS capacity, k.latitude AS lat,
                       k.longitude AS lon, community, [(r:SourceRecord)-[:RESOLVES_TO]->(k) | r.uid] AS records
                ORDER BY code
                """, Map.of(), r -> new Kindergarten(r.get("code").asString(), nullable(r.get("name")),
                r.get("capacity").asLong(), number(r.get("lat")), number(r.get("lon")), nullable(r.get("community")),
                r.get("records").asList(Value::asString).stream().sorted().toList()));
    }

    private static LocalDate date(Value v) {
        return v == null || v.isNull() ? null : v.asLocalDate();
    }

    private static Double number(Value v) {
        return v == null || v.isNull() ? null : v.asDouble();
    }

    private static String nullable(Value v) {
        return v == null || v.isNull() ? null : v.asString();
    }

    private static void check(int value, int min, int max, String name) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be from " + min + " to " + max + ", not " + value);
        }
    }
}

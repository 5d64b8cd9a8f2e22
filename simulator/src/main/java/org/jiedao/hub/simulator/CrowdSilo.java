package org.jiedao.hub.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Seeded, deterministic counts of crowd counters (客流计数) in two constructed zones of 西长安街街道, in the message
 * shape of {@code config/examples/crowd-mqtt.yaml}: {@code {eventId, device: {id, kind: "crowd"}, observedAt, count}}
 * with local times of Asia/Shanghai; {@code count} is the people the counter sees at that moment.
 *
 * <p>Every day follows the same profile of density (persons/m²): a night floor of 0.2, a lunch bump of 0.5 around
 * 12:30 and an evening bump of 1.2 around 19:00 (Gaussian, σ 1 h and 1.2 h), so an ordinary day peaks at 1.4, below
 * the zones' clearing level 1.5. Counts carry ±2 % noise. On the last day two things happen that the
 * {@link #truth()} describes exactly:
 * <ul>
 *   <li>zone {@value #SURGE_ZONE} (西单): an event makes its evening bump 1.9 times as high, so the density passes
 *       the threshold 2.0 in the evening;</li>
 *   <li>zone {@value #FLAP_ZONE} (六部口): from 10:00 to 11:00 the density alternates between 1.9 and 2.1 every
 *       bucket, wavering around the threshold.</li>
 * </ul>
 * Each counter reports once per {@code interval}, one minute into the interval.
 */
public final class CrowdSilo {
    /** The zone with an evening surge on the last day. */
    public static final String SURGE_ZONE = "XCJ-Z01";
    /** The zone whose density wavers around the threshold on the last day. */
    public static final String FLAP_ZONE = "XCJ-Z02";
    /** The zones' alert threshold, persons/m². */
    public static final double THRESHOLD = 2.0;
    /** The zones' clearing level, persons/m². */
    public static final double CLEAR_BELOW = 1.5;
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

    /**
     * A zone as {@code config/crowd.yaml} declares it.
     *
     * @param code             zone code
     * @param name             name
     * @param community        community code
     * @param areaSquareMetres walkable area, m²
     * @param sensors          counter device ids with the share of the zone's people each sees (shares add up to 1)
     */
    public record Zone(String code, String name, String community, double areaSquareMetres, Map<String, Double> sensors) {
    }

    /** The two zones. */
    public static final List<Zone> ZONES = List.of(
            new Zone(SURGE_ZONE, "西单北大街步行街", "110102001027", 6000, orderedShares("CC-0101", 0.6, "CC-0102", 0.4)),
            new Zone(FLAP_ZONE, "六部口地铁站出入口广场", "110102001012", 800, orderedShares("CC-0201", 1.0)));

    /**
     * What the generator knows of the last day, per zone.
     *
     * @param zone          the zone code
     * @param firstOver     the start of the first bucket of the last day whose density (the bucket mean of the
     *                      generated counts) reaches the threshold, or null
     * @param lastOver      the start of the last such bucket, or null
     * @param densities     every bucket's density over all days, by bucket start
     */
    public record Truth(String zone, Instant firstOver, Instant lastOver, Map<Instant, Double> densities) {
    }

    private final long seed;
    private final LocalDate firstDay;
    private final int days;
    private final Duration interval;
    private final java.time.LocalTime windowFrom;
    private final java.time.LocalTime windowTo;
    private final List<ObjectNode> counts = new ArrayList<>();
    private final Map<String, Truth> truth = new LinkedHashMap<>();

    /**
     * @param seed     the seed; the same seed gives the same counts
     * @param firstDay the first day (local, Asia/Shanghai); the last day is {@code firstDay + days − 1}
     * @param days     days of counts, at least 2 (the forecast needs the day before)
     * @param interval how often each counter reports, dividing 5 minutes (1 or 5 minutes)
     * @throws IllegalArgumentException if days is below 2 or the interval does not divide 5 minutes
     */
    public CrowdSilo(long seed, LocalDate firstDay, int days, Duration interval) {
        this(seed, firstDay, days, interval, java.time.LocalTime.MIN, java.time.LocalTime.MAX);
    }

    /**
     * Counts of a daily window only (counters switched on for part of the day), for tests that need fewer messages.
     *
     * @param seed       the seed
     * @param firstDay   the first day
     * @param days       days of counts, at least 2
     * @param interval   how often each counter reports, dividing 5 minutes
     * @param windowFrom the first local time of day with reports
     * @param windowTo   reports stop at this local time of day (exclusive)
     * @throws IllegalArgumentException if days is below 2 or the interval does not divide 5 minutes
     */
    public CrowdSilo(long seed, LocalDate firstDay, int days, Duration interval, java.time.LocalTime windowFrom, java.time.LocalTime windowTo) {
        this.windowFrom = windowFrom;
        this.windowTo = windowTo;
        if (days < 2 || interval.isZero() || interval.isNegative() || Duration.ofMinutes(5).toSeconds() % interval.toSeconds() != 0) {
            throw new IllegalArgumentException("need at least 2 days and an interval dividing 5 minutes");
        }
        this.seed = seed;
        this.firstDay = firstDay;
        this.days = days;
        this.interval = interval;
        generate();
    }

    /** @return the messages, in time order */
    public List<ObjectNode> counts() {
        return counts;
    }

    /** @return what the generator knows, per zone code */
    public Map<String, Truth> truth() {
        return truth;
    }

    /** @return the start of the last day, Beijing time */
    public Instant lastDay() {
        return firstDay.plusDays(days - 1L).atStartOfDay(BEIJING).toInstant();
    }

    private void generate() {
        Rng rng = Rng.derive(seed, "crowd");
        LocalDateTime start = firstDay.atStartOfDay();
        LocalDateTime end = firstDay.plusDays(days).atStartOfDay();
        LocalDate last = firstDay.plusDays(days - 1L);
        Map<String, Map<Instant, double[]>> sums = new LinkedHashMap<>();
        long sequence = 0;
        for (LocalDateTime t = start; t.isBefore(end); t = t.plus(interval)) {
            LocalDateTime at = t.plus(interval.compareTo(Duration.ofMinutes(2)) < 0 ? interval.dividedBy(2) : Duration.ofMinutes(1));
            if (t.toLocalTime().isBefore(windowFrom) || !t.toLocalTime().isBefore(windowTo)) {
                continue;
            }
            for (Zone z : ZONES) {
                double density = density(z.code(), at, at.toLocalDate().equals(last));
                Instant bucket = bucket(at);
                double people = 0;
                for (Map.Entry<String, Double> s : z.sensors().entrySet()) {
                    long count = Math.round(density * z.areaSquareMetres() * s.getValue() * (0.98 + 0.04 * rng.nextDouble()));
                    people += count;
                    ObjectNode e = EventSilo.JSON.createObjectNode();
                    e.put("eventId", s.getKey() + "-" + "%08d".formatted(++sequence));
                    ObjectNode d = e.putObject("device");
                    d.put("id", s.getKey());
                    d.put("kind", "crowd");
                    e.put("observedAt", LOCAL.format(at));
                    e.put("count", count);
                    counts.add(e);
                }
                double[] acc = sums.computeIfAbsent(z.code(), k -> new LinkedHashMap<>()).computeIfAbsent(bucket, k -> new double[2]);
                acc[0] += people; // the zone's people at this report; the bucket's density is their mean
                acc[1]++;
            }
        }
        Instant lastStart = lastDay();
        for (Zone z : ZONES) {
            Map<Instant, Double> densities = new LinkedHashMap<>();
            Instant firstOver = null;
            Instant lastOver = null;
            for (Map.Entry<Instant, double[]> b : sums.get(z.code()).entrySet()) {
                double d = b.getValue()[0] / b.getValue()[1] / z.areaSquareMetres();
                densities.put(b.getKey(), d);
                if (!b.getKey().isBefore(lastStart) && d >= THRESHOLD) {
                    firstOver = firstOver == null ? b.getKey() : firstOver;
                    lastOver = b.getKey();
                }
            }
            truth.put(z.code(), new Truth(z.code(), firstOver, lastOver, densities));
        }
    }

    private static Instant bucket(LocalDateTime local) {
        long ms = Duration.ofMinutes(5).toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(local.atZone(BEIJING).toInstant().toEpochMilli(), ms) * ms);
    }

    /** The density the generator aims at, persons/m². */
    static double density(String zone, LocalDateTime at, boolean lastDay) {
        double hour = at.getHour() + at.getMinute() / 60.0 + at.getSecond() / 3600.0;
        double evening = 1.2 * bump(hour, 19, 1.2);
        if (lastDay && zone.equals(FLAP_ZONE) && hour >= 10 && hour < 11) {
            return at.getMinute() / 5 % 2 == 0 ? 2.1 : 1.9;
        }
        if (lastDay && zone.equals(SURGE_ZONE)) {
            evening *= 1.9;
        }
        return 0.2 + 0.5 * bump(hour, 12.5, 1) + evening;
    }

    private static double bump(double x, double mean, double sigma) {
        double z = (x - mean) / sigma;
        return Math.exp(-0.5 * z * z);
    }

    private static Map<String, Double> orderedShares(Object... pairs) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Double) pairs[i + 1]);
        }
        return m;
    }
}

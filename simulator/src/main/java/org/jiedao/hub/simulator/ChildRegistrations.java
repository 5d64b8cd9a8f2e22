package org.jiedao.hub.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jiedao.hub.loaders.normalise.IdNumber;
import org.jiedao.hub.loaders.reference.DivisionCodes.Division;
import org.jiedao.hub.simulator.Population.Household;
import org.jiedao.hub.simulator.Population.Person;

/**
 * The dated history of young children's household registration and the kindergartens, for the kindergarten forecast
 * (issue 8, item 2; docs/analytics.md "Kindergarten places"). Writes four files under the output directory:
 * <ul>
 *   <li>{@value #MOVES_FILE}: the registry's log of registration changes of children (户口登记变动: 出生登记 and 迁入,
 *       with the 迁出 date once they left), UTF-8 CSV, one row per child and household, header {@value #MOVES_HEADER};</li>
 *   <li>{@value #KINDERGARTENS_FILE}: the education section's kindergarten directory, UTF-8 CSV, header
 *       {@value #KINDERGARTENS_HEADER}, WGS 84 coordinates;</li>
 *   <li>{@value #CENTRES_FILE}: the reference point of each community (居委会 office), UTF-8 CSV, header
 *       {@value #CENTRES_HEADER};</li>
 *   <li>{@value KindergartenTruth#FILE}: the ground truth, one row per residence spell of every child born since
 *       {@link #TRUTH_BORN_FROM} whose record is written: the history children and the registry's children (who,
 *       without dates, count from birth), read by {@link KindergartenTruth}; and {@value #RATES_FILE}, the rates each
 *       community was simulated with.</li>
 * </ul>
 *
 * <p>The model, per community {@code c} with {@code N_c} registered residents (the household registry's), simulated
 * day by day from {@link #HISTORY_YEARS} years before the reference date (the 1 January of that year) to the day before it:
 * births {@code N_c * b_c} per year ({@code b_c} uniform in [0.010, 0.020]), each registered from its birth date in
 * a household of {@code c} (a household of its own, see {@link #household}); children aged 0-5 moving in {@code N_c * m_c} per year ({@code m_c} uniform in
 * [0.004, 0.012]), age uniform, from their move-in date; and each history child under 8 moving out with a hazard of
 * {@code o_c} per child-year ({@code o_c} uniform in [0.03, 0.12]), leaving the sub-district (no row after). Children
 * of the household registry itself never move. The daily chances are the yearly rates / 365.25.
 */
final class ChildRegistrations {
    static final String SOURCE = "hukou-moves";
    static final String MOVES_FILE = "hukou-moves/hukou_moves.csv";
    static final String MOVES_HEADER = "户号,姓名,性别,出生日期,公民身份号码,与户主关系,住址,社区代码,迁入日期,迁出日期,变动类型";
    static final String KINDERGARTENS_FILE = "kindergartens/kindergartens.csv";
    static final String KINDERGARTENS_HEADER = "园所代码,园所名称,学位数,最小入园月龄,最大入园月龄,地址,社区代码,纬度,经度";
    static final String CENTRES_FILE = "communities/community_centres.csv";
    static final String CENTRES_HEADER = "社区代码,社区名称,纬度,经度";
    static final String RATES_FILE = "kindergarten_rates.csv";
    /** Years of simulated history before the reference date's year. */
    static final int HISTORY_YEARS = 11;
    /** Children born before this date are not in the truth (too old for any kindergarten window of the history). */
    static final LocalDate TRUTH_BORN_FROM = LocalDate.of(2005, 1, 1);
    /** South-west corner of the grid of community centres (西长安街 area), degrees. */
    static final double BASE_LAT = 39.898;
    static final double BASE_LON = 116.360;
    /** Spacing of the community centres, degrees (about 1.1 km north-south, 850 m east-west). */
    static final double STEP = 0.010;

    private record Child(String id, String name, boolean male, LocalDate birth, Household household, LocalDate from,
                         String kind) {
    }

    private record Spell(Child child, LocalDate to) {
    }

    private ChildRegistrations() {
    }

    /**
     * Writes the files.
     *
     * @param outDir      the output directory
     * @param pop         the registry's population
     * @param names       the name model
     * @param quarantined canonical ID numbers of the persons whose registry row is quarantined
     * @param ref         the reference date (exclusive end of the history)
     * @param rng         randomness
     * @return the number of rows of the moves file
     */
    static int write(Path outDir, Population pop, NameModel names, Set<String> quarantined, LocalDate ref, Rng rng)
            throws IOException {
        Map<Division, List<Household>> byCommunity = new LinkedHashMap<>();
        pop.households.stream().sorted(Comparator.comparing((Household h) -> h.community.code()))
                .forEach(h -> byCommunity.computeIfAbsent(h.community, k -> new ArrayList<>()).add(h));
        Set<String> ids = new HashSet<>();
        pop.persons.forEach(p -> ids.add(p.id.substring(0, 17)));
        Set<String> numbers = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        pop.households.forEach(h -> {
            numbers.add(h.number);
            addresses.add(h.localAddress);
        });

        StringBuilder rates = new StringBuilder("community_code,residents,births_per_resident_year,move_ins_per_resident_year,move_out_hazard_per_child_year\n");
        StringBuilder truth = new StringBuilder(KindergartenTruth.HEADER).append('\n');
        List<Spell> spells = new ArrayList<>();
        LocalDate start = LocalDate.of(ref.getYear() - HISTORY_YEARS, 1, 1);
        for (Map.Entry<Division, List<Household>> e : byCommunity.entrySet()) {
            List<Household> hs = e.getValue();
            int residents = hs.stream().mapToInt(h -> h.members.size()).sum();
            double b = 0.010 + 0.010 * rng.nextDouble();
            double m = 0.004 + 0.008 * rng.nextDouble();
            double o = 0.03 + 0.09 * rng.nextDouble();
            rates.append(e.getKey().code()).append(',').append(residents).append(',')
                    .append(String.format(Locale.ROOT, "%.5f,%.5f,%.5f", b, m, o)).append('\n');
            double pBirth = residents * b / 365.25;
            double pIn = residents * m / 365.25;
            double pOut = o / 365.25;
            List<Child> present = new ArrayList<>();
            for (LocalDate d = start; d.isBefore(ref); d = d.plusDays(1)) {
                for (int i = present.size() - 1; i >= 0; i--) {
                    Child c = present.get(i);
                    if (c.birth.plusYears(8).isAfter(d) && rng.chance(pOut)) {
                        present.remove(i);
                        spells.add(new Spell(c, d));
                    }
                }
                if (rng.chance(pBirth)) {
                    Household like = rng.pick(hs);
                    present.add(child(rng, names, ids, like.members.getFirst().family,
                            household(rng, like, numbers, addresses), d, d, "出生", pop.homeAddressCode));
                }
                if (rng.chance(pIn)) {
                    LocalDate birth = d.minusDays(1 + rng.nextInt(6 * 365));
                    Household like = rng.pick(hs);
                    present.add(child(rng, names, ids, like.members.getFirst().family,
                            household(rng, like, numbers, addresses), birth, d, "迁入", rng.pick(Population.OTHER_ADDRESS_CODES)));
                }
            }
            present.forEach(c -> spells.add(new Spell(c, null)));
        }
        spells.sort(Comparator.comparing((Spell s) -> s.child.from).thenComparing(s -> s.child.id));

        StringBuilder moves = new StringBuilder(spells.size() * 120).append(MOVES_HEADER).append('\n');
        for (Spell s : spells) {
            Child c = s.child;
            Household h = c.household;
            moves.append(h.number).append(',').append(c.name).append(',').append(c.male ? "男" : "女").append(',')
                    .append(HukouSilo.date(c.birth, rng)).append(',').append(c.id).append(',')
                    .append(c.male ? "子" : "女").append(',').append(pop.adminPrefix).append(h.localAddress).append(',')
                    .append(h.community.code()).append(',').append(c.from).append(',')
                    .append(s.to == null ? "" : s.to.toString()).append(',').append(c.kind).append('\n');
            truth.append(c.id).append(',').append(h.community.code()).append(',').append(c.birth).append(',')
                    .append(c.from).append(',').append(s.to == null ? "" : s.to.toString()).append(',')
                    .append(SOURCE).append(':').append(h.number).append('-').append(c.id).append('\n');
        }
        for (Person p : pop.persons) {
            if (!p.birthDate.isBefore(TRUTH_BORN_FROM) && !quarantined.contains(p.id)) {
                truth.append(p.id).append(',').append(p.household.community.code()).append(',').append(p.birthDate)
                        .append(',').append(p.birthDate).append(",,").append(HukouSilo.SOURCE).append(':')
                        .append(p.household.number).append('-').append(p.id).append('\n');
            }
        }

        StringBuilder centres = new StringBuilder(CENTRES_HEADER).append('\n');
        StringBuilder kgs = new StringBuilder(KINDERGARTENS_HEADER).append('\n');
        List<Division> communities = new ArrayList<>(byCommunity.keySet());
        int columns = (int) Math.ceil(Math.sqrt(communities.size()));
        int seq = 0;
        for (int i = 0; i < communities.size(); i++) {
            Division c = communities.get(i);
            double lat = BASE_LAT + STEP * (i / columns);
            double lon = BASE_LON + STEP * (i % columns);
            centres.append(c.code()).append(',').append(c.name()).append(',').append(coordinate(lat)).append(',')
                    .append(coordinate(lon)).append('\n');
            // about half of the communities host a kindergarten, the first always; 20-60 places, in proportion to the
            // simulated sub-district (about 20 children of kindergarten age per community)
            if (i == 0 || rng.chance(0.5)) {
                seq++;
                String base = c.name().replace("社区居委会", "").replace("居委会", "");
                Household h = rng.pick(byCommunity.get(c));
                int minMonths = rng.chance(0.3) ? 24 : 36;
                kgs.append(String.format(Locale.ROOT, "2111%06d", seq)).append(',').append(base).append("幼儿园").append(',')
                        .append(10 * rng.between(2, 6)).append(',').append(minMonths).append(',').append(72).append(',')
                        .append(pop.adminPrefix).append(h.street).append(rng.between(151, 199)).append("号").append(',')
                        .append(c.code()).append(',')
                        .append(coordinate(lat + (rng.nextDouble() - 0.5) * 0.003)).append(',')
                        .append(coordinate(lon + (rng.nextDouble() - 0.5) * 0.003)).append('\n');
            }
        }

        write(outDir.resolve(MOVES_FILE), moves);
        write(outDir.resolve(KINDERGARTENS_FILE), kgs);
        write(outDir.resolve(CENTRES_FILE), centres);
        write(outDir.resolve(KindergartenTruth.FILE), truth);
        write(outDir.resolve(RATES_FILE), rates);
        return spells.size();
    }

    private static String coordinate(double degrees) {
        return String.format(Locale.ROOT, "%.6f", degrees);
    }

    private static void write(Path file, CharSequence text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A household of its own for a history child, on a street of {@code like}'s community: a new household number and a
     * new address (numbers 200-399, flats), so that the log shares no household or address with the registry's rows
     * (the two files are written concurrently by their routes).
     */
    private static Household household(Rng rng, Household like, Set<String> numbers, Set<String> addresses) {
        String number;
        do {
            number = String.format("%09d", rng.nextInt(1_000_000_000));
        } while (!numbers.add(number));
        String local;
        do {
            local = like.street + rng.between(200, 399) + "号院" + rng.between(1, 12) + "号楼" + rng.between(1, 6) + "单元"
                    + rng.between(1, 18) + String.format("%02d", rng.between(1, 4)) + "室";
        } while (!addresses.add(local));
        return new Household(number, like.community, like.street, local);
    }

    private static Child child(Rng rng, NameModel names, Set<String> ids, String family, Household h, LocalDate birth,
                               LocalDate from, String kind, String area) {
        boolean male = rng.chance(0.51);
        String id;
        do {
            int seq = rng.between(0, 498) * 2 + (male ? 1 : 2);
            String first17 = area + birth.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", seq);
            id = first17 + IdNumber.checkCharacter(first17);
        } while (!ids.add(id.substring(0, 17)));
        return new Child(id, family + names.givenName(rng, male), male, birth, h, from, kind);
    }
}

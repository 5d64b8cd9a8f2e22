package org.jiedao.hub.simulator;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jiedao.hub.loaders.normalise.IdNumber;
import org.jiedao.hub.loaders.reference.DivisionCodes;
import org.jiedao.hub.loaders.reference.DivisionCodes.Division;
import org.jiedao.hub.simulator.NameModel.Ethnicity;

/**
 * The simulated residents of one sub-district: households (户) of 1-6 members at one address each, in the real
 * communities of the sub-district. Pure model, no rendering: the silos write it in their own (dirty) forms.
 */
final class Population {

    /** Canonical relation to the head of household (GB/T 4761 terms). */
    enum Relation {
        HEAD("户主"), SPOUSE("配偶"), SON("子"), DAUGHTER("女"), FATHER("父亲"), MOTHER("母亲");

        final String term;

        Relation(String term) {
            this.term = term;
        }
    }

    static final class Person {
        final String id;
        final String name;
        /** The surname used to build the name (children inherit the father's). */
        final String family;
        final boolean male;
        final Ethnicity ethnicity;
        final LocalDate birthDate;
        final Relation relation;
        final Household household;
        String phone;

        Person(String id, String name, String family, boolean male, Ethnicity ethnicity, LocalDate birthDate,
                Relation relation, Household household) {
            this.id = id;
            this.name = name;
            this.family = family;
            this.male = male;
            this.ethnicity = ethnicity;
            this.birthDate = birthDate;
            this.relation = relation;
            this.household = household;
        }

        int ageOn(LocalDate day) {
            return java.time.Period.between(birthDate, day).getYears();
        }
    }

    static final class Household {
        final String number;
        final Division community;
        final String street;
        /** The address below the sub-district, e.g. 府右街12号院3号楼2单元401室. */
        final String localAddress;
        final List<Person> members = new ArrayList<>();

        Household(String number, Division community, String street, String localAddress) {
            this.number = number;
            this.community = community;
            this.street = street;
            this.localAddress = localAddress;
        }
    }

    /**
     * Streets and hutongs of each community of 西长安街街道 (real names around 西长安街). Communities of other
     * sub-districts get a street named after the community.
     */
    private static final Map<String, List<String>> STREETS = Map.ofEntries(
            Map.entry("110102001004", List.of("府右街", "灵境胡同")),
            Map.entry("110102001007", List.of("西交民巷", "东绒线胡同", "西绒线胡同")),
            Map.entry("110102001011", List.of("北新华街", "西交民巷", "东绒线胡同")),
            Map.entry("110102001012", List.of("六部口", "北新华街", "西绒线胡同")),
            Map.entry("110102001013", List.of("和平门", "新文化街", "北新华街")),
            Map.entry("110102001018", List.of("钟声胡同", "东斜街", "西斜街")),
            Map.entry("110102001019", List.of("太仆寺街", "文昌胡同", "西单北大街")),
            Map.entry("110102001023", List.of("西黄城根南街", "光明胡同", "东斜街")),
            Map.entry("110102001026", List.of("义达里", "西单北大街", "文昌胡同")),
            Map.entry("110102001027", List.of("西单北大街", "灵境胡同", "光明胡同")),
            Map.entry("110102001028", List.of("未英胡同", "灵境胡同", "西单北大街")));

    /** Real district (county-level) codes for people whose ID was first issued outside 西城区. */
    static final List<String> OTHER_ADDRESS_CODES = List.of(
            "110101", "110105", "110106", "110108", // 东城 朝阳 丰台 海淀
            "130102", "130602", "150102", "210102", "230103", "320102", "330106",
            "370102", "410105", "420106", "510104", "610113", "640104", "650102");
    /** Minority origins: 回族 (宁夏 兴庆区), 蒙古族 (呼和浩特 新城区), 维吾尔族 (乌鲁木齐 天山区). */
    private static final Map<Ethnicity, String> ETHNIC_ORIGIN = Map.of(
            Ethnicity.HUI, "640104", Ethnicity.MONGOL, "150102", Ethnicity.UYGHUR, "650102");

    final List<Household> households = new ArrayList<>();
    final List<Person> persons = new ArrayList<>();
    /** e.g. 北京市西城区西长安街街道 */
    final String adminPrefix;
    final String provinceName;
    final String districtName;
    final String subdistrictName;
    final String homeAddressCode;

    private final Set<String> ids = new HashSet<>();
    private final Set<String> householdNumbers = new HashSet<>();
    private final Set<String> addresses = new HashSet<>();

    private Population(String provinceName, String districtName, String subdistrictName, String homeAddressCode) {
        this.provinceName = provinceName;
        this.districtName = districtName;
        this.subdistrictName = subdistrictName;
        this.homeAddressCode = homeAddressCode;
        this.adminPrefix = provinceName + districtName + subdistrictName;
    }

    static Population generate(SiloGenerator.Options o, DivisionCodes codes, NameModel names, Rng rng) {
        Division street = codes.byCode(o.subdistrictCode())
                .filter(d -> d.level().equals("street"))
                .orElseThrow(() -> new IllegalArgumentException("not a sub-district (street) code in the division table: "
                        + o.subdistrictCode()));
        Division district = codes.byCode(street.parentCode()).orElseThrow();
        Division province = district;
        while (province.parentCode() != null) {
            province = codes.byCode(province.parentCode()).orElseThrow();
        }
        List<Division> communities = codes.children(street.code()).stream()
                .filter(d -> d.level().equals("community")).toList();
        if (communities.isEmpty()) {
            throw new IllegalArgumentException("sub-district " + street.code() + " has no communities");
        }
        Population p = new Population(province.name(), district.name(), street.name(), district.code());
        while (p.persons.size() < o.persons()) {
            int size = 1 + rng.weighted(15, 30, 30, 15, 7, 3);
            if (p.households.isEmpty()) {
                size = Math.max(2, size); // guarantees a household for the example person
            }
            size = Math.min(size, o.persons() - p.persons.size());
            p.household(rng, names, communities, size, o.referenceDate());
        }
        return p;
    }

    private void household(Rng rng, NameModel names, List<Division> communities, int size, LocalDate ref) {
        String number;
        do {
            number = String.format("%09d", rng.nextInt(1_000_000_000));
        } while (!householdNumbers.add(number));
        Division community = rng.pick(communities);
        List<String> streets = STREETS.getOrDefault(community.code(), List.of(streetOf(community)));
        String streetName;
        String local;
        do {
            streetName = rng.pick(streets);
            int no = rng.between(1, rng.chance(0.7) ? 60 : 150);
            if (rng.chance(0.45)) {
                local = streetName + no + "号院" + rng.between(1, 12) + "号楼" + rng.between(1, 6) + "单元"
                        + rng.between(1, 18) + String.format("%02d", rng.between(1, 4)) + "室";
            } else {
                local = streetName + no + "号";
            }
        } while (!addresses.add(local));
        Household h = new Household(number, community, streetName, local);
        households.add(h);

        int eth = rng.weighted(940, 25, 25, 6, 4);
        Ethnicity e = Ethnicity.values()[eth];

        // composition
        boolean spouse;
        boolean parent;
        if (size == 1) {
            spouse = false;
            parent = false;
        } else if (size == 2) {
            int k = rng.weighted(70, 18, 12);
            spouse = k == 0;
            parent = k == 2;
        } else {
            spouse = rng.chance(0.93);
            parent = rng.chance(size >= 4 ? 0.3 : 0.12);
        }
        int children = size - 1 - (spouse ? 1 : 0) - (parent ? 1 : 0);
        if (children < 0) { // size 2 with spouse and parent cannot happen; size>=3 with no spouse+parent leaves >=1
            parent = false;
            children = size - 1 - (spouse ? 1 : 0);
        }

        int headAge;
        if (children > 0) {
            headAge = rng.between(28, 80);
        } else {
            headAge = switch (rng.weighted(15, 20, 20, 20, 15, 10)) {
                case 0 -> rng.between(22, 34);
                case 1 -> rng.between(35, 44);
                case 2 -> rng.between(45, 54);
                case 3 -> rng.between(55, 64);
                case 4 -> rng.between(65, 74);
                default -> rng.between(75, 88);
            };
        }
        if (parent && headAge > 70) {
            headAge = rng.between(30, 70);
        }
        boolean headMale = rng.chance(spouse ? 0.72 : 0.5);
        int spouseAge = spouse ? Math.max(23, headAge + (headMale ? -rng.between(0, 5) : rng.between(-2, 5))) : -1;

        String headFamily = names.surname(rng, e);
        String fatherOfHeadGiven = e == Ethnicity.UYGHUR ? names.uyghurName(rng, true) : null;
        Person head = person(rng, h, e, Relation.HEAD, headMale, headAge, ref, headFamily,
                fullName(rng, names, e, headMale, headFamily, fatherOfHeadGiven), false);
        Person sp = null;
        if (spouse) {
            String spouseFamily = names.surname(rng, e);
            sp = person(rng, h, e, Relation.SPOUSE, !headMale, spouseAge, ref, spouseFamily,
                    fullName(rng, names, e, !headMale, spouseFamily, null), false);
        }
        Person father = headMale ? head : sp; // the children's father: surname and Uyghur patronymic
        int older = Math.max(headAge, spouse ? spouseAge : headAge);
        int younger = Math.min(headAge, spouse ? spouseAge : headAge);
        int lo = Math.max(0, older - 40);
        int hi = Math.max(lo, younger - 22);
        for (int i = 0; i < children; i++) {
            boolean male = rng.chance(0.51);
            String family = father != null ? father.family : headFamily;
            String patronymic = e == Ethnicity.UYGHUR ? firstPart(father != null ? father : head) : null;
            person(rng, h, e, male ? Relation.SON : Relation.DAUGHTER, male, rng.between(lo, hi), ref, family,
                    fullName(rng, names, e, male, family, patronymic), true);
        }
        if (parent) {
            boolean male = rng.chance(0.4);
            int age = headAge + rng.between(22, Math.min(40, 95 - headAge));
            String family = male && headMale ? headFamily : names.surname(rng, e);
            String name;
            if (e == Ethnicity.UYGHUR) {
                name = (male ? fatherOfHeadGiven : names.uyghurName(rng, false)) + "·" + names.uyghurName(rng, true);
            } else {
                name = fullName(rng, names, e, male, family, null);
            }
            person(rng, h, e, male ? Relation.FATHER : Relation.MOTHER, male, age, ref, family, name, false);
        }
    }

    private static String firstPart(Person p) {
        int dot = p.name.indexOf('·');
        return dot < 0 ? p.name : p.name.substring(0, dot);
    }

    private static String fullName(Rng rng, NameModel names, Ethnicity e, boolean male, String family, String patronymic) {
        return switch (e) {
            case UYGHUR -> names.uyghurName(rng, male) + "·" + (patronymic != null ? patronymic : names.uyghurName(rng, true));
            case MONGOL -> rng.chance(0.5) ? names.mongolName(rng, male) : family + names.givenName(rng, male);
            default -> family + names.givenName(rng, male);
        };
    }

    private Person person(Rng rng, Household h, Ethnicity e, Relation rel, boolean male, int age,
            LocalDate ref, String family, String name, boolean bornHere) {
        // born between (age+1) years and age years before the reference date, strictly before it
        LocalDate latest = ref.minusYears(age).minusDays(1);
        LocalDate birth = latest.minusDays(rng.nextInt(365));
        String area;
        String origin = ETHNIC_ORIGIN.get(e);
        if (bornHere ? rng.chance(0.95) : rng.chance(0.82)) {
            area = homeAddressCode;
        } else if (origin != null && rng.chance(0.7)) {
            area = origin;
        } else {
            area = rng.pick(OTHER_ADDRESS_CODES);
        }
        String id;
        do {
            int seq = rng.between(0, 498) * 2 + (male ? 1 : 2); // 001..997 odd = male, 002..998 even = female
            String first17 = area + birth.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE)
                    + String.format("%03d", seq);
            id = first17 + IdNumber.checkCharacter(first17);
        } while (!ids.add(id.substring(0, 17)));
        Person p = new Person(id, name, family, male, e, birth, rel, h);
        h.members.add(p);
        persons.add(p);
        return p;
    }

    private static String streetOf(Division community) {
        String base = community.name().replace("社区居委会", "").replace("村委会", "").replace("居委会", "");
        return base.matches(".*(街|巷|胡同|里|路|条|道|口)$") ? base : base + "胡同";
    }
}

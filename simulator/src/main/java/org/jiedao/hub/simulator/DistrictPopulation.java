package org.jiedao.hub.simulator;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jiedao.hub.loaders.reference.DivisionCodes;
import org.jiedao.hub.loaders.reference.DivisionCodes.Division;

/**
 * The simulated residents of a whole district (by default 西城区, 110102: its 15 sub-districts and their real
 * communities, NBS 2023 codes of {@link DivisionCodes#xicheng()}), as a clean in-memory model for benchmarks that
 * need a large graph quickly: households (1-6 members, 2.8 on average, the silo generator's household sizes) at one
 * address each, vehicles (about 30% of the adults own one), 12345 hotline cases (about 0.3 per resident, filed by
 * adults about their home address) and disability certificates (about 2% of the residents). Unlike {@link SiloGenerator} it renders no
 * silo files and adds no dirt: every value is in its clean form.
 *
 * <p>Names, ID numbers (GB 11643-1999 with real area codes), household compositions, plates (GA 36-2018) and case
 * texts come from the same models as the silos ({@code Population}, {@code VehicleSilo}, {@code HotlineSilo}).
 * Residents are spread over the sub-districts in proportion to their number of communities; each sub-district is
 * generated from its own seeded stream and a household that would repeat an ID number, household number or address
 * of an earlier sub-district is left out, so every key is unique district-wide.
 *
 * <p>Deterministic: the same seed, size and reference date give the same model on every JDK (all randomness from
 * {@code L64X128MixRandom}, no wall-clock time). Immutable once built.
 */
public final class DistrictPopulation {
    /** The default district: 西城区. */
    public static final String DEFAULT_DISTRICT = "110102";
    /** Share of adults (18 or older) who own a vehicle. */
    static final double OWNER_SHARE = 0.30;
    /** Share of adults who called the hotline (1-3 cases each, 1.45 on average: about 0.3 cases per resident). */
    static final double CALLER_SHARE = 0.25;
    /** Share of residents who hold a disability certificate. */
    static final double HOLDER_SHARE = 0.02;

    /**
     * One resident.
     *
     * @param idNumber        18-character ID number (GB 11643-1999)
     * @param name            name, canonical form
     * @param male            sex
     * @param ethnicity       ethnic group as the registry writes it, e.g. {@code 汉族}
     * @param birthDate       date of birth
     * @param relationToHead  relation to the head of household as the registry writes it (GB/T 4761 term, e.g. 户主)
     * @param householdNumber the household's number
     * @param memberSince     the day the resident joined the household and moved to its address (birth, or later)
     */
    public record Resident(String idNumber, String name, boolean male, String ethnicity, LocalDate birthDate,
                           String relationToHead, String householdNumber, LocalDate memberSince) {
    }

    /**
     * One household.
     *
     * @param number        9-digit household number
     * @param communityCode 12-digit code of its community
     * @param address       its address below the sub-district, e.g. {@code 府右街12号院3号楼2单元401室}
     * @param road          the street or hutong of the address
     * @param members       its members, head first
     */
    public record Household(String number, String communityCode, String address, String road, List<Resident> members) {
    }

    /**
     * One registered vehicle.
     *
     * @param plate        plate, canonical form (e.g. {@code 京A12345})
     * @param ownerId      the owner's ID number
     * @param newEnergy    new-energy (green) plate
     * @param brand        brand
     * @param registeredOn registration date, from which the owner holds it
     */
    public record Vehicle(String plate, String ownerId, boolean newEnergy, String brand, LocalDate registeredOn) {
    }

    /**
     * One 12345 hotline case.
     *
     * @param caseNumber  {@code 12345-yyyyMMdd-NNNNN}
     * @param callerId    the caller's ID number
     * @param receivedAt  when the call came in (Beijing local time)
     * @param category    category, e.g. {@code 噪音扰民}
     * @param status      status as the hotline writes it: {@code 已受理}, {@code 办理中} or {@code 已办结}
     * @param description what the caller said
     * @param address     the address it concerns: the caller's home address
     */
    public record Case(String caseNumber, String callerId, LocalDateTime receivedAt, String category, String status,
                       String description, String address) {
    }

    /**
     * One disability certificate (second-generation number: holder's ID number, category digit, level digit).
     *
     * @param number    certificate number
     * @param holderId  the holder's ID number
     * @param category  GB/T 26341-2010 category code, 1-7
     * @param level     GB/T 26341-2010 level code, 1-4
     * @param issuedOn  issue date
     * @param expiresOn last day of validity, or {@code null} if it does not expire
     */
    public record Certificate(String number, String holderId, int category, int level, LocalDate issuedOn,
                              LocalDate expiresOn) {
    }

    private final List<Household> households;
    private final List<Resident> residents;
    private final List<Vehicle> vehicles;
    private final List<Case> cases;
    private final List<Certificate> certificates;

    private DistrictPopulation(List<Household> households, List<Vehicle> vehicles, List<Case> cases,
                               List<Certificate> certificates) {
        this.households = List.copyOf(households);
        this.residents = households.stream().flatMap(h -> h.members().stream()).toList();
        this.vehicles = List.copyOf(vehicles);
        this.cases = List.copyOf(cases);
        this.certificates = List.copyOf(certificates);
    }

    /**
     * Generates the district 西城区 (110102).
     *
     * @param seed          seed of all randomness
     * @param persons       residents to generate, 2 or more (the result holds this many, give or take the few
     *                      households left out for a repeated key)
     * @param referenceDate "today" of the simulated world, after 2025-01-01 and not after the real date
     * @return the model
     * @throws IllegalArgumentException if {@code persons < 2} or the date is not after 2025-01-01
     */
    public static DistrictPopulation generate(long seed, int persons, LocalDate referenceDate) {
        Objects.requireNonNull(referenceDate, "referenceDate");
        DivisionCodes codes = DivisionCodes.xicheng();
        List<Division> streets = codes.children(DEFAULT_DISTRICT).stream()
                .filter(d -> d.level().equals("street") && !communities(codes, d).isEmpty()).toList();
        int totalCommunities = streets.stream().mapToInt(s -> communities(codes, s).size()).sum();
        NameModel names = NameModel.load();
        Set<String> ids = new HashSet<>();
        Set<String> numbers = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        List<Population.Household> kept = new ArrayList<>();
        Map<Population.Household, LocalDate> since = new LinkedHashMap<>();
        int assigned = 0;
        for (int i = 0; i < streets.size(); i++) {
            Division street = streets.get(i);
            int share = i == streets.size() - 1 ? persons - assigned
                    : (int) Math.round((double) persons * communities(codes, street).size() / totalCommunities);
            share = Math.min(share, persons - assigned);
            if (share < 2) {
                continue;
            }
            assigned += share;
            SiloGenerator.Options o = SiloGenerator.Options.builder().seed(seed).persons(share)
                    .subdistrictCode(street.code()).referenceDate(referenceDate).build();
            Population pop = Population.generate(o, codes, names, Rng.derive(seed, "district-population-" + street.code()));
            Rng moves = Rng.derive(seed, "district-moves-" + street.code());
            for (Population.Household h : pop.households) {
                boolean unique = !numbers.contains(h.number) && !addresses.contains(h.localAddress)
                        && h.members.stream().noneMatch(p -> ids.contains(p.id.substring(0, 17)));
                // draw even for a household left out, so the next households' draws do not depend on it
                LocalDate registered = moves.date(LocalDate.of(1985, 1, 1), referenceDate);
                if (!unique) {
                    continue;
                }
                numbers.add(h.number);
                addresses.add(h.localAddress);
                h.members.forEach(p -> ids.add(p.id.substring(0, 17)));
                kept.add(h);
                since.put(h, registered);
            }
        }

        List<Household> households = new ArrayList<>(kept.size());
        List<Population.Person> all = new ArrayList<>();
        for (Population.Household h : kept) {
            LocalDate registered = since.get(h);
            List<Resident> members = new ArrayList<>(h.members.size());
            for (Population.Person p : h.members) {
                LocalDate from = p.birthDate.isAfter(registered) ? p.birthDate : registered;
                members.add(new Resident(p.id, p.name, p.male, p.ethnicity.label, p.birthDate, p.relation.term, h.number, from));
                all.add(p);
            }
            households.add(new Household(h.number, h.community.code(), h.localAddress, h.street, List.copyOf(members)));
        }

        List<Population.Person> adults = all.stream().filter(p -> p.ageOn(referenceDate) >= 18).toList();
        VehicleSilo vehicleSilo = new VehicleSilo(Rng.derive(seed, "district-vehicles"), referenceDate);
        Rng owners = Rng.derive(seed, "district-owners");
        for (Population.Person p : adults) {
            if (owners.chance(OWNER_SHARE)) {
                vehicleSilo.add(p);
            }
        }
        vehicleSilo.number();
        List<Vehicle> vehicles = vehicleSilo.vehicles.stream()
                .map(v -> new Vehicle(v.plate, v.owner.id, v.newEnergy, v.brand, v.registeredOn)).toList();

        HotlineSilo hotline = new HotlineSilo(Rng.derive(seed, "district-hotline"), referenceDate);
        Rng callers = Rng.derive(seed, "district-callers");
        for (Population.Person p : adults) {
            if (callers.chance(CALLER_SHARE)) {
                int n = 1 + callers.weighted(65, 25, 10);
                for (int k = 0; k < n; k++) {
                    hotline.add(p);
                }
            }
        }
        hotline.number();
        List<Case> cases = hotline.cases.stream().map(c -> new Case(c.caseNo, c.caller.id, c.receivedAt, c.category,
                c.status, c.description, c.caller.household.localAddress)).toList();

        Rng holders = Rng.derive(seed, "district-certificates");
        List<Certificate> certificates = new ArrayList<>();
        for (Population.Person p : all) {
            if (holders.chance(HOLDER_SHARE)) {
                int category = 1 + holders.weighted(8, 12, 2, 40, 9, 11, 6); // roughly the 2006 survey's shares
                int level = 1 + holders.weighted(15, 25, 30, 30);
                LocalDate issued = LocalDate.of(2012, 1, 1).plusDays(holders.nextInt(365 * 14));
                if (issued.isBefore(p.birthDate)) {
                    issued = p.birthDate;
                }
                if (issued.isAfter(referenceDate)) {
                    issued = referenceDate;
                }
                LocalDate expires = holders.chance(0.7) ? issued.plusYears(10).minusDays(1) : null;
                certificates.add(new Certificate(p.id + category + level, p.id, category, level, issued, expires));
            }
        }
        return new DistrictPopulation(households, vehicles, cases, certificates);
    }

    private static List<Division> communities(DivisionCodes codes, Division street) {
        return codes.children(street.code()).stream().filter(d -> d.level().equals("community")).toList();
    }

    /** @return the households, in generation order (sub-district by sub-district) */
    public List<Household> households() {
        return households;
    }

    /** @return every resident, household by household */
    public List<Resident> residents() {
        return residents;
    }

    /** @return the vehicles, in registration order */
    public List<Vehicle> vehicles() {
        return vehicles;
    }

    /** @return the hotline cases, in the order they were received */
    public List<Case> cases() {
        return cases;
    }

    /** @return the disability certificates, in resident order */
    public List<Certificate> certificates() {
        return certificates;
    }

    /** @return the distinct community codes that have at least one household, sorted */
    public List<String> communityCodes() {
        return Collections.unmodifiableList(households.stream().map(Household::communityCode).distinct().sorted().toList());
    }
}

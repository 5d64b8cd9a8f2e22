package org.jiedao.hub.simulator;

import com.ibm.icu.text.Transliterator;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Person records as several departmental systems would hold them, for measuring entity resolution: every resident of
 * a {@link DistrictPopulation} has a household-registry record, and may also appear in the social-insurance, grid
 * (网格) and 12345 hotline systems, each with its own dirt at stated rates ({@link Noise}). The ground truth is the
 * resident's canonical ID number ({@link PersonRecord#personId()}): two records are the same person exactly when it
 * is equal.
 *
 * <p>Deterministic: the same population, seed and rates give the same records.
 */
public final class NoisyPersonRecords {

    /**
     * Noise rates, each a probability per record (per record of a source that can have that dirt).
     *
     * @param missingId        the ID number is not given (grid and social insurance; the hotline gives one in
     *                         {@code 1 - hotlineMissingId} of its records)
     * @param hotlineMissingId the hotline record has no ID number
     * @param fifteenDigitId   an ID number of someone born 1900-1999 is written in the old 15-digit form
     * @param idTypo           one of the first 17 digits of the ID number is mistyped
     * @param idDigitSwap      two neighbouring digits of the ID number are swapped
     * @param nameTypo         one character of the given name is replaced: by a homophone where the character has one,
     *                         else, in names of three or more characters, by another character
     * @param traditional      the name is written in traditional characters
     * @param dateTransposition the birth date has day and month swapped (where both are 12 or less), or two
     *                         neighbouring digits of the year swapped
     * @param dateTypo         one digit of the day of the birth date is mistyped
     * @param missingBirthDate the birth date is not given (the hotline never gives one)
     * @param sharedPhone      the phone given is the sub-district office's number, shared by many residents
     * @param missingPhone     no phone is given
     * @param missingAddress   no address is given
     */
    public record Noise(double missingId, double hotlineMissingId, double fifteenDigitId, double idTypo,
                        double idDigitSwap, double nameTypo, double traditional, double dateTransposition,
                        double dateTypo, double missingBirthDate, double sharedPhone, double missingPhone,
                        double missingAddress) {

        /** Rates in the range seen in sub-district data quality reports: a few percent each, IDs often missing. */
        public static final Noise REALISTIC = new Noise(0.25, 0.6, 0.15, 0.02, 0.01, 0.03, 0.05, 0.02, 0.01, 0.05,
                0.03, 0.15, 0.08);

        /** @return the rates by name, in declaration order, for reports */
        public Map<String, Double> asMap() {
            Map<String, Double> m = new java.util.LinkedHashMap<>();
            for (var c : Noise.class.getRecordComponents()) {
                try {
                    m.put(c.getName(), (Double) c.getAccessor().invoke(this));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return m;
        }
    }

    /**
     * One source record, values as the source writes them.
     *
     * @param recordId  {@code <source>:<n>}, unique
     * @param source    {@code hukou}, {@code social}, {@code grid} or {@code hotline}
     * @param personId  the ground truth: the resident's canonical 18-character ID number
     * @param name      the name as written
     * @param idNumber  the ID number as written, or null
     * @param birthDate the birth date as written, or null
     * @param gender    男 or 女, or null
     * @param phone     the phone as written, or null
     * @param address   the address as written, or null
     */
    public record PersonRecord(String recordId, String source, String personId, String name, String idNumber,
                               String birthDate, String gender, String phone, String address) {
    }

    /** Share of residents in each source besides the household registry. */
    static final double SOCIAL_SHARE = 0.6;
    static final double GRID_SHARE = 0.4;
    static final double HOTLINE_SHARE = 0.2;

    private static final String[][] HOMOPHONES = {
            {"伟", "玮", "炜", "纬"}, {"丽", "莉", "俐", "立"}, {"静", "婧", "晶", "靖"}, {"明", "铭", "鸣"}, {"华", "桦", "骅"},
            {"军", "君", "钧"}, {"敏", "民", "闵"}, {"娜", "纳"}, {"杰", "洁", "捷"}, {"红", "宏", "虹", "鸿"}, {"芳", "方", "舫"},
            {"刚", "钢", "纲"}, {"磊", "蕾", "垒"}, {"平", "萍", "苹"}, {"涛", "韬", "滔"}, {"英", "瑛", "莺"}, {"玲", "铃", "琳"},
            {"燕", "艳", "雁"}, {"霞", "侠"}, {"峰", "锋", "丰"}, {"斌", "彬", "滨"}, {"宇", "雨", "羽", "语"}, {"晓", "小", "筱"},
            {"建", "健", "剑"}, {"国", "帼"}, {"文", "雯", "闻"}, {"海", "凯"}, {"鹏", "朋"}, {"春", "纯"}, {"秀", "绣"}};
    private static final String OTHER_CHARS = "德庆永成荣振祥瑞嘉毅胜光良梅琳雪颖倩洁薇月欣怡佳琪涵诗梦悦彤可馨思桂兰凤玉淑丹璐瑶妍";
    private static final DateTimeFormatter[] DATE_FORMS = {
            DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.ofPattern("yyyy年M月d日"),
            DateTimeFormatter.BASIC_ISO_DATE, DateTimeFormatter.ofPattern("yyyy/M/d")};

    private NoisyPersonRecords() {
    }

    /**
     * Renders the records.
     *
     * @param population the residents (the ground truth)
     * @param seed       seed of the sampling and the dirt
     * @param noise      the rates
     * @return the records, source by source; every resident has at least the registry record
     */
    public static List<PersonRecord> generate(DistrictPopulation population, long seed, Noise noise) {
        Rng rng = Rng.derive(seed, "noisy-person-records");
        Transliterator toTraditional = Transliterator.getInstance("Simplified-Traditional");
        Map<String, String> officeOf = new HashMap<>();
        Map<String, String> landlineOf = new HashMap<>();
        Map<String, String> mobileOf = new HashMap<>();
        java.util.Set<String> numbers = new java.util.HashSet<>();
        List<PersonRecord> hukou = new ArrayList<>();
        List<PersonRecord> social = new ArrayList<>();
        List<PersonRecord> grid = new ArrayList<>();
        List<PersonRecord> hotline = new ArrayList<>();
        LocalDate today = LocalDate.of(2026, 1, 1);
        for (DistrictPopulation.Household h : population.households()) {
            // the sub-district office's number (community code minus its last 3 digits: the sub-district)
            String office = officeOf.computeIfAbsent(h.communityCode().substring(0, 9),
                    c -> "010-66" + String.format("%06d", Math.floorMod(c.hashCode(), 1_000_000)));
            String landline = rng.chance(0.4) ? unique(numbers, () -> "010-8" + String.format("%07d", rng.nextInt(10_000_000))) : null;
            for (DistrictPopulation.Resident r : h.members()) {
                if (landline != null) {
                    landlineOf.put(r.idNumber(), landline);
                }
                if (r.birthDate().plusYears(14).isBefore(today) && rng.chance(0.85)) {
                    mobileOf.put(r.idNumber(), unique(numbers,
                            () -> "1" + rng.pick(List.of("3", "5", "8", "9")) + String.format("%09d", rng.nextInt(1_000_000_000))));
                }
                String phone = mobileOf.getOrDefault(r.idNumber(), landline);
                String address = "北京市西城区" + h.address();
                hukou.add(render(rng, "hukou", hukou.size(), r, h, phone, address, office, noise, toTraditional, false, true));
                if (rng.chance(SOCIAL_SHARE)) {
                    social.add(render(rng, "social", social.size(), r, h, phone, address, office, noise, toTraditional, true, true));
                }
                if (rng.chance(GRID_SHARE)) {
                    grid.add(render(rng, "grid", grid.size(), r, h, phone, address, office, noise, toTraditional, true, true));
                }
                if (r.birthDate().plusYears(18).isBefore(today) && rng.chance(HOTLINE_SHARE)) {
                    int calls = 1 + rng.weighted(70, 20, 10);
                    for (int k = 0; k < calls; k++) {
                        hotline.add(render(rng, "hotline", hotline.size(), r, h, phone, h.address(), office, noise,
                                toTraditional, true, false));
                    }
                }
            }
        }
        List<PersonRecord> all = new ArrayList<>(hukou.size() + social.size() + grid.size() + hotline.size());
        all.addAll(hukou);
        all.addAll(social);
        all.addAll(grid);
        all.addAll(hotline);
        return all;
    }

    private static String unique(java.util.Set<String> used, java.util.function.Supplier<String> next) {
        String s;
        do {
            s = next.get();
        } while (!used.add(s));
        return s;
    }

    private static PersonRecord render(Rng rng, String source, int n, DistrictPopulation.Resident r,
                                       DistrictPopulation.Household h, String phone, String address, String office,
                                       Noise noise, Transliterator toTraditional, boolean dirtyId, boolean hasBirthDate) {
        boolean hotline = source.equals("hotline");
        // ID number
        String id = r.idNumber();
        if (rng.chance(hotline ? noise.hotlineMissingId() : source.equals("hukou") ? 0 : noise.missingId())) {
            id = null;
        } else {
            if (id.startsWith("19", 6) && rng.chance(noise.fifteenDigitId())) {
                id = id.substring(0, 6) + id.substring(8, 17);
            } else if (dirtyId && rng.chance(noise.idTypo())) {
                id = Dirt.digitTypo(id, rng);
            } else if (dirtyId && rng.chance(noise.idDigitSwap())) {
                int p = rng.nextInt(16);
                id = id.substring(0, p) + id.charAt(p + 1) + id.charAt(p) + id.substring(p + 2);
            }
        }
        // name
        String name = r.name();
        if (rng.chance(noise.nameTypo())) {
            name = typo(name, rng);
        }
        if (rng.chance(noise.traditional())) {
            name = toTraditional.transliterate(name);
        }
        // birth date
        String birth = null;
        if (hasBirthDate && !rng.chance(noise.missingBirthDate())) {
            LocalDate d = r.birthDate();
            String form = d.format(rng.pick(List.of(DATE_FORMS)));
            if (rng.chance(noise.dateTransposition())) {
                if (d.getDayOfMonth() <= 12 && d.getDayOfMonth() != d.getMonthValue()) {
                    form = LocalDate.of(d.getYear(), d.getDayOfMonth(), d.getMonthValue()).toString();
                } else {
                    String y = Integer.toString(d.getYear());
                    String swapped = "" + y.charAt(0) + y.charAt(1) + y.charAt(3) + y.charAt(2);
                    form = swapped + d.toString().substring(4);
                }
            } else if (rng.chance(noise.dateTypo())) {
                int day = d.getDayOfMonth();
                int other = day < 10 ? day + 10 : day - 10;
                form = d.withDayOfMonth(Math.max(1, Math.min(other, d.lengthOfMonth()))).toString();
            }
            birth = form;
        }
        String gender = hotline || rng.chance(0.05) ? null : (r.male() ? "男" : "女");
        String p = rng.chance(noise.missingPhone()) ? null : rng.chance(noise.sharedPhone()) && !source.equals("hukou")
                ? office : phone;
        String a = rng.chance(noise.missingAddress()) ? null : address;
        return new PersonRecord(source + ":" + n, source, r.idNumber(), name, id, birth, gender, p, a);
    }

    private static String typo(String name, Rng rng) {
        int start = name.length() > 1 ? 1 : 0; // the surname is rarely mistyped
        int pos = start + rng.nextInt(name.length() - start);
        String c = name.substring(pos, pos + 1);
        if (c.equals("·")) {
            return name;
        }
        String replacement = null;
        for (String[] group : HOMOPHONES) {
            if (List.of(group).contains(c)) {
                do {
                    replacement = rng.pick(List.of(group));
                } while (replacement.equals(c));
                break;
            }
        }
        if (replacement == null && name.length() < 3) {
            return name; // a two-character name with its given name replaced is another name, not a typo
        }
        while (replacement == null || replacement.equals(c)) {
            replacement = String.valueOf(rng.pick(OTHER_CHARS));
        }
        return name.substring(0, pos) + replacement + name.substring(pos + 1);
    }
}

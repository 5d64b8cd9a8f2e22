package org.jiedao.hub.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jiedao.hub.simulator.Population.Person;

/**
 * The civil-affairs registers of the proactive services (issue 8, item 3), three Excel workbooks, each its own silo:
 * <ul>
 *   <li>{@value #ELDERLY_FILE}, sheet 老年证: the elderly cards (北京通—养老助残卡) issued, header
 *       {@code 卡号,姓名,公民身份号码,发卡日期};</li>
 *   <li>{@value #SUBSIDY_FILE}, sheet 护理补贴: the applications for the severe-disability nursing subsidy
 *       (重度残疾人护理补贴) and their decision, header {@code 登记编号,姓名,公民身份号码,事项编码,审批结果,审批日期};
 *       {@code 准予} (granted) means the resident receives the subsidy, {@code 不予批准} (refused) does not;</li>
 *   <li>{@value #OPT_OUT_FILE}, sheet 通知退订: residents who asked not to be notified about a service, header
 *       {@code 登记编号,姓名,公民身份号码,事项编码,退订日期}.</li>
 * </ul>
 *
 * <p>Who is eligible, as the catalogue (config/services) says and as the graph will show it: for the elderly card, a
 * resident whose household-registry row is written (registered residence in Beijing) aged 60 or over on the
 * reference date; for the subsidy, such a resident holding a disability certificate of level 1 or 2 whose row is
 * written and that has not expired on the reference date. About 70% of the eligible already hold the card or receive
 * the subsidy; about 5% of the subsidy's eligible were refused once (still eligible, not enrolled); about 10% of the
 * eligible not enrolled opted out. The exact sets are in {@link ServiceTruth} and {@value #TRUTH_FILE}.
 */
final class ServiceRegistersSilo {
    /** The elderly card's service code (config/services/elderly-card.yaml). */
    static final String ELDERLY_CARD = "elderly-card";
    /** The nursing subsidy's service code (config/services/nursing-subsidy.yaml). */
    static final String NURSING_SUBSIDY = "nursing-subsidy";
    static final String ELDERLY_FILE = "civilaffairs-elderly/elderly_cards.xlsx";
    static final String SUBSIDY_FILE = "civilaffairs-subsidy/nursing_subsidy.xlsx";
    static final String OPT_OUT_FILE = "civilaffairs-optout/notice_optouts.xlsx";
    static final String TRUTH_FILE = "services_truth.csv";
    static final int ELDERLY_AGE = 60;

    private ServiceRegistersSilo() {
    }

    /**
     * Writes the three workbooks and {@value #TRUTH_FILE}.
     *
     * @param outDir       the output directory
     * @param pop          the population
     * @param notWritten   ID numbers whose household-registry row is quarantined (not registered in the graph)
     * @param certificates the disability certificates the civil-affairs silo wrote
     * @param ref          the reference date (ages and validity are taken on it)
     * @param rng          the randomness
     * @return the exact sets per service
     * @throws IOException if a file cannot be written
     */
    static ServiceTruth write(Path outDir, Population pop, Set<String> notWritten, List<CivilAffairsSilo.Issued> certificates,
                              LocalDate ref, Rng rng) throws IOException {
        List<Person> elderlyEligible = pop.persons.stream()
                .filter(p -> !notWritten.contains(p.id) && p.ageOn(ref) >= ELDERLY_AGE).toList();
        Set<Person> subsidySet = new HashSet<>();
        for (CivilAffairsSilo.Issued c : certificates) {
            if (c.written() && c.level() <= 2 && !notWritten.contains(c.holder().id)
                    && (c.expires() == null || !c.expires().isBefore(ref))) {
                subsidySet.add(c.holder());
            }
        }
        List<Person> subsidyEligible = pop.persons.stream().filter(subsidySet::contains).toList(); // registry order

        Map<String, Set<String>> enrolled = new TreeMap<>();
        Map<String, Set<String>> notEnrolled = new TreeMap<>();
        Map<String, Set<String>> optedOut = new TreeMap<>();
        List<String[]> optOutRows = new ArrayList<>();

        // elderly cards
        List<String[]> cards = new ArrayList<>();
        List<LocalDate> cardDates = new ArrayList<>();
        int n = 0;
        for (Person p : elderlyEligible) {
            if (rng.chance(0.7)) {
                LocalDate sixty = p.birthDate.plusYears(ELDERLY_AGE);
                LocalDate issued = sixty.isBefore(LocalDate.of(2016, 1, 1)) ? LocalDate.of(2016, 1, 1).plusDays(rng.nextInt(900))
                        : sixty.plusDays(rng.nextInt(120));
                if (issued.isAfter(ref)) {
                    issued = ref.minusDays(1);
                }
                cards.add(new String[] {"YLZC%08d".formatted(++n), name(p, rng), id(p, rng)});
                cardDates.add(issued);
                enrolled.computeIfAbsent(ELDERLY_CARD, k -> new TreeSet<>()).add(p.id);
            } else {
                notEnrolled(ELDERLY_CARD, p, ref, rng, notEnrolled, optedOut, optOutRows);
            }
        }
        XSSFWorkbook elderly = new XSSFWorkbook();
        Sheet cardSheet = sheet(elderly, "老年证", "卡号", "姓名", "公民身份号码", "发卡日期");
        for (int i = 0; i < cards.size(); i++) {
            Row row = row(cardSheet, i + 1, cards.get(i));
            date(elderly, row, 3, cardDates.get(i));
        }
        save(elderly, outDir.resolve(ELDERLY_FILE));

        // nursing subsidy
        XSSFWorkbook subsidy = new XSSFWorkbook();
        Sheet subsidySheet = sheet(subsidy, "护理补贴", "登记编号", "姓名", "公民身份号码", "事项编码", "审批结果", "审批日期");
        int r = 0;
        for (Person p : subsidyEligible) {
            int fate = rng.weighted(70, 5, 25);
            if (fate == 2) {
                notEnrolled(NURSING_SUBSIDY, p, ref, rng, notEnrolled, optedOut, optOutRows);
                continue;
            }
            LocalDate decided = ref.minusDays(1 + rng.nextInt(3 * 365));
            Row row = row(subsidySheet, ++r, "HLBT-%d-%05d".formatted(decided.getYear(), r), name(p, rng), id(p, rng),
                    NURSING_SUBSIDY, fate == 0 ? "准予" : "不予批准");
            date(subsidy, row, 5, decided);
            if (fate == 0) {
                enrolled.computeIfAbsent(NURSING_SUBSIDY, k -> new TreeSet<>()).add(p.id);
            } else {
                notEnrolled(NURSING_SUBSIDY, p, ref, rng, notEnrolled, optedOut, optOutRows);
            }
        }
        save(subsidy, outDir.resolve(SUBSIDY_FILE));

        // opt-outs
        XSSFWorkbook optOuts = new XSSFWorkbook();
        Sheet optSheet = sheet(optOuts, "通知退订", "登记编号", "姓名", "公民身份号码", "事项编码", "退订日期");
        for (int i = 0; i < optOutRows.size(); i++) {
            String[] v = optOutRows.get(i);
            Row row = row(optSheet, i + 1, "TD-%05d".formatted(i + 1), v[0], v[1], v[2]);
            date(optOuts, row, 4, LocalDate.parse(v[3]));
        }
        save(optOuts, outDir.resolve(OPT_OUT_FILE));

        ServiceTruth truth = new ServiceTruth(enrolled, notEnrolled, optedOut);
        writeTruth(outDir.resolve(TRUTH_FILE), truth);
        return truth;
    }

    private static void notEnrolled(String service, Person p, LocalDate ref, Rng rng, Map<String, Set<String>> notEnrolled,
                                    Map<String, Set<String>> optedOut, List<String[]> optOutRows) {
        notEnrolled.computeIfAbsent(service, k -> new TreeSet<>()).add(p.id);
        if (rng.chance(0.1)) {
            optedOut.computeIfAbsent(service, k -> new TreeSet<>()).add(p.id);
            optOutRows.add(new String[] {name(p, rng), id(p, rng), service, ref.minusDays(1 + rng.nextInt(400)).toString()});
        }
    }

    private static String name(Person p, Rng rng) {
        return rng.chance(0.05) ? p.name + " " : p.name;
    }

    private static String id(Person p, Rng rng) {
        return rng.chance(0.3) ? Dirt.lowerX(p.id) : p.id;
    }

    private static Sheet sheet(XSSFWorkbook wb, String name, String... header) {
        Sheet sheet = wb.createSheet(name);
        row(sheet, 0, header);
        return sheet;
    }

    private static Row row(Sheet sheet, int index, String... values) {
        Row row = sheet.createRow(index);
        for (int c = 0; c < values.length; c++) {
            row.createCell(c).setCellValue(values[c]);
        }
        return row;
    }

    private static final Map<XSSFWorkbook, CellStyle> DATE_STYLES = java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

    private static void date(XSSFWorkbook wb, Row row, int column, LocalDate value) {
        CellStyle style = DATE_STYLES.computeIfAbsent(wb, w -> {
            CellStyle s = w.createCellStyle();
            s.setDataFormat(w.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
            return s;
        });
        row.createCell(column).setCellValue(value);
        row.getCell(column).setCellStyle(style);
    }

    private static void save(XSSFWorkbook wb, Path file) throws IOException {
        DATE_STYLES.remove(wb);
        try (wb) {
            wb.getProperties().getCoreProperties().setCreated(java.util.Optional.of(
                    java.util.Date.from(java.time.Instant.parse("2026-11-01T00:00:00Z"))));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            wb.write(bytes);
            Files.createDirectories(file.getParent());
            Files.write(file, CivilAffairsSilo.withFixedEntryTimes(bytes.toByteArray()));
        }
    }

    private static void writeTruth(Path file, ServiceTruth truth) throws IOException {
        StringBuilder b = new StringBuilder("service,person_id_number,expected\n");
        truth.enrolled().forEach((s, ids) -> ids.forEach(id -> b.append(s).append(',').append(id).append(",enrolled\n")));
        truth.eligibleNotEnrolled().forEach((s, ids) -> ids.forEach(id -> b.append(s).append(',').append(id)
                .append(truth.optedOut().getOrDefault(s, Set.of()).contains(id) ? ",eligible-opted-out\n" : ",eligible-not-enrolled\n")));
        Files.write(file, b.toString().getBytes(StandardCharsets.UTF_8));
    }
}

package org.jiedao.hub.simulator;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jiedao.hub.simulator.Population.Person;

/**
 * The civil-affairs (民政) silo: the register of disability certificates (残疾人证) that the sub-district's civil
 * affairs office keeps in Excel, {@code civilaffairs/disability_certificates.xlsx}, sheet {@value #SHEET} (after a
 * first sheet of notes, as such workbooks have). Header
 * {@code 残疾人证号,姓名,性别,公民身份号码,残疾类别,残疾等级,发证日期,有效期至}; one row per certificate.
 *
 * <p>Holders are about 6% of the residents whose household-registry row is written (China's disabled population is
 * about 6% of the total, Second National Sample Survey on Disability, 2006), so that they link by ID number to the
 * registry's persons. The certificate number is the second-generation form: the holder's 18-character ID number,
 * then the category digit and the level digit (GB/T 26341-2010 codes).
 *
 * <p>Dirt, as in hand-kept workbooks: the category written as its name (视力残疾) or its code typed as a number, the
 * level as 一级 or a number, issue dates mostly as date cells but some as text (2019年5月3日, 2019.5.3), old 15-digit
 * ID numbers typed as numbers (exact: 15 digits), names with a trailing space, an empty row now and then. Broken on
 * purpose, about 3%: an 18-digit ID number typed as a number (Excel kept 15 digits; the row must be quarantined as
 * a long identifier stored as a number) and a level that does not exist (五级).
 */
final class CivilAffairsSilo {
    static final String SOURCE = "civilaffairs";
    static final String FILE = "civilaffairs/disability_certificates.xlsx";
    static final String SHEET = "残疾人证";
    static final String[] HEADER = {"残疾人证号", "姓名", "性别", "公民身份号码", "残疾类别", "残疾等级", "发证日期", "有效期至"};
    static final double HOLDER_SHARE = 0.06;
    static final double BROKEN_RATE = 0.03;
    private static final String[] CATEGORIES = {"视力残疾", "听力残疾", "言语残疾", "肢体残疾", "智力残疾", "精神残疾", "多重残疾"};
    private static final String[] LEVELS = {"一级", "二级", "三级", "四级"};

    private CivilAffairsSilo() {
    }

    /**
     * Writes the workbook.
     *
     * @param file          where to write it
     * @param pop           the population
     * @param examplePerson never chosen as a holder (the example appears in exactly the three original silos)
     * @param notWritten    ID numbers whose household-registry row is quarantined; never chosen either
     * @param rng           the randomness
     * @param truth         the ground truth, one row per certificate
     * @return counts: certificates and how many must be quarantined
     * @throws IOException if the file cannot be written
     */
    static GeneratedSilos.Counts write(Path file, Population pop, String examplePerson, Set<String> notWritten, Rng rng,
                                       GroundTruth truth) throws IOException {
        return write(file, pop, examplePerson, notWritten, rng, truth, new ArrayList<>());
    }

    /**
     * One certificate as the register holds it, for the services' ground truth ({@link ServiceRegistersSilo}).
     *
     * @param holder  the holder
     * @param level   the GB/T 26341-2010 level code, 1 (most severe) to 4
     * @param expires the last valid day, or null when the certificate does not expire
     * @param written whether its row is written (false: quarantined, so the graph never holds it)
     */
    record Issued(Person holder, int level, LocalDate expires, boolean written) {
    }

    /**
     * Writes the workbook and reports each certificate in {@code issued}.
     *
     * @see #write(Path, Population, String, Set, Rng, GroundTruth)
     */
    static GeneratedSilos.Counts write(Path file, Population pop, String examplePerson, Set<String> notWritten, Rng rng,
                                       GroundTruth truth, List<Issued> issuedCertificates) throws IOException {
        List<Person> eligible = pop.persons.stream()
                .filter(p -> !p.id.equals(examplePerson) && !notWritten.contains(p.id)).toList();
        int n = Math.max(2, (int) Math.round(HOLDER_SHARE * pop.persons.size()));
        Set<Person> chosen = new HashSet<>(rng.shuffled(new ArrayList<>(eligible)).subList(0, Math.min(n, eligible.size())));
        List<Person> holders = pop.persons.stream().filter(chosen::contains).toList(); // registry order
        Set<Integer> broken = Dirt.sample(holders.size(), BROKEN_RATE, Set.of(), rng);
        int quarantined = 0;
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Sheet notes = wb.createSheet("说明");
            notes.createRow(0).createCell(0).setCellValue("西长安街街道民政科 残疾人证登记台账（模拟数据）");
            Sheet sheet = wb.createSheet(SHEET);
            CellStyle dateStyle = wb.createCellStyle();
            dateStyle.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
            Row header = sheet.createRow(0);
            for (int c = 0; c < HEADER.length; c++) {
                header.createCell(c).setCellValue(HEADER[c]);
            }
            int r = 1;
            for (int i = 0; i < holders.size(); i++) {
                Person p = holders.get(i);
                if (rng.chance(0.02)) {
                    r++; // an empty row left by a deleted entry
                }
                int category = rng.weighted(8, 12, 2, 40, 9, 11, 6); // roughly the survey's shares
                int level = rng.weighted(15, 25, 30, 30);
                String certificate = p.id + (category + 1) + (level + 1);
                Row row = sheet.createRow(r);
                row.createCell(0).setCellValue(certificate);
                row.createCell(1).setCellValue(rng.chance(0.05) ? p.name + " " : p.name);
                row.createCell(2).setCellValue(p.male ? "男" : "女");
                boolean bad = broken.contains(i);
                int kind = bad ? rng.nextInt(2) : -1;
                if (kind == 0) {
                    row.createCell(3).setCellValue(Double.parseDouble(p.id.replace('X', '0'))); // typed as a number
                    truth.quarantined(SOURCE, certificate, p.id, "公民身份号码 typed as a number: more than 15 digits, store identifiers as text");
                } else if (p.id.startsWith("19", 6) && rng.chance(0.1)) {
                    row.createCell(3).setCellValue(Double.parseDouble(Dirt.fifteen(p.id))); // 15 digits survive
                } else {
                    row.createCell(3).setCellValue(rng.chance(0.5) ? Dirt.lowerX(p.id) : p.id);
                }
                if (rng.chance(0.3)) {
                    row.createCell(4).setCellValue(category + 1);
                } else {
                    row.createCell(4).setCellValue(CATEGORIES[category]);
                }
                if (kind == 1) {
                    row.createCell(5).setCellValue("五级");
                    truth.quarantined(SOURCE, certificate, p.id, "残疾等级 五级 is not a level of GB/T 26341-2010");
                } else if (rng.chance(0.3)) {
                    row.createCell(5).setCellValue(level + 1);
                } else {
                    row.createCell(5).setCellValue(LEVELS[level]);
                }
                LocalDate issued = LocalDate.of(2012, 1, 1).plusDays(rng.nextInt(365 * 14));
                int form = rng.weighted(80, 10, 10);
                switch (form) {
                    case 0 -> {
                        row.createCell(6).setCellValue(issued);
                        row.getCell(6).setCellStyle(dateStyle);
                    }
                    case 1 -> row.createCell(6).setCellValue(issued.getYear() + "年" + issued.getMonthValue() + "月"
                            + issued.getDayOfMonth() + "日");
                    default -> row.createCell(6).setCellValue(issued.getYear() + "." + issued.getMonthValue() + "."
                            + issued.getDayOfMonth());
                }
                LocalDate expires = null;
                if (rng.chance(0.7)) { // the others do not expire (长期): the cell is left empty
                    expires = issued.plusYears(10).minusDays(1);
                    row.createCell(7).setCellValue(expires);
                    row.getCell(7).setCellStyle(dateStyle);
                }
                issuedCertificates.add(new Issued(p, level + 1, expires, !bad));
                if (bad) {
                    quarantined++;
                } else {
                    truth.written(SOURCE, certificate, p.id);
                }
                r++;
            }
            wb.getProperties().getCoreProperties().setCreated(java.util.Optional.of(
                    java.util.Date.from(java.time.Instant.parse("2026-11-01T00:00:00Z"))));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            wb.write(bytes);
            Files.createDirectories(file.getParent());
            Files.write(file, withFixedEntryTimes(bytes.toByteArray()));
        }
        return new GeneratedSilos.Counts(holders.size(), quarantined);
    }

    /**
     * The same workbook with every zip entry dated 2026-11-01 00:00, so that the same seed gives the same bytes (POI
     * stamps entries with the current time).
     */
    static byte[] withFixedEntryTimes(byte[] xlsx) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(xlsx.length);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(xlsx));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTimeLocal(LocalDateTime.of(2026, 11, 1, 0, 0));
                zip.putNextEntry(copy);
                in.transferTo(zip);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}

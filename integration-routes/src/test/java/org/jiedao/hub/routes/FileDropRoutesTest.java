package org.jiedao.hub.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jiedao.hub.routes.RouteFixture.count;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.graph.write.RecordWriter;
import org.jiedao.hub.loaders.mapping.SourceMapping;
import org.jiedao.hub.loaders.source.Placeholders;
import org.jiedao.hub.loaders.source.SourceDefinitions;
import org.jiedao.hub.ontology.Ontology;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File drops of the formats beyond CSV, through the real routes into the real test Neo4j: an Excel workbook through
 * the bundled civil-affairs source, XML through a declared source, and a source that waits for done markers.
 */
class FileDropRoutesTest {
    /** 石蕾娟, who appears in the README; her old 15-digit number is 110102490907122. */
    private static final String SHI = "110102194909071225";
    private static final String WANG = withCheck("11010219900101001");
    private static final String LI = withCheck("11010219751231002");

    @TempDir
    Path dataDir;
    private RecordWriter writer;

    @BeforeEach
    void emptyGraph() {
        writer = RouteFixture.freshGraph();
    }

    /** The 18th character of a GB 11643-1999 ID number (ISO 7064 MOD 11-2) appended to the first 17. */
    private static String withCheck(String seventeen) {
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (seventeen.charAt(i) - '0') * w[i];
        }
        return seventeen + "10X98765432".charAt(sum % 11);
    }

    private static Row row(Sheet sheet, int index, String... values) {
        Row row = sheet.createRow(index);
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                row.createCell(i).setCellValue(values[i]);
            }
        }
        return row;
    }

    /** A register as the civil affairs office keeps it, one bad row of each kind. */
    private static byte[] register() throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            wb.createSheet("说明").createRow(0).createCell(0).setCellValue("残疾人证登记台账");
            Sheet s = wb.createSheet("残疾人证");
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
            row(s, 0, "残疾人证号", "姓名", "性别", "公民身份号码", "残疾类别", "残疾等级", "发证日期", "有效期至");
            Row r2 = row(s, 1, SHI + "12", "石蕾娟", "女", null, "视力残疾");
            r2.createCell(3).setCellValue(110102490907122d); // old 15-digit number typed as a number: exact
            r2.createCell(5).setCellValue(2);
            r2.createCell(6).setCellValue(LocalDate.of(2020, 3, 5));
            r2.getCell(6).setCellStyle(date);
            // row 3 left empty
            row(s, 3, LI + "41", "李四 ", "男", LI, "4", "一级", "2019年5月3日");
            Row r5 = row(s, 4, WANG + "43", "王五", "男", null, "肢体残疾", "三级");
            r5.createCell(3).setCellValue(Double.parseDouble(WANG)); // Excel shows 1.10102E+17: digits lost
            row(s, 5, "11010219900101999954", "赵六", "男", withCheck("11010219900101999"), "肢体残疾", "五级");
            wb.write(out);
            return out.toByteArray();
        }
    }

    private static String reasonAt(String location) {
        try (var s = TestNeo4j.driver().session()) {
            return s.run("MATCH (q:QuarantinedRecord {location: $l}) RETURN q.reason AS r", Map.of("l", location))
                    .single().get("r").asString();
        }
    }

    private static boolean archived(Path dir, String stem) throws Exception {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith(stem + "."));
        }
    }

    @Test
    void anExcelRegisterLoadsItsGoodRowsAndQuarantinesLongIdNumbersTypedAsNumbersWithTheirCell() throws Exception {
        Path drop = dataDir.resolve("silos/civilaffairs");
        Files.createDirectories(drop);
        Files.write(drop.resolve("certs.xlsx"), register());
        try (IntegrationRuntime routes = RouteFixture.routes(dataDir, Map.of(), writer, "civilaffairs")) {
            routes.start();
            assertThat(routes.awaitInitialLoad(Duration.ofMinutes(2))).isTrue();
            assertThat(routes.stats().get("civilaffairs").written()).isEqualTo(2);
            assertThat(routes.stats().get("civilaffairs").quarantined()).isEqualTo(2);
        }

        assertThat(count("MATCH (c:DisabilityCertificate)-[:HELD_BY]->(p:Person {idNumber: $id}) WHERE c.certificateNumber = $n"
                + " AND c.disabilityCategory = '1' AND c.disabilityLevel = '2' AND c.issuedOn = date('2020-03-05') RETURN count(c)",
                Map.of("id", SHI, "n", SHI + "12"))).isEqualTo(1);
        assertThat(count("MATCH (c:DisabilityCertificate {disabilityCategory: '4', disabilityLevel: '1'})-[:HELD_BY]->"
                + "(p:Person {idNumber: $id, name: '李四'}) WHERE c.issuedOn = date('2019-05-03') RETURN count(c)",
                Map.of("id", LI))).isEqualTo(1);
        assertThat(count("MATCH (p:Person {idNumber: $id}) RETURN count(p)", Map.of("id", WANG))).isZero();
        assertThat(reasonAt("certs.xlsx 残疾人证!row 5")).contains("公民身份号码").contains("D5")
                .contains("store identifiers as text").contains("存为文本");
        assertThat(reasonAt("certs.xlsx 残疾人证!row 6")).contains("残疾等级").contains("五级");
        assertThat(archived(drop.resolve(".done"), "certs")).isTrue();
    }

    @Test
    void aCorruptWorkbookIsRejectedWholeAndMovedToFailed() throws Exception {
        Path drop = dataDir.resolve("silos/civilaffairs");
        Files.createDirectories(drop);
        byte[] good = register();
        Files.write(drop.resolve("torn.xlsx"), java.util.Arrays.copyOf(good, good.length / 2));
        try (IntegrationRuntime routes = RouteFixture.routes(dataDir, Map.of(), writer, "civilaffairs")) {
            routes.start();
            assertThat(routes.awaitInitialLoad(Duration.ofMinutes(1))).isTrue();
        }

        assertThat(archived(drop.resolve(".failed"), "torn")).isTrue();
        assertThat(reasonAt("torn.xlsx")).contains("rejected whole");
        assertThat(count("MATCH (c:DisabilityCertificate) RETURN count(c)")).isZero();
    }

    /** A source of the Disabled Persons' Federation that exports XML, declared in a test directory. */
    private IntegrationRuntime xmlSource(String id, String drop, boolean doneMarker) throws Exception {
        Path sources = Files.createDirectories(dataDir.resolve("sources-" + id));
        Files.writeString(sources.resolve(id + ".yaml"), """
                id: %s
                name: 残联持证人员
                department: 区残联 (disabled persons' federation)
                kind: file
                file: {directory: '%s', include: '.*\\.xml', recordElement: certificate, doneMarker: %s}
                format: xml
                recordKey: '{certificateNumber}'
                fields:
                  certificateNumber: {from: number, normalise: code, required: true}
                  category:          {from: category, normalise: text, required: true}
                  level:             {from: category.level, normalise: text, required: true}
                  holderIdNumber:    {from: holder.idNumber, normalise: idNumber, required: true}
                  holderName:        {from: holder.name, normalise: name}
                  issuedOn:          {from: issued, normalise: date}
                entities:
                  certificate:
                    type: DisabilityCertificate
                    primary: true
                    mode: authoritative
                    properties: {certificateNumber: certificateNumber, disabilityCategory: category,
                                 disabilityLevel: level, issuedOn: issuedOn}
                  holder:
                    type: Person
                    properties: {idNumber: holderIdNumber, name: holderName}
                relationships:
                  - {type: HELD_BY, from: certificate, to: holder}
                """.formatted(id, dataDir.resolve(drop), doneMarker));
        List<SourceMapping> mappings = SourceDefinitions.load(sources, new Placeholders(Map.of()), dataDir).stream()
                .map(d -> SourceMapping.compile(d, Ontology.bundled())).toList();
        return new IntegrationRuntime(mappings, writer, 200);
    }

    private static String certificates(String... holders) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<export>\n");
        for (String h : holders) {
            b.append("""
                      <certificate number="%s41" issued="2021-06-30">
                        <category level="一级">肢体残疾</category>
                        <holder><idNumber>%s</idNumber><name>某人</name></holder>
                      </certificate>
                    """.formatted(h.substring(0, 18), h));
        }
        return b.append("</export>\n").toString();
    }

    @Test
    void anXmlExportLoadsItsRecordsAndQuarantinesABadOneWithItsLine() throws Exception {
        String id = "cdpf-" + UUID.randomUUID().toString().substring(0, 8);
        Path drop = Files.createDirectories(dataDir.resolve("cdpf"));
        String badId = SHI.substring(0, 17) + "9"; // wrong check character
        Files.writeString(drop.resolve("holders.xml"), certificates(SHI, WANG, badId));
        Files.writeString(drop.resolve("torn.xml"), "<export>\n<certificate number=\"X1\">\n<holder>\n</export>\n");
        try (IntegrationRuntime routes = xmlSource(id, "cdpf", false)) {
            routes.start();
            assertThat(routes.awaitInitialLoad(Duration.ofMinutes(1))).isTrue();
            assertThat(routes.stats().get(id).written()).isEqualTo(2);
        }

        assertThat(count("MATCH (c:DisabilityCertificate {disabilityCategory: '4', disabilityLevel: '1'})-[:HELD_BY]->(p:Person)"
                + " WHERE p.idNumber IN [$a, $b] AND c.issuedOn = date('2021-06-30') RETURN count(c)",
                Map.of("a", SHI, "b", WANG))).isEqualTo(2);
        assertThat(reasonAt("holders.xml line 11")).contains("holder.idNumber");
        assertThat(reasonAt("torn.xml")).contains("rejected whole").contains("line 4");
        assertThat(archived(drop.resolve(".done"), "holders")).isTrue();
        assertThat(archived(drop.resolve(".failed"), "torn")).isTrue();
    }

    @Test
    void withDoneMarkersAFileIsTakenOnlyOnceItsMarkerAppearsAndTheMarkerIsCleanedUp() throws Exception {
        String id = "cdpf-" + UUID.randomUUID().toString().substring(0, 8);
        Path drop = Files.createDirectories(dataDir.resolve("marked"));
        Path file = drop.resolve("holders.xml");
        Files.writeString(file, certificates(LI));
        try (IntegrationRuntime routes = xmlSource(id, "marked", true)) {
            routes.start();
            assertThat(routes.awaitInitialLoad(Duration.ofSeconds(30))).isTrue();
            Thread.sleep(3_000); // three polls of the folder
            assertThat(file).exists();
            assertThat(count("MATCH (c:DisabilityCertificate) RETURN count(c)")).isZero();

            Files.writeString(drop.resolve("torn.xml"), "<export>\n<certificate number=\"X1\">\n</export>\n");
            Files.writeString(drop.resolve("torn.xml.done"), "");
            Files.writeString(drop.resolve("holders.xml.done"), "");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (Files.exists(file) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(routes.awaitInitialLoad(Duration.ofSeconds(30))).isTrue();
        }

        assertThat(file).doesNotExist();
        assertThat(drop.resolve("holders.xml.done")).doesNotExist();
        assertThat(archived(drop.resolve(".failed"), "torn")).isTrue();
        assertThat(drop.resolve("torn.xml.done")).doesNotExist();
        assertThat(archived(drop.resolve(".done"), "holders")).isTrue();
        assertThat(count("MATCH (:DisabilityCertificate)-[:HELD_BY]->(:Person {idNumber: $id}) RETURN count(*)",
                Map.of("id", LI))).isEqualTo(1);
    }
}

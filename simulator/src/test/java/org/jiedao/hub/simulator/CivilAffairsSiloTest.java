package org.jiedao.hub.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The civil-affairs workbook: real xlsx, holders from the registry, dirt as promised, and deterministic. */
class CivilAffairsSiloTest {
    @TempDir
    Path tmp;

    @Test
    void theRegisterIsAWorkbookOfRegistryPersonsWithNumericIdCellsAndDateCells() throws Exception {
        GeneratedSilos run = SiloGenerator.Options.builder().persons(1500).generator().generate(tmp.resolve("a"));
        List<String> registryIds = Files.readAllLines(run.groundTruthCsv()).stream()
                .filter(l -> l.startsWith("hukou,") && l.contains(",written,")).map(l -> l.split(",")[3]).toList();

        int numericLong = 0;
        int numericShort = 0;
        int dateCells = 0;
        List<String> holders = new ArrayList<>();
        try (InputStream in = Files.newInputStream(run.civilAffairsXlsx()); Workbook wb = WorkbookFactory.create(in)) {
            Sheet sheet = wb.getSheet("残疾人证");
            assertThat(sheet).isNotNull();
            assertThat(sheet.getRow(0).getCell(3).getStringCellValue()).isEqualTo("公民身份号码");
            for (Row row : sheet) {
                if (row.getRowNum() == 0) {
                    continue;
                }
                holders.add(row.getCell(0).getStringCellValue().substring(0, 18));
                Cell id = row.getCell(3);
                if (id.getCellType() == CellType.NUMERIC) {
                    if (id.getNumericCellValue() >= 1e15) {
                        numericLong++;
                    } else {
                        numericShort++;
                    }
                }
                Cell issued = row.getCell(6);
                if (issued.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(issued)) {
                    dateCells++;
                }
            }
        }
        assertThat(holders).hasSize(run.civilAffairs().records()).doesNotContain(run.examplePerson());
        assertThat(registryIds).containsAll(holders);
        assertThat(numericLong).isPositive();
        assertThat(numericShort).isPositive();
        assertThat(dateCells).isGreaterThan(holders.size() / 2);
        assertThat(run.civilAffairs().expectedQuarantined()).isGreaterThanOrEqualTo(numericLong).isPositive();
    }

    @Test
    void theSameSeedGivesTheSameBytes() throws Exception {
        SiloGenerator.Options small = SiloGenerator.Options.builder().persons(300).build();
        GeneratedSilos a = new SiloGenerator(small).generate(tmp.resolve("a"));
        Thread.sleep(2100); // zip entries carry a time to 2 s
        GeneratedSilos b = new SiloGenerator(small).generate(tmp.resolve("b"));

        assertThat(Arrays.equals(Files.readAllBytes(b.civilAffairsXlsx()), Files.readAllBytes(a.civilAffairsXlsx())))
                .as("byte-identical workbooks").isTrue();
    }
}

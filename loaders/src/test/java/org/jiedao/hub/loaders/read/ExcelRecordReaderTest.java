package org.jiedao.hub.loaders.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** Workbooks written with Apache POI as Excel writes them, read back by {@link ExcelRecordReader}. */
class ExcelRecordReaderTest {

    /** A civil-affairs register: text, numbers, a date cell, a long ID typed as a number, an empty row. */
    private static byte[] register() throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            wb.createSheet("说明").createRow(0).createCell(0).setCellValue("本表由民政科导出");
            Sheet sheet = wb.createSheet("残疾人证");
            CellStyle dateStyle = wb.createCellStyle();
            dateStyle.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
            CellStyle timeStyle = wb.createCellStyle();
            timeStyle.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd hh:mm"));
            row(sheet, 0, "证号", "姓名", "公民身份号码", "残疾等级", "发证日期", "补贴", "备注");
            Row r1 = row(sheet, 1, "11010219490907122541", "石蕾娟", "110102194909071225");
            r1.createCell(3).setCellValue(2);
            r1.createCell(4).setCellValue(LocalDate.of(2020, 3, 5));
            r1.getCell(4).setCellStyle(dateStyle);
            r1.createCell(5).setCellValue(0.1 + 0.2);
            r1.createCell(6).setCellValue(LocalDateTime.of(2021, 7, 1, 8, 30));
            r1.getCell(6).setCellStyle(timeStyle);
            // row 3 (index 2) is left empty, row 4 has blanks only
            sheet.createRow(3).createCell(1).setBlank();
            Row r5 = row(sheet, 4, "11010219900101001142", "王五");
            r5.createCell(2).setCellValue(110102199001010011d); // typed as a number: Excel shows 1.10102E+17
            r5.createCell(3).setCellValue(1);
            Row r6 = row(sheet, 5, "110102490907122", "李四");
            r6.createCell(2).setCellValue(110102490907122d); // a 15-digit old ID number is exact as a number
            wb.write(out);
            return out.toByteArray();
        }
    }

    private static Row row(Sheet sheet, int index, String... values) {
        Row row = sheet.createRow(index);
        for (int i = 0; i < values.length; i++) {
            row.createCell(i).setCellValue(values[i]);
        }
        return row;
    }

    @Test
    void cellsReadAsAPersonSeesThemWithSheetAndRowLocations() throws Exception {
        List<RawRecord> records = new ExcelRecordReader("残疾人证", Set.of()).read("certs.xlsx", register(), "auto");

        assertThat(records).extracting(RawRecord::location)
                .containsExactly("certs.xlsx 残疾人证!row 2", "certs.xlsx 残疾人证!row 5", "certs.xlsx 残疾人证!row 6");
        RawRecord first = records.getFirst();
        assertThat(first.problem()).isNull();
        assertThat(first.values())
                .containsEntry("证号", "11010219490907122541")
                .containsEntry("姓名", "石蕾娟")
                .containsEntry("公民身份号码", "110102194909071225")
                .containsEntry("残疾等级", "2")
                .containsEntry("发证日期", "2020-03-05")
                .containsEntry("补贴", "0.3")
                .containsEntry("备注", "2021-07-01T08:30");
        assertThat(records.get(2).problem()).isNull();
        assertThat(records.get(2).values()).containsEntry("公民身份号码", "110102490907122").containsEntry("残疾等级", null);
    }

    @Test
    void aLongIdentifierTypedAsANumberComesBackBrokenNamingColumnCellAndRemedy() throws Exception {
        RawRecord wang = new ExcelRecordReader("残疾人证", Set.of()).read("certs.xlsx", register(), "auto").get(1);

        assertThat(wang.location()).isEqualTo("certs.xlsx 残疾人证!row 5");
        assertThat(wang.problem())
                .contains("公民身份号码").contains("C5").contains("110102199001010000")
                .contains("15").contains("存为文本").contains("store identifiers as text");
        assertThat(wang.values()).containsEntry("姓名", "王五");
    }

    @Test
    void longNumbersAreCheckedOnlyInTheColumnsTheSourceReads() throws Exception {
        List<RawRecord> records = new ExcelRecordReader("残疾人证", Set.of("证号", "姓名")).read("certs.xlsx", register(), "auto");

        assertThat(records).allSatisfy(r -> assertThat(r.problem()).isNull());
    }

    @Test
    void theFirstSheetIsReadWhenNoneIsNamed() throws Exception {
        List<RawRecord> records = new ExcelRecordReader().read("certs.xlsx", register(), "auto");

        assertThat(records).isEmpty(); // 说明 has a header and nothing else
    }

    @Test
    void anUnknownSheetRejectsTheWorkbookNamingTheSheetsThereAre() {
        assertThatThrownBy(() -> new ExcelRecordReader("老年卡", Set.of()).read("certs.xlsx", register(), "auto"))
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessageContaining("老年卡").hasMessageContaining("[说明, 残疾人证]");
    }

    @Test
    void aFormulaErrorOrAValueRightOfTheHeaderBreaksOnlyItsRow() throws Exception {
        byte[] book;
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet s = wb.createSheet("s");
            row(s, 0, "a", "b");
            row(s, 1, "1", "2");
            row(s, 2, "1", "2", "stray");
            Row r = row(s, 3, "x");
            r.createCell(1).setCellFormula("1/0");
            wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
            row(s, 4, "ok", "fine");
            wb.write(out);
            book = out.toByteArray();
        }
        List<RawRecord> records = new ExcelRecordReader().read("f.xlsx", book, "auto");

        assertThat(records).extracting(RawRecord::problem).map(p -> p == null ? "ok" : p)
                .satisfiesExactly(
                        p -> assertThat(p).isEqualTo("ok"),
                        p -> assertThat(p).contains("C3").contains("stray"),
                        p -> assertThat(p).contains("B4").contains("#DIV/0!"),
                        p -> assertThat(p).isEqualTo("ok"));
    }

    @Test
    void aCorruptWorkbookIsRejectedWhole() throws Exception {
        byte[] good = register();
        byte[] truncated = Arrays.copyOf(good, good.length / 2);

        assertThatThrownBy(() -> new ExcelRecordReader().read("broken.xlsx", truncated, "auto"))
                .isInstanceOf(UnreadableSourceException.class).hasMessageContaining("broken.xlsx").hasMessageContaining("rejected whole");
        assertThatThrownBy(() -> new ExcelRecordReader().read("notes.xlsx", "户号,姓名\n1,张三\n".getBytes(), "auto"))
                .isInstanceOf(UnreadableSourceException.class).hasMessageContaining("notes.xlsx");
    }

    @Test
    void aPasswordProtectedWorkbookIsRejectedWholeSayingSo() throws Exception {
        byte[] encrypted;
        try (POIFSFileSystem fs = new POIFSFileSystem(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Encryptor enc = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
            enc.confirmPassword("secret");
            try (OutputStream os = enc.getDataStream(fs)) {
                os.write(register());
            }
            fs.writeFilesystem(out);
            encrypted = out.toByteArray();
        }

        assertThatThrownBy(() -> new ExcelRecordReader().read("locked.xlsx", encrypted, "auto"))
                .isInstanceOf(UnreadableSourceException.class).hasMessageContaining("locked.xlsx").hasMessageContaining("password");
    }

    @Test
    void aSheetWithoutAHeaderOrWithADuplicatedColumnIsRejectedWhole() throws Exception {
        byte[] empty;
        byte[] duplicated;
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            wb.createSheet("s");
            wb.write(out);
            empty = out.toByteArray();
        }
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            row(wb.createSheet("s"), 0, "姓名", "姓名");
            wb.write(out);
            duplicated = out.toByteArray();
        }
        assertThatThrownBy(() -> new ExcelRecordReader().read("e.xlsx", empty, "auto"))
                .isInstanceOf(UnreadableSourceException.class).hasMessageContaining("no header row");
        assertThatThrownBy(() -> new ExcelRecordReader().read("d.xlsx", duplicated, "auto"))
                .isInstanceOf(UnreadableSourceException.class).hasMessageContaining("'姓名' twice");
    }
}

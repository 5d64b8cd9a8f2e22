package org.jiedao.hub.loaders.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.commons.lang3.ArrayUtils;
import org.junit.jupiter.api.Test;

class CsvRecordReaderTest {
    private static final Charset GBK = Charset.forName("GBK");

    /** Line 3 is blank, line 4 has a quoted comma, line 5 has too few columns, lines 6-7 are one record. */
    private static final String HUKOU = """
            户号,姓名,住址
            0001,张三,"西城区,新街口外大街12号"

            0002,李四,"德胜门内大街1号"
            0003,王五
            0004,赵六,"西直门
            南小街3号"
            0005,孙七,西四北大街8号
            """;


    @Test
    void gbkWithChineseHeadersGivesPhysicalLineNumbersWithTheHeaderAsLine1() throws Exception {
        List<RawRecord> records = new CsvRecordReader().read("hukou_2024.csv", HUKOU.getBytes(GBK), "auto");

        assertThat(records).extracting(RawRecord::location).containsExactly(
                "hukou_2024.csv line 2", "hukou_2024.csv line 4", "hukou_2024.csv line 5",
                "hukou_2024.csv line 6", "hukou_2024.csv line 8");
        assertThat(records.getFirst().problem()).isNull();
        assertThat(records.getFirst().values()).containsExactly(
                java.util.Map.entry("户号", "0001"), java.util.Map.entry("姓名", "张三"),
                java.util.Map.entry("住址", "西城区,新街口外大街12号"));
        assertThat(records.get(3).values()).containsEntry("住址", "西直门\n南小街3号");
    }

    @Test
    void windowsLineEndingsCountTheSame() throws Exception {
        byte[] crlf = HUKOU.replace("\n", "\r\n").getBytes(GBK);
        assertThat(new CsvRecordReader().read("h.csv", crlf, "GBK")).extracting(RawRecord::location)
                .containsExactly("h.csv line 2", "h.csv line 4", "h.csv line 5", "h.csv line 6", "h.csv line 8");
    }

    @Test
    void aRowWithTooFewColumnsComesBackBrokenAndTheRowsAfterItStillRead() throws Exception {
        List<RawRecord> records = new CsvRecordReader().read("hukou_2024.csv", HUKOU.getBytes(GBK), "auto");

        RawRecord shortRow = records.get(2);
        assertThat(shortRow.location()).isEqualTo("hukou_2024.csv line 5");
        assertThat(shortRow.problem()).contains("3 columns").contains("found 2");
        assertThat(shortRow.values()).containsEntry("户号", "0003").containsEntry("姓名", "王五");
        assertThat(records.subList(3, 5)).allSatisfy(r -> assertThat(r.problem()).isNull());
        assertThat(records.getLast().values()).containsEntry("姓名", "孙七");
    }

    @Test
    void aRowWithTooManyColumnsComesBackBroken() throws Exception {
        List<RawRecord> records = new CsvRecordReader().read("x.csv", "a,b\n1,2,3\n4,5\n".getBytes(StandardCharsets.UTF_8), "auto");
        assertThat(records.getFirst().problem()).contains("2 columns").contains("found 3");
        assertThat(records.get(1).problem()).isNull();
    }

    @Test
    void valuesAreTrimmed() throws Exception {
        List<RawRecord> records = new CsvRecordReader().read("x.csv", " 户号 , 姓名 \n 0001 ,  张三  \n".getBytes(GBK), "auto");
        assertThat(records.getFirst().values()).containsEntry("户号", "0001").containsEntry("姓名", "张三");
    }

    @Test
    void invalidBytesRejectTheFileWholeNamingIt() {
        byte[] bad = ArrayUtils.addAll(HUKOU.getBytes(GBK), new byte[] {(byte) 0x80, 'x', '\n'});

        assertThatThrownBy(() -> new CsvRecordReader().read("hukou_2024.csv", bad, "auto"))
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessageContaining("hukou_2024.csv")
                .hasMessageContaining("rejected whole");
    }

    @Test
    void gbkBytesInAFileDeclaredUtf8AreRejectedWholeNamingTheFileAndTheEncoding() {
        assertThatThrownBy(() -> new CsvRecordReader().read("hukou_2024.csv", HUKOU.getBytes(GBK), "UTF-8"))
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessageContaining("hukou_2024.csv")
                .hasMessageContaining("UTF-8")
                .hasMessageContaining("offset 0");
    }

    @Test
    void anUnknownEncodingRejectsTheFileNamingIt() {
        assertThatThrownBy(() -> new CsvRecordReader().read("h.csv", HUKOU.getBytes(GBK), "GBK-2000"))
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessageContaining("h.csv")
                .hasMessageContaining("GBK-2000");
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstHeaderAlsoWithADeclaredUtf8() throws Exception {
        byte[] withBom = ArrayUtils.addAll(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, HUKOU.getBytes(StandardCharsets.UTF_8));
        for (String encoding : new String[] {"auto", "UTF-8"}) {
            List<RawRecord> records = new CsvRecordReader().read("excel.csv", withBom, encoding);
            assertThat(records.getFirst().values()).as(encoding).containsEntry("户号", "0001");
            assertThat(records.getFirst().location()).isEqualTo("excel.csv line 2");
        }
    }

    @Test
    void aHeaderOnlyFileHasNoRecords() throws Exception {
        assertThat(new CsvRecordReader().read("h.csv", "户号,姓名\n".getBytes(GBK), "auto")).isEmpty();
    }

    @Test
    void anUnclosedQuoteCostsOnlyItsOwnRowNotTheRestOfTheFile() throws Exception {
        byte[] text = "户号,姓名\n0001,\"张三\n0002,李四\n0003,王五\n".getBytes(StandardCharsets.UTF_8);
        List<RawRecord> records = new CsvRecordReader().read("h.csv", text, "auto");
        assertThat(records).hasSize(3);
        assertThat(records.get(0).location()).isEqualTo("h.csv line 2");
        assertThat(records.get(0).problem()).contains("unbalanced quotes");
        assertThat(records.get(0).values()).containsEntry("line", "0001,\"张三");
        assertThat(records.get(1).problem()).isNull();
        assertThat(records.get(1).values()).containsEntry("户号", "0002").containsEntry("姓名", "李四");
        assertThat(records.get(2).location()).isEqualTo("h.csv line 4");
    }

    @Test
    void forFormatGivesTheReaderOfTheDefinitionsFormat() {
        assertThat(RecordReader.forFormat("csv")).isInstanceOf(CsvRecordReader.class);
        assertThat(RecordReader.forFormat("json")).isInstanceOf(JsonRecordReader.class);
        assertThat(RecordReader.forFormat("xlsx")).isInstanceOf(ExcelRecordReader.class);
        assertThatThrownBy(() -> RecordReader.forFormat("xls")).hasMessageContaining("xls");
    }
}

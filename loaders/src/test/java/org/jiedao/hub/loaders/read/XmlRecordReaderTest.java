package org.jiedao.hub.loaders.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XmlRecordReaderTest {
    @TempDir
    Path dir;

    private static List<RawRecord> read(String xml) throws UnreadableSourceException {
        return new XmlRecordReader("child").read("enrolment.xml", xml.getBytes(StandardCharsets.UTF_8), "auto");
    }

    @Test
    void attributesAndNestedChildrenBecomeDottedValuesWithTheLineOfEachRecord() throws Exception {
        List<RawRecord> records = read("""
                <?xml version="1.0" encoding="UTF-8"?>
                <enrolment xmlns="urn:example:kindergarten" year="2026">
                  <class name="小一班">
                    <child id="K-001" enrolled="2026-09-01">
                      <name lang="zh">石小明</name>
                      <idNumber>110102202001010016</idNumber>
                      <guardian><name>石蕾娟</name><phone>13800138000</phone><phone>010-66012345</phone></guardian>
                      <note/>
                      <!-- a comment -->
                      <remark><![CDATA[过敏：<花生>]]></remark>
                    </child>
                  </class>
                  <class name="小二班"><child id="K-002"><name>王小五</name></child></class>
                </enrolment>
                """);

        assertThat(records).extracting(RawRecord::location).containsExactly("enrolment.xml line 4", "enrolment.xml line 13");
        assertThat(records.getFirst().problem()).isNull();
        assertThat(records.getFirst().values())
                .containsEntry("id", "K-001")
                .containsEntry("enrolled", "2026-09-01")
                .containsEntry("name", "石小明")
                .containsEntry("name.lang", "zh")
                .containsEntry("idNumber", "110102202001010016")
                .containsEntry("guardian.name", "石蕾娟")
                .containsEntry("guardian.phone", "[\"13800138000\",\"010-66012345\"]")
                .containsEntry("note", null)
                .containsEntry("remark", "过敏：<花生>")
                .doesNotContainKey("year").doesNotContainKey("guardian");
        assertThat(records.get(1).values()).containsOnlyKeys("id", "name").containsEntry("name", "王小五");
    }

    @Test
    void malformedXmlIsRejectedWholeWithTheLineOfTheError() {
        assertThatThrownBy(() -> read("<list>\n<child><name>甲</name></child>\n<child><name>乙</child>\n</list>\n"))
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessageContaining("enrolment.xml").hasMessageContaining("rejected whole").hasMessageContaining("line 3");
    }

    @Test
    void anExternalEntityIsRefusedAndTheFileItNamesIsNeverRead() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-VALUE");
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE list [<!ENTITY xxe SYSTEM "%s">]>
                <list><child><name>&xxe;</name></child></list>
                """.formatted(secret.toUri());

        assertThatThrownBy(() -> read(xxe))
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessageContaining("DOCTYPE")
                .hasMessageNotContaining("TOP-SECRET-VALUE");
    }

    @Test
    void anEntityExpansionBombIsRefused() {
        String bomb = """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
                <list><child><name>&lol2;</name></child></list>
                """;
        assertThatThrownBy(() -> read(bomb)).isInstanceOf(UnreadableSourceException.class);
    }

    @Test
    void theDeclaredEncodingIsFollowedAndUndeclaredGbkIsDetected() throws Exception {
        Charset gbk = Charset.forName("GBK");
        byte[] declared = "<?xml version=\"1.0\" encoding=\"GBK\"?><list><child><name>石蕾娟</name></child></list>".getBytes(gbk);
        byte[] undeclared = "<list><child><name>石蕾娟</name></child></list>".getBytes(gbk);

        assertThat(new XmlRecordReader("child").read("a.xml", declared, "auto").getFirst().values()).containsEntry("name", "石蕾娟");
        assertThat(new XmlRecordReader("child").read("b.xml", undeclared, "auto").getFirst().values()).containsEntry("name", "石蕾娟");
    }

    @Test
    void aRecordElementIsRequired() {
        assertThatThrownBy(() -> new XmlRecordReader(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("recordElement");
    }

    @Test
    void theFormatsAreKnownByName() {
        assertThat(RecordReader.forFormat("xlsx")).isInstanceOf(ExcelRecordReader.class);
        assertThat(RecordReader.forFormat("xml", new ReaderOptions(null, "row", null))).isInstanceOf(XmlRecordReader.class);
        assertThat(RecordReader.forFormat("json")).isInstanceOf(JsonRecordReader.class);
        assertThat(RecordReader.forFormat("csv")).isInstanceOf(CsvRecordReader.class);
        assertThatThrownBy(() -> RecordReader.forFormat("xls")).isInstanceOf(IllegalArgumentException.class);
    }
}

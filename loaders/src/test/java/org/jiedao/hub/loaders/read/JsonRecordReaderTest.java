package org.jiedao.hub.loaders.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class JsonRecordReaderTest {

    private static List<RawRecord> read(String fileName, String json) throws UnreadableSourceException {
        return new JsonRecordReader().read(fileName, json.getBytes(StandardCharsets.UTF_8), "auto");
    }

    @Test
    void anArrayGivesIndexLocationsAndFlattensNestedObjectsToDottedPaths() throws Exception {
        List<RawRecord> records = read("cases.json", """
                [
                  {"caseNo": "A1",
                   "caller": {"idNumber": "110102199001010011", "name": "张三", "contact": {"phone": "13800138000"}},
                   "tags": ["噪音", "夜间"], "count": 3, "urgent": true, "closedAt": null},
                  {"caseNo": "A2"}
                ]
                """);

        assertThat(records).extracting(RawRecord::location).containsExactly("cases.json [0]", "cases.json [1]");
        assertThat(records).allSatisfy(r -> assertThat(r.problem()).isNull());
        assertThat(records.getFirst().values())
                .containsEntry("caseNo", "A1")
                .containsEntry("caller.idNumber", "110102199001010011")
                .containsEntry("caller.name", "张三")
                .containsEntry("caller.contact.phone", "13800138000")
                .containsEntry("count", "3")
                .containsEntry("urgent", "true")
                .containsEntry("closedAt", null)
                .doesNotContainKey("caller");
        assertThat(records.getFirst().values().get("tags")).asString().contains("噪音").contains("夜间");
        assertThat(records.get(1).values()).containsExactly(java.util.Map.entry("caseNo", "A2"));
    }

    @Test
    void aNonObjectElementComesBackBrokenAndTheOthersAreRead() throws Exception {
        List<RawRecord> records = read("cases.json", "[{\"caseNo\": \"A1\"}, 42, {\"caseNo\": \"A3\"}]");

        assertThat(records).hasSize(3);
        assertThat(records.get(1).location()).isEqualTo("cases.json [1]");
        assertThat(records.get(1).problem()).contains("JSON object");
        assertThat(records.get(0).problem()).isNull();
        assertThat(records.get(2).values()).containsEntry("caseNo", "A3");
    }

    @Test
    void aTruncatedArrayRejectsTheFileWhole() {
        assertThatThrownBy(() -> read("cases.json", "[\n{\"caseNo\": \"A1\"},\n{\"caseNo\": "))
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessageContaining("cases.json")
                .hasMessageContaining("rejected whole");
    }

    @Test
    void textAfterTheArrayRejectsTheFileWholeRatherThanBeingDropped() {
        assertThatThrownBy(() -> read("cases.json", "[{\"caseNo\": \"A1\"}]\n[{\"caseNo\": \"A2\"}]\n"))
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessageContaining("cases.json")
                .hasMessageContaining("line 2");
    }

    @Test
    void jsonLinesGiveLineLocationsAndABrokenLineComesBackBrokenWhileTheOthersAreRead() throws Exception {
        List<RawRecord> records = read("events.jsonl", """

                {"caseNo": "A1", "caller": {"idNumber": "110102199001010011"}}
                {"caseNo": "A2", "caller": {"idNumber":

                {"caseNo": "A3"}
                "just text"
                """);

        assertThat(records).extracting(RawRecord::location).containsExactly(
                "events.jsonl line 2", "events.jsonl line 3", "events.jsonl line 5", "events.jsonl line 6");
        assertThat(records.get(0).problem()).isNull();
        assertThat(records.get(0).values()).containsEntry("caller.idNumber", "110102199001010011");
        assertThat(records.get(1).problem()).contains("broken JSON line");
        assertThat(records.get(1).values()).containsValue("{\"caseNo\": \"A2\", \"caller\": {\"idNumber\":");
        assertThat(records.get(2).problem()).isNull();
        assertThat(records.get(2).values()).containsEntry("caseNo", "A3");
        assertThat(records.get(3).problem()).contains("JSON object");
    }

    @Test
    void twoObjectsOnOneLineAreBrokenNotHalfRead() throws Exception {
        List<RawRecord> records = read("events.jsonl", "{\"caseNo\": \"A1\"} {\"caseNo\": \"A2\"}\n{\"caseNo\": \"A3\"}\n");
        assertThat(records.get(0).problem()).isNotNull();
        assertThat(records.get(1).problem()).isNull();
    }

    @Test
    void windowsLineEndingsAndGbkAreRead() throws Exception {
        byte[] gbk = "{\"caseNo\": \"A1\", \"category\": \"噪音扰民\"}\r\n{\"caseNo\": \"A2\"}\r\n".getBytes(Charset.forName("GBK"));
        List<RawRecord> records = new JsonRecordReader().read("events.jsonl", gbk, "auto");
        assertThat(records).extracting(RawRecord::location).containsExactly("events.jsonl line 1", "events.jsonl line 2");
        assertThat(records.getFirst().values()).containsEntry("category", "噪音扰民");
    }

    @Test
    void aByteOrderMarkDoesNotHideTheArrayAlsoWithADeclaredUtf8() throws Exception {
        byte[] json = "\uFEFF[{\"caseNo\": \"A1\"}]".getBytes(StandardCharsets.UTF_8);
        List<RawRecord> records = new JsonRecordReader().read("cases.json", json, "UTF-8");
        assertThat(records).extracting(RawRecord::location).containsExactly("cases.json [0]");
        assertThat(records.getFirst().values()).containsEntry("caseNo", "A1");
    }

    @Test
    void anEmptyFileHasNoRecords() throws Exception {
        assertThat(read("empty.jsonl", "\n  \n")).isEmpty();
        assertThat(read("empty.json", "[]")).isEmpty();
    }
}

package org.jiedao.hub.loaders.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jiedao.hub.loaders.source.DefinitionFiles.VALID;
import static org.jiedao.hub.loaders.source.DefinitionFiles.replace;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jiedao.hub.loaders.read.CsvRecordReader;
import org.jiedao.hub.loaders.read.JsonRecordReader;
import org.jiedao.hub.loaders.read.RawRecord;
import org.jiedao.hub.loaders.source.BundledSources;
import org.jiedao.hub.loaders.source.DefinitionFiles;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.assertion.NodeAssertion;
import org.jiedao.hub.ontology.assertion.RecordAssertions;
import org.jiedao.hub.ontology.assertion.RelationshipAssertion;
import org.jiedao.hub.ontology.assertion.WriteMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Maps records with the bundled definitions of {@code config/sources}. ID numbers used here were checked with an
 * independent implementation of ISO 7064 MOD 11-2: 110102850307124 (15 digits) becomes 11010219850307124X, and
 * the check character of 11010219900101001 is 1.
 */
class SourceMappingMapTest {
    private static final String ID_15_FULL_WIDTH = "１１０１０２８５０３０７１２４";
    private static final String ID_15_AS_18 = "11010219850307124X";
    private static final String ID_VALID = "110102199001010011";
    private static final String ID_WRONG_CHECK = "110102199001010012";

    @TempDir
    Path tmp;

    private SourceMapping bundled(String id) {
        return SourceMapping.compile(BundledSources.byId(id, tmp), Ontology.bundled());
    }

    private static Map<String, Object> hukouRow() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("户号", "０１２３４５６７８");
        row.put("姓名", "王　芳");
        row.put("性别", "女");
        row.put("民族", "汉族");
        row.put("出生日期", "1985年3月7日");
        row.put("公民身份号码", ID_15_FULL_WIDTH);
        row.put("与户主关系", "妻");
        row.put("住址", "北京市西城区新街口街道西直门内大街１２号院３号楼２０１室");
        row.put("社区代码", "110102003015");
        return row;
    }

    private static Map<String, Object> with(Map<String, Object> row, String column, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(row);
        copy.put(column, value);
        return copy;
    }

    private static RecordAssertions mapped(MappingOutcome outcome) {
        assertThat(outcome).isInstanceOf(MappingOutcome.Mapped.class);
        return ((MappingOutcome.Mapped) outcome).assertions();
    }

    private static String rejected(MappingOutcome outcome) {
        assertThat(outcome).isInstanceOf(MappingOutcome.Rejected.class);
        return ((MappingOutcome.Rejected) outcome).reason();
    }

    private static NodeAssertion node(RecordAssertions a, String alias) {
        assertThat(a.node(alias)).as("node " + alias).isPresent();
        return a.node(alias).orElseThrow();
    }

    private static RelationshipAssertion relationship(RecordAssertions a, String type) {
        List<RelationshipAssertion> found = a.relationships().stream().filter(r -> r.type().type().equals(type)).toList();
        assertThat(found).as("relationships of type " + type).hasSize(1);
        return found.getFirst();
    }

    @Test
    void aGoodHukouRowBecomesAPersonInAHouseholdAtAnAddressInACommunity() {
        RawRecord raw = RawRecord.of("hukou_2024.csv line 2", hukouRow());

        RecordAssertions a = mapped(bundled("hukou").map(raw));

        assertThat(a.record().source()).isEqualTo("hukou");
        assertThat(a.record().recordKey()).isEqualTo("012345678-" + ID_15_AS_18);
        assertThat(a.record().uid()).isEqualTo("hukou:012345678-" + ID_15_AS_18);
        assertThat(a.record().location()).isEqualTo("hukou_2024.csv line 2");

        NodeAssertion person = node(a, "person");
        assertThat(person.type().label()).isEqualTo("Person");
        assertThat(person.primary()).isTrue();
        assertThat(person.mode()).isEqualTo(WriteMode.AUTHORITATIVE);
        assertThat(person.key()).isEqualTo(ID_15_AS_18);
        assertThat(person.properties())
                .containsEntry("idNumber", ID_15_AS_18)
                .containsEntry("name", "王芳")
                .containsEntry("gender", "2")
                .containsEntry("birthDate", LocalDate.of(1985, 3, 7))
                .containsEntry("ethnicity", "01"); // GB/T 3304 code of 汉族: coded values are stored as notations

        NodeAssertion household = node(a, "household");
        assertThat(household.type().label()).isEqualTo("Household");
        assertThat(household.key()).isEqualTo("012345678");
        assertThat(household.primary()).isFalse();

        NodeAssertion address = node(a, "address");
        assertThat(address.type().label()).isEqualTo("Address");
        assertThat(address.key()).isEqualTo("西直门内大街12号院3号楼201");
        assertThat(address.mode()).isEqualTo(WriteMode.FILL);

        NodeAssertion community = node(a, "community");
        assertThat(community.type().label()).isEqualTo("Community");
        assertThat(community.key()).isEqualTo("110102003015");
        assertThat(community.mode()).isEqualTo(WriteMode.REFERENCE);

        RelationshipAssertion memberOf = relationship(a, "MEMBER_OF");
        assertThat(memberOf.fromAlias()).isEqualTo("person");
        assertThat(memberOf.toAlias()).isEqualTo("household");
        assertThat(memberOf.properties()).containsExactly(Map.entry("relationToHead", "10"));
        assertThat(relationship(a, "RESIDES_AT")).extracting(RelationshipAssertion::fromAlias, RelationshipAssertion::toAlias)
                .containsExactly("person", "address");
        assertThat(relationship(a, "REGISTERED_AT")).extracting(RelationshipAssertion::fromAlias, RelationshipAssertion::toAlias)
                .containsExactly("household", "address");
        assertThat(relationship(a, "IN_COMMUNITY")).extracting(RelationshipAssertion::fromAlias, RelationshipAssertion::toAlias)
                .containsExactly("address", "community");
    }

    @Test
    void aTraditionalNameAPartialBirthDateAndAnAddressMapToTheirParts() {
        Map<String, Object> row = with(with(hukouRow(), "姓名", "張 偉"), "出生日期", "1950年3月");
        row.put("住址", "北京市西城區新街口街道西直門內大街十二號院三號樓201室");

        RecordAssertions a = mapped(bundled("hukou").map(RawRecord.of("hukou_1990.csv line 7", row)));

        assertThat(node(a, "person").properties())
                .containsEntry("name", "張偉")          // kept as found
                .containsEntry("nameKey", "张伟")       // simplified key for matching
                .containsEntry("birthDate", "1950-03"); // a year-month, which passed SHACL (xsd:gYearMonth)
        NodeAssertion address = node(a, "address");
        assertThat(address.key()).isEqualTo("西直门内大街12号院3号楼201");
        assertThat(address.properties()).containsEntry("road", "西直门内大街").containsEntry("houseNumber", "12")
                .containsEntry("buildingNumber", "3").containsEntry("roomNumber", "201").doesNotContainKey("unitNumber");

        assertThat(node(mapped(bundled("hukou").map(RawRecord.of("l", with(hukouRow(), "出生日期", "1950年"))))
                , "person").properties()).containsEntry("birthDate", "1950");
    }

    @Test
    void anImpossibleBirthDateIsRejectedNamingTheColumnInBothLanguages() {
        String reason = rejected(bundled("hukou").map(RawRecord.of("l", with(hukouRow(), "出生日期", "2021-02-29"))));
        assertThat(reason).contains("出生日期").contains("2021-02 has no day 29").contains("2021年2月没有29日");
        reason = rejected(bundled("hukou").map(RawRecord.of("l", with(hukouRow(), "出生日期", "1985年13月"))));
        assertThat(reason).contains("出生日期").contains("there is no month 13");
    }

    @Test
    void timestampsWithoutOffsetAreReadInTheZoneTheSourceDeclares() throws Exception {
        String yaml = java.nio.file.Files.readString(BundledSources.directory().resolve("hotline12345.yaml"))
                .replace("format: json\n", "format: json\nzone: Asia/Urumqi\n");
        SourceMapping urumqi = SourceMapping.compile(DefinitionFiles.read(tmp, yaml), Ontology.bundled());
        assertThat(urumqi.definition().zoneId().getId()).isEqualTo("Asia/Urumqi");
        String json = """
                [{"caseNo": "c1", "receivedAt": "2024-06-01 09:15:00", "caller": {"idNumber": "110102199001010011"}},
                 {"caseNo": "c2", "receivedAt": "2024-06-01T01:15:00Z", "caller": {"idNumber": "110102199001010011"}}]
                """;
        List<RawRecord> records = new JsonRecordReader().read("c.json", json.getBytes(StandardCharsets.UTF_8), "auto");
        Object local = node(mapped(urumqi.map(records.get(0))), "case").properties().get("reportedAt");
        Object utc = node(mapped(urumqi.map(records.get(1))), "case").properties().get("reportedAt");
        assertThat(local).isEqualTo(OffsetDateTime.parse("2024-06-01T09:15+06:00"));
        assertThat(utc).isEqualTo(OffsetDateTime.parse("2024-06-01T01:15Z"));
        assertThat(((OffsetDateTime) local).toInstant()).isEqualTo(java.time.Instant.parse("2024-06-01T03:15:00Z"));
        Object shanghai = node(mapped(bundled("hotline12345").map(records.get(0))), "case").properties().get("reportedAt");
        assertThat(((OffsetDateTime) shanghai).toInstant()).isEqualTo(java.time.Instant.parse("2024-06-01T01:15:00Z"));
    }

    @Test
    void aHotlineAddressNamingACommunityIsLinkedToIt() throws Exception {
        String json = """
                [{"caseNo": "c3", "caller": {"idNumber": "110102199001010011"},
                  "address": "北京市西城区西长安街街道府右街南社区府右街17号3号楼2单元301室"}]
                """;
        List<RawRecord> records = new JsonRecordReader().read("c.json", json.getBytes(StandardCharsets.UTF_8), "auto");
        RecordAssertions a = mapped(bundled("hotline12345").map(records.get(0)));
        assertThat(node(a, "address").properties()).containsEntry("road", "府右街").containsEntry("unitNumber", "2");
        assertThat(node(a, "community").key()).isEqualTo("110102001004");
        assertThat(node(a, "community").mode()).isEqualTo(WriteMode.REFERENCE);
        assertThat(relationship(a, "IN_COMMUNITY").fromAlias()).isEqualTo("address");
    }

    @Test
    void aHukouCsvInGbkReadAndMappedKeepsTheLineAsProvenance() throws Exception {
        Map<String, Object> row = hukouRow();
        String csv = String.join(",", row.keySet()) + "\r\n"
                + String.join(",", row.values().stream().map(Object::toString).toList()) + "\r\n";
        List<RawRecord> records = new CsvRecordReader().read("hukou_2024.csv", csv.getBytes(Charset.forName("GBK")), "auto");

        RecordAssertions a = mapped(bundled("hukou").map(records.getFirst()));

        assertThat(a.record().location()).isEqualTo("hukou_2024.csv line 2");
        assertThat(node(a, "person").key()).isEqualTo(ID_15_AS_18);
        assertThat(relationship(a, "MEMBER_OF").properties()).containsEntry("relationToHead", "10"); // GB/T 4761 配偶
    }

    @Test
    void aWrongIdCheckCharacterIsRejectedNamingTheColumnAndTheCheckCharacter() {
        String reason = rejected(bundled("hukou").map(RawRecord.of("hukou.csv line 3",
                with(hukouRow(), "公民身份号码", ID_WRONG_CHECK))));

        assertThat(reason).contains("公民身份号码").contains(ID_WRONG_CHECK).contains("check character should be 1");
    }

    @Test
    void aRequiredEmptyFieldIsRejectedNamingIt() {
        SourceMapping hukou = bundled("hukou");
        for (String empty : new String[] {"", "　", "  "}) {
            String reason = rejected(hukou.map(RawRecord.of("hukou.csv line 4", with(hukouRow(), "姓名", empty))));
            assertThat(reason).as("姓名 = '%s'", empty).contains("姓名").contains("required");
        }
        Map<String, Object> missing = hukouRow();
        missing.remove("户号");
        assertThat(rejected(hukou.map(RawRecord.of("hukou.csv line 5", missing)))).contains("户号").contains("required");
    }

    @Test
    void anOptionalEmptyFieldIsLeftOutAndItsNodeAndRelationshipsToo() {
        Map<String, Object> row = with(with(hukouRow(), "住址", ""), "民族", null);

        RecordAssertions a = mapped(bundled("hukou").map(RawRecord.of("hukou.csv line 6", row)));

        assertThat(a.node("address")).isEmpty();
        assertThat(a.relationships()).extracting(r -> r.type().type()).containsExactly("MEMBER_OF");
        assertThat(node(a, "person").properties()).doesNotContainKey("ethnicity");
    }

    @Test
    void anInvalidOptionalValueStillRejectsTheRecordNamingTheColumn() {
        String reason = rejected(bundled("hukou").map(RawRecord.of("hukou.csv line 7", with(hukouRow(), "出生日期", "1985年2月30日"))));
        assertThat(reason).contains("出生日期").contains("1985年2月30日");
    }

    @Test
    void aBrokenRecordIsRejectedWithTheReadersReason() {
        RawRecord broken = RawRecord.broken("hukou.csv line 8", Map.of("户号", "1"), "expected 9 columns as in the header, found 1");
        assertThat(rejected(bundled("hukou").map(broken))).isEqualTo("expected 9 columns as in the header, found 1");
    }

    @Test
    void theSameRowMappedTwiceHasTheSameContentHashAndAChangedValueAnother() {
        SourceMapping hukou = bundled("hukou");
        RecordAssertions first = mapped(hukou.map(RawRecord.of("hukou_2024.csv line 2", hukouRow())));
        RecordAssertions again = mapped(hukou.map(RawRecord.of("hukou_2025.csv line 17", hukouRow())));
        RecordAssertions changed = mapped(hukou.map(RawRecord.of("hukou_2024.csv line 2", with(hukouRow(), "民族", "回族"))));

        assertThat(first.record().contentHash()).matches("[0-9a-f]{64}");
        assertThat(again.record().contentHash()).isEqualTo(first.record().contentHash());
        assertThat(again.record().data()).isEqualTo(first.record().data());
        assertThat(changed.record().recordKey()).isEqualTo(first.record().recordKey());
        assertThat(changed.record().contentHash()).isNotEqualTo(first.record().contentHash());
    }

    @Test
    void theContentHashIsOfNormalisedValuesSoAReformattedExportIsUnchanged() {
        SourceMapping hukou = bundled("hukou");
        Map<String, Object> reformatted = with(with(with(hukouRow(),
                "公民身份号码", ID_15_AS_18.toLowerCase()),
                "出生日期", "1985-03-07"),
                "户号", "012345678");

        assertThat(mapped(hukou.map(RawRecord.of("a.csv line 2", reformatted))).record().contentHash())
                .isEqualTo(mapped(hukou.map(RawRecord.of("b.csv line 9", hukouRow()))).record().contentHash());
    }

    private static Map<String, Object> h2VehicleRow(Object registeredOn) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("RECORD_ID", 1001);
        row.put("PLATE_NO", "京a·１２３４５");
        row.put("OWNER_ID_NUMBER", ID_VALID);
        row.put("OWNER_NAME", "张三");
        row.put("VEHICLE_TYPE", "小型轿车");
        row.put("BRAND", "红旗");
        row.put("REGISTERED_ON", registeredOn);
        return row;
    }

    @Test
    void jdbcRowsWithUpperCaseColumnsAndSqlDatesMap() {
        SourceMapping vehicles = bundled("vehicles");
        for (Object registeredOn : new Object[] {java.sql.Date.valueOf("2019-05-01"), Timestamp.valueOf("2019-05-01 00:00:00")}) {
            RecordAssertions a = mapped(vehicles.map(RawRecord.of("vehicle_registration RECORD_ID=1001", h2VehicleRow(registeredOn))));

            assertThat(a.record().recordKey()).isEqualTo("1001");
            NodeAssertion vehicle = node(a, "vehicle");
            assertThat(vehicle.primary()).isTrue();
            assertThat(vehicle.mode()).isEqualTo(WriteMode.AUTHORITATIVE);
            assertThat(vehicle.key()).isEqualTo("京A12345");
            assertThat(vehicle.properties())
                    .containsEntry("registeredOn", LocalDate.of(2019, 5, 1))
                    .containsEntry("brand", "红旗")
                    .containsEntry("vehicleType", "小型轿车");
            NodeAssertion owner = node(a, "owner");
            assertThat(owner.key()).isEqualTo(ID_VALID);
            assertThat(owner.mode()).isEqualTo(WriteMode.FILL);
            assertThat(owner.properties()).containsEntry("name", "张三");
            assertThat(relationship(a, "OWNS")).extracting(RelationshipAssertion::fromAlias, RelationshipAssertion::toAlias)
                    .containsExactly("owner", "vehicle");
        }
    }

    @Test
    void aJdbcTimestampWithATimeOfDayIsRejectedForADateField() {
        String reason = rejected(bundled("vehicles").map(RawRecord.of("vehicle_registration RECORD_ID=1001",
                h2VehicleRow(Timestamp.valueOf("2019-05-01 08:30:00")))));
        assertThat(reason).containsIgnoringCase("registered_on").contains("time of day");
    }

    @Test
    void jdbcColumnsMatchInAnyCase() {
        Map<String, Object> lower = new LinkedHashMap<>();
        h2VehicleRow(java.sql.Date.valueOf("2019-05-01")).forEach((k, v) -> lower.put(k.toLowerCase(), v));
        RecordAssertions a = mapped(bundled("vehicles").map(RawRecord.of("row", lower)));
        assertThat(a.record().recordKey()).isEqualTo("1001");
        assertThat(node(a, "vehicle").key()).isEqualTo("京A12345");
    }

    private static final String HOTLINE_JSON = """
            [
              {"caseNo": "12345-2024-000123", "receivedAt": "2024-06-01 09:15:00", "category": "噪音扰民",
               "status": "已受理", "description": "夜间施工噪音",
               "caller": {"idNumber": "11010519780512003x", "name": "李 明", "phone": "+86 138 0013 8000"},
               "address": "北京市西城区德胜街道新外大街８号"},
              {"caseNo": "12345-2024-000124", "caller": {"name": "匿名"}},
              {"caseNo": "12345-2024-000125", "caller": {"idNumber": "110102199001010011"}}
            ]
            """;

    @Test
    void aHotlineRecordWithANestedCallerMapsToACaseReportedByThatPerson() throws Exception {
        List<RawRecord> records = new JsonRecordReader().read("cases_2024.json", HOTLINE_JSON.getBytes(StandardCharsets.UTF_8), "auto");
        SourceMapping hotline = bundled("hotline12345");

        RecordAssertions a = mapped(hotline.map(records.get(0)));

        assertThat(a.record().recordKey()).isEqualTo("12345-2024-000123");
        assertThat(a.record().location()).isEqualTo("cases_2024.json [0]");
        NodeAssertion kase = node(a, "case");
        assertThat(kase.type().label()).isEqualTo("Case");
        assertThat(kase.primary()).isTrue();
        assertThat(kase.mode()).isEqualTo(WriteMode.AUTHORITATIVE);
        assertThat(kase.key()).isEqualTo("12345-2024-000123");
        assertThat(kase.properties())
                .containsEntry("reportedAt", OffsetDateTime.parse("2024-06-01T09:15+08:00")) // Asia/Shanghai by default
                .containsEntry("category", "噪音扰民");
        NodeAssertion caller = node(a, "caller");
        assertThat(caller.type().label()).isEqualTo("Person");
        assertThat(caller.primary()).isFalse();
        assertThat(caller.mode()).isEqualTo(WriteMode.FILL);
        assertThat(caller.key()).isEqualTo("11010519780512003X");
        assertThat(caller.properties()).containsEntry("name", "李明").containsEntry("phone", "+8613800138000")
                .containsEntry("nameKey", "李明");
        assertThat(relationship(a, "REPORTED_BY")).extracting(RelationshipAssertion::fromAlias, RelationshipAssertion::toAlias)
                .containsExactly("case", "caller");
        assertThat(node(a, "address").key()).isEqualTo("新外大街8号");
        assertThat(relationship(a, "CONCERNS").toAlias()).isEqualTo("address");
    }

    @Test
    void aHotlineCallerWithoutAnIdNumberIsAProvisionalPersonForEntityResolution() throws Exception {
        List<RawRecord> records = new JsonRecordReader().read("cases_2024.json", HOTLINE_JSON.getBytes(StandardCharsets.UTF_8), "auto");
        RecordAssertions a = mapped(bundled("hotline12345").map(records.get(1)));
        NodeAssertion caller = node(a, "caller");
        assertThat(caller.provisional()).isTrue();
        assertThat(caller.keyProperty().name()).isEqualTo("entityId");
        assertThat(caller.key()).isEqualTo(org.jiedao.hub.ontology.assertion.EntityIds.of(a.record().uid(), "caller"));
        assertThat(caller.properties()).containsEntry("nameKey", "匿名").doesNotContainKey("idNumber");
        assertThat(relationship(a, "REPORTED_BY").toAlias()).isEqualTo("caller");
    }

    @Test
    void aHotlineCallerWithAMistypedIdNumberIsRejectedNamingTheJsonPath() throws Exception {
        List<RawRecord> records = new JsonRecordReader().read("cases_2024.json", HOTLINE_JSON.getBytes(StandardCharsets.UTF_8), "auto");
        Map<String, Object> values = new LinkedHashMap<>(records.get(1).values());
        values.put("caller.idNumber", "110102199001010012");
        RawRecord mistyped = new RawRecord(records.get(1).location(), values, null);
        assertThat(rejected(bundled("hotline12345").map(mistyped))).contains("caller.idNumber").contains("GB 11643");
    }

    @Test
    void aHotlineRecordWithoutAddressHasNoAddressNodeNorConcerns() throws Exception {
        List<RawRecord> records = new JsonRecordReader().read("cases_2024.json", HOTLINE_JSON.getBytes(StandardCharsets.UTF_8), "auto");
        RecordAssertions a = mapped(bundled("hotline12345").map(records.get(2)));
        assertThat(a.node("address")).isEmpty();
        assertThat(a.relationships()).extracting(r -> r.type().type()).containsExactly("REPORTED_BY");
    }

    @Test
    void anEmptyRecordKeyPartRejectsTheRecordInsteadOfSharingAKey() {
        String yaml = replace(VALID, "recordKey: '{householdNumber}-{idNumber}'", "recordKey: '{idNumber}-{plate}'");
        SourceMapping m = SourceMapping.compile(DefinitionFiles.read(tmp, yaml), Ontology.bundled());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("户号", "1");
        row.put("公民身份号码", ID_VALID);

        assertThat(rejected(m.map(RawRecord.of("x.csv line 2", row)))).contains("号牌号码").contains("record key");
        row.put("号牌号码", "京A12345");
        assertThat(mapped(m.map(RawRecord.of("x.csv line 2", row))).record().recordKey()).isEqualTo(ID_VALID + "-京A12345");
    }
}

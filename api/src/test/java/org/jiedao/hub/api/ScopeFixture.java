package org.jiedao.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jiedao.hub.graph.schema.GraphSchema;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.graph.write.RecordWriter;
import org.jiedao.hub.loaders.mapping.MappingOutcome;
import org.jiedao.hub.loaders.mapping.SourceMapping;
import org.jiedao.hub.loaders.normalise.IdNumber;
import org.jiedao.hub.loaders.normalise.Normalisers;
import org.jiedao.hub.loaders.read.RawRecord;
import org.jiedao.hub.loaders.reference.DivisionAssertions;
import org.jiedao.hub.loaders.reference.DivisionCodes;
import org.jiedao.hub.loaders.source.Placeholders;
import org.jiedao.hub.loaders.source.SourceDefinitions;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.assertion.ContentHash;
import org.jiedao.hub.ontology.assertion.NodeAssertion;
import org.jiedao.hub.ontology.assertion.RecordAssertions;
import org.jiedao.hub.ontology.assertion.RecordRef;
import org.jiedao.hub.ontology.assertion.RelationshipAssertion;
import org.jiedao.hub.ontology.assertion.WriteMode;

/**
 * Two communities and their people, for the row-level scope tests, written through the real writer; residents
 * come from household-registry rows mapped by the real hukou source definition (so their pinyin is derived as in
 * production).
 *
 * <ul>
 *   <li>Community A ({@value #COMMUNITY_A}, 府右街南社区): 林晓雨 ({@link #A1}, head of household {@value #HOUSEHOLD_A})
 *       and 王芳 ({@link #A2}) at 府右街12号; 林晓雨 owns {@value #VEHICLE_A}; case {@value #CASE_A} concerns
 *       府右街12号; case {@value #CASE_A2} concerns 府右街14号, also in A; 陈静 ({@link #STAYING}) lives at
 *       府右街12号 until 2099.</li>
 *   <li>Community B ({@value #COMMUNITY_B}, 义达里社区): 赵敏 ({@link #B1}, head of {@value #HOUSEHOLD_B}) and 钱多多
 *       ({@link #B2}) at 义达里5号; 赵敏 owns {@value #VEHICLE_B} and is also a member of household A; complaint
 *       {@value #CASE_B} concerns 义达里5号; 周敏 ({@link #MOVED}) lived at 府右街12号 until 2023-06-30 and lives at
 *       义达里5号 since.</li>
 *   <li>Across: 赵敏 (B) reported both A cases. So the shortest path from 林晓雨 to case {@value #CASE_A2} runs
 *       through 赵敏 (林晓雨 - household A - 赵敏 - case, 3 hops), and the shortest inside A through the community
 *       (林晓雨 - 府右街12号 - A - 府右街14号 - case, 4 hops).</li>
 * </ul>
 */
final class ScopeFixture {
    static final Ontology O = ApiFixture.O;
    static final String COMMUNITY_A = "110102001004";
    static final String COMMUNITY_B = "110102001026";
    static final String A1 = id("11010219900101001");
    static final String A2 = "110102199203040024";
    static final String STAYING = id("11010219850607004");
    static final String B1 = id("11010219881112003");
    static final String B2 = id("11010219951225005");
    static final String MOVED = id("11010219770303006");
    static final String HOUSEHOLD_A = "HA1";
    static final String HOUSEHOLD_B = "HB1";
    static final String VEHICLE_A = "京A12345";
    static final String VEHICLE_B = "京B67890";
    static final String CASE_A = "12345-A1";
    static final String CASE_A2 = "12345-A2";
    static final String CASE_B = "12345-B1";
    static final String ADDRESS_A = "府右街12号";
    static final String ADDRESS_A2 = "府右街14号";
    static final String ADDRESS_B = "义达里5号";

    private ScopeFixture() {
    }

    private static String id(String first17) {
        return first17 + IdNumber.checkCharacter(first17);
    }

    /** Empties TestNeo4j and writes the graph described above. */
    static void writeGraph(Path tmp) throws Exception {
        TestNeo4j.clear();
        new GraphSchema(O).apply(TestNeo4j.driver());
        RecordWriter writer = new RecordWriter(TestNeo4j.driver());
        writer.write(DivisionAssertions.of(DivisionCodes.xicheng(), O, "xicheng_110102.csv"), List.of());
        SourceMapping hukou = SourceMapping.compile(SourceDefinitions.read(configSources().resolve("hukou.yaml"),
                new Placeholders(Map.of("HUB_DATA_DIR", tmp.toString())), tmp), O);
        List<RecordAssertions> records = new ArrayList<>();
        records.add(mapped(hukou, hukouRow(HOUSEHOLD_A, A1, "林晓雨", "户主", ADDRESS_A, COMMUNITY_A)));
        records.add(mapped(hukou, hukouRow(HOUSEHOLD_A, A2, "王芳", "配偶", ADDRESS_A, COMMUNITY_A)));
        records.add(mapped(hukou, hukouRow(HOUSEHOLD_B, B1, "赵敏", "户主", ADDRESS_B, COMMUNITY_B)));
        records.add(mapped(hukou, hukouRow(HOUSEHOLD_B, B2, "钱多多", "子", ADDRESS_B, COMMUNITY_B)));
        String a = address(ADDRESS_A);
        String a2 = address(ADDRESS_A2);
        String b = address(ADDRESS_B);
        records.add(record("hukou", "HA1-member-" + B1, List.of(person("p", B1), node("h", "Household", HOUSEHOLD_A, Map.of("householdNumber", HOUSEHOLD_A))),
                List.of(new RelationshipAssertion(O.relationshipType("MEMBER_OF"), "p", "h", Map.of("relationToHead", ApiFixture.code(O.relationshipType("MEMBER_OF").property("relationToHead").orElseThrow(), "其他"))))));
        records.add(record("hukou", "moved-" + MOVED, List.of(
                        new NodeAssertion("p", O.nodeType("Person"), MOVED, Map.of("idNumber", MOVED, "name", "周敏"), WriteMode.AUTHORITATIVE, true),
                        node("a", "Address", a, Map.of("text", a)), node("b", "Address", b, Map.of("text", b))),
                List.of(rel("RESIDES_AT", "p", "a", Map.of("validFrom", LocalDate.of(2015, 1, 1), "validTo", LocalDate.of(2023, 6, 30))),
                        rel("RESIDES_AT", "p", "b", Map.of("validFrom", LocalDate.of(2023, 6, 30))))));
        records.add(record("hukou", "staying-" + STAYING, List.of(
                        new NodeAssertion("p", O.nodeType("Person"), STAYING, Map.of("idNumber", STAYING, "name", "陈静"), WriteMode.AUTHORITATIVE, true),
                        node("a", "Address", a, Map.of("text", a))),
                List.of(rel("RESIDES_AT", "p", "a", Map.of("validFrom", LocalDate.of(2015, 1, 1), "validTo", LocalDate.of(2099, 12, 31))))));
        records.add(vehicle(VEHICLE_A, A1));
        records.add(vehicle(VEHICLE_B, B1));
        records.add(hotlineCase("Case", CASE_A, a, B1));
        records.add(record("address", a2, List.of(node("a", "Address", a2, Map.of("text", a2)),
                        new NodeAssertion("c", O.nodeType("Community"), COMMUNITY_A, Map.of(), WriteMode.REFERENCE, false)),
                List.of(rel("IN_COMMUNITY", "a", "c", Map.of()))));
        records.add(hotlineCase("Case", CASE_A2, a2, B1));
        records.add(hotlineCase("Complaint", CASE_B, b, B2));
        writer.write(records, List.of());
    }

    /** @return the address text as the loaders store it */
    static String address(String text) throws Exception {
        return String.valueOf(Normalisers.byName("address").normalise(text));
    }

    private static RecordAssertions vehicle(String plate, String owner) {
        return record("vehicles", plate, List.of(
                        new NodeAssertion("v", O.nodeType("Vehicle"), plate, Map.of("plate", plate), WriteMode.AUTHORITATIVE, true),
                        person("o", owner)),
                List.of(rel("OWNS", "o", "v", Map.of())));
    }

    private static RecordAssertions hotlineCase(String label, String number, String address, String reporter) {
        return record("hotline12345", number, List.of(
                        new NodeAssertion("c", O.nodeType(label), number, Map.of("caseNumber", number, "category", "噪音扰民",
                                "reportedAt", LocalDateTime.of(2026, 3, 14, 9, 21, 5)), WriteMode.AUTHORITATIVE, true),
                        node("a", "Address", address, Map.of("text", address)), person("p", reporter)),
                List.of(rel("CONCERNS", "c", "a", Map.of()), rel("REPORTED_BY", "c", "p", Map.of())));
    }

    private static Map<String, Object> hukouRow(String household, String idNumber, String name, String relation, String address,
                                                String community) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("户号", household);
        row.put("姓名", name);
        row.put("性别", idNumber.charAt(16) % 2 == 1 ? "男" : "女");
        row.put("出生日期", idNumber.substring(6, 10) + "-" + idNumber.substring(10, 12) + "-" + idNumber.substring(12, 14));
        row.put("公民身份号码", idNumber);
        row.put("与户主关系", relation);
        row.put("住址", address);
        row.put("社区代码", community);
        return row;
    }

    private static RecordAssertions mapped(SourceMapping mapping, Map<String, Object> row) {
        MappingOutcome outcome = mapping.map(RawRecord.of("test line", row));
        assertThat(outcome).as(outcome.toString()).isInstanceOf(MappingOutcome.Mapped.class);
        return ((MappingOutcome.Mapped) outcome).assertions();
    }

    private static Path configSources() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("config/sources"))) {
                return p.resolve("config/sources");
            }
        }
        throw new IllegalStateException("config/sources not found above " + Path.of("").toAbsolutePath());
    }

    private static NodeAssertion person(String alias, String idNumber) {
        return new NodeAssertion(alias, O.nodeType("Person"), idNumber, Map.of("idNumber", idNumber), WriteMode.FILL, false);
    }

    private static NodeAssertion node(String alias, String label, Object key, Map<String, Object> props) {
        return new NodeAssertion(alias, O.nodeType(label), key, props, WriteMode.FILL, false);
    }

    private static RelationshipAssertion rel(String type, String from, String to, Map<String, Object> props) {
        return new RelationshipAssertion(O.relationshipType(type), from, to, props);
    }

    private static RecordAssertions record(String source, String key, List<NodeAssertion> nodes, List<RelationshipAssertion> rels) {
        return new RecordAssertions(new RecordRef(source, key, source + " test", ContentHash.of(source + key), "{}"), nodes, rels);
    }
}

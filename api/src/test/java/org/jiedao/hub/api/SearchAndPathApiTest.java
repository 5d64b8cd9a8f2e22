package org.jiedao.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;

import graphql.GraphQL;

import org.jiedao.hub.api.query.QueryContext;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.graph.write.RecordWriter;
import org.jiedao.hub.loaders.mapping.MappingOutcome;
import org.jiedao.hub.loaders.mapping.SourceMapping;
import org.jiedao.hub.loaders.read.RawRecord;
import org.jiedao.hub.loaders.source.Placeholders;
import org.jiedao.hub.loaders.source.SourceDefinitions;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.assertion.ContentHash;
import org.jiedao.hub.ontology.assertion.NodeAssertion;
import org.jiedao.hub.ontology.assertion.RecordAssertions;
import org.jiedao.hub.ontology.assertion.RecordRef;
import org.jiedao.hub.ontology.assertion.WriteMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code search} and {@code path} over the API fixture's graph, where the household registry's rows for 林晓雨 and
 * 王芳 are mapped by the real hukou source definition (so their pinyin is derived as in production), plus a hotline
 * case that mentions a vehicle it asserts no relationship with, and 林小雨, who sounds the same.
 */
class SearchAndPathApiTest {
    private static final Ontology O = ApiFixture.O;
    private static String id;
    private static ExecutorService blocking;
    private static QueryContext context;
    private static GraphQL graphql;

    @BeforeAll
    static void graph(@TempDir Path tmp) throws Exception {
        id = ApiFixture.writeGraph();
        SourceMapping hukou = SourceMapping.compile(SourceDefinitions.read(configSources().resolve("hukou.yaml"),
                new Placeholders(Map.of("HUB_DATA_DIR", tmp.toString())), tmp), O);
        List<RecordAssertions> records = new ArrayList<>();
        records.add(mapped(hukou, hukouRow(ApiFixture.OLD_ID, "林晓雨", "户主")));
        records.add(mapped(hukou, hukouRow(ApiFixture.SPOUSE_ID, "王芳", "配偶")));
        records.add(mapped(hukou, hukouRow("110102199505050017", "林小雨", "户主")));
        // a case that mentions a vehicle without asserting any relationship with it: linked through its record only
        records.add(new RecordAssertions(new RecordRef("hotline12345", "12345-7", "test", ContentHash.of("12345-7"), "{}"), List.of(
                new NodeAssertion("c", O.nodeType("Case"), "12345-7", Map.of("caseNumber", "12345-7"), WriteMode.AUTHORITATIVE, true),
                new NodeAssertion("v", O.nodeType("Vehicle"), "京C11111", Map.of("plate", "京C11111"), WriteMode.FILL, false)), List.of()));
        new RecordWriter(TestNeo4j.driver()).write(records, List.of());
        blocking = Executors.newVirtualThreadPerTaskExecutor();
        context = GraphQLFactory.context(O, TestNeo4j.driver(), blocking, QueryLimits.DEFAULTS);
        graphql = GraphQLFactory.create(context);
    }

    @AfterAll
    static void stop() {
        blocking.shutdownNow();
    }

    private static Path configSources() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("config/sources"))) {
                return p.resolve("config/sources");
            }
        }
        throw new IllegalStateException("config/sources not found above " + Path.of("").toAbsolutePath());
    }

    private static Map<String, Object> hukouRow(String idNumber, String name, String relation) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("户号", idNumber.startsWith("1101021995") ? "H2" : "H1");
        row.put("姓名", name);
        row.put("性别", "男");
        row.put("出生日期", "1990-01-01");
        row.put("公民身份号码", idNumber);
        row.put("与户主关系", relation);
        row.put("住址", idNumber.startsWith("1101021995") ? "府右街14号" : "府右街12号");
        row.put("社区代码", "110102001004");
        return row;
    }

    private static RecordAssertions mapped(SourceMapping mapping, Map<String, Object> row) {
        MappingOutcome outcome = mapping.map(RawRecord.of("test line", row));
        assertThat(outcome).isInstanceOf(MappingOutcome.Mapped.class);
        return ((MappingOutcome.Mapped) outcome).assertions();
    }

    /** Runs a query on the engine and returns the response as the client sees it (the spec's JSON shape). */
    private static JsonNode run(String query) {
        return ApiFixture.JSON.valueToTree(graphql.execute(QueryFixture.asAdmin(query)).toSpecification());
    }

    private static String quoted(String s) {
        try {
            return ApiFixture.JSON.writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- search

    @ParameterizedTest
    @ValueSource(strings = {"林晓雨", "晓雨", "linxiaoyu", "lin xiao yu", "Lin Xiaoyu", "lxy", "LXY", "林曉雨", "林 xiaoyu"})
    void everyWayOfWritingTheNameFindsLinXiaoyuFirst(String text) {
        JsonNode r = run("{ search(text: %s) { type key label score person { idNumber name household { householdNumber } } } }"
                .formatted(quoted(text)));
        assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
        JsonNode hit = r.path("data").path("search").get(0);
        assertThat(hit.path("type").asText()).isEqualTo("Person");
        assertThat(hit.path("key").asText()).isEqualTo(id);
        assertThat(hit.path("label").asText()).isEqualTo("林晓雨");
        assertThat(hit.path("score").asDouble()).isPositive();
        assertThat(hit.path("person").path("name").asText()).isEqualTo("林晓雨");
        assertThat(hit.path("person").path("household").path("householdNumber").asText()).isEqualTo("H1");
    }

    @Test
    void chineseCharactersDoNotFindAHomophoneButPinyinFindsBoth() {
        List<String> byHan = run("{ search(text: \"林晓雨\") { label } }").path("data").path("search").findValuesAsText("label");
        assertThat(byHan).contains("林晓雨").doesNotContain("林小雨");
        List<String> byPinyin = run("{ search(text: \"linxiaoyu\") { label } }").path("data").path("search").findValuesAsText("label");
        assertThat(byPinyin).contains("林晓雨", "林小雨");
    }

    @ParameterizedTest
    @ValueSource(strings = {"title:*", "\"", "林晓雨\"", "(", "AND", "*", "\\", "lin~ OR yu^2", "[a TO z]", "name:林*", "!", "-", "&&", "/regex/"})
    void luceneQuerySyntaxIsSearchedAsTextNeverAnError(String text) {
        JsonNode r = run("{ search(text: %s) { type key } }".formatted(quoted(text)));
        assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
        assertThat(r.path("data").path("search").isArray()).isTrue();
    }

    @Test
    void theTypesFilterKeepsOnlyHitsOfThoseTypes() {
        JsonNode addresses = run("{ search(text: \"府右街12号\", types: [Address]) { type key address { text residents { name } } } }")
                .path("data").path("search");
        assertThat(addresses.findValuesAsText("type")).isNotEmpty().containsOnly("Address");
        assertThat(addresses.get(0).path("key").asText()).isEqualTo("府右街12号");
        assertThat(addresses.get(0).path("address").path("residents").findValuesAsText("name")).contains("林晓雨");
        assertThat(run("{ search(text: \"fuyoujie 12\", types: [Address]) { key } }").path("data").path("search").findValuesAsText("key"))
                .contains("府右街12号");
        assertThat(run("{ search(text: \"府右街12号\", types: [Person]) { key } }").path("data").path("search")).isEmpty();
        JsonNode community = run("{ search(text: \"府右街南社区\", types: [Community]) { key community { name } } }").path("data").path("search");
        assertThat(community.get(0).path("key").asText()).isEqualTo("110102001004");
        assertThat(run("{ search(text: \"fuyoujienan\", types: [Community]) { key } }").path("data").path("search").findValuesAsText("key"))
                .contains("110102001004");
    }

    @Test
    void firstLimitsTheHitsAndIsChecked() {
        assertThat(run("{ search(text: \"fuyoujie\", first: 1) { key } }").path("data").path("search")).hasSize(1);
        JsonNode r = run("{ search(text: \"fuyoujie\", first: 1000) { key } }");
        assertThat(r.path("errors").get(0).path("extensions").path("code").asText()).isEqualTo("BAD_USER_INPUT");
        assertThat(r.path("errors").get(0).path("message").asText()).contains("first").contains("100");
    }

    @Test
    void oneSearchIsOneStatementWhateverItSelects() {
        long before = context.cypher().statementCount();
        JsonNode r = run("""
                { search(text: "lin 府右街") { type person { name vehicles { plate owner { name } } cases { caseNumber } }
                    address { text community { name } } } }""");
        assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
        assertThat(context.cypher().statementCount() - before).isEqualTo(1);
    }

    // ---------------------------------------------------------------- path

    private static final String PATH = """
            { path(from: {type: "%s", key: "%s"}, to: {type: "%s", key: "%s"}%s) {
                length nodes { type key label } relationships { type label from to } } }""";

    private static JsonNode path(String fromType, String fromKey, String toType, String toKey, String extra) {
        return run(PATH.formatted(fromType, fromKey, toType, toKey, extra));
    }

    @Test
    void aVehicleIsConnectedToACaseThroughItsOwner() {
        long before = context.cypher().statementCount();
        JsonNode r = path("Vehicle", "京a·12345", "Case", "12345-1", "");
        assertThat(context.cypher().statementCount() - before).as("one statement").isEqualTo(1);
        JsonNode p = r.path("data").path("path");
        assertThat(p.path("length").asInt()).as(r.toString()).isEqualTo(2);
        assertThat(p.path("nodes").findValuesAsText("type")).containsExactly("Vehicle", "Person", "Case");
        assertThat(p.path("nodes").findValuesAsText("key")).containsExactly("京A12345", id, "12345-1");
        assertThat(p.path("nodes").get(1).path("label").asText()).isEqualTo("林晓雨");
        JsonNode owns = p.path("relationships").get(0);
        assertThat(owns.path("type").asText()).isEqualTo("OWNS");
        assertThat(owns.path("label").asText()).contains(O.relationshipType("OWNS").labelZh()).contains(O.relationshipType("OWNS").labelEn());
        assertThat(owns.path("from").asInt()).as("the person owns the vehicle").isEqualTo(1);
        assertThat(owns.path("to").asInt()).isEqualTo(0);
        JsonNode reported = p.path("relationships").get(1);
        assertThat(reported.path("type").asText()).isEqualTo("REPORTED_BY");
        assertThat(reported.path("from").asInt()).as("the case was reported by the person").isEqualTo(2);
        assertThat(reported.path("to").asInt()).isEqualTo(1);
    }

    @Test
    void keysAreNormalisedLikeTheLookups() {
        JsonNode p = path("Person", ApiFixture.OLD_ID, "Vehicle", "京B 67890", "").path("data").path("path");
        assertThat(p.path("length").asInt()).isEqualTo(1);
        assertThat(p.path("nodes").get(0).path("key").asText()).isEqualTo(id);
        JsonNode bad = path("Person", "110102199001010012", "Vehicle", "京B67890", "");
        assertThat(bad.path("errors").get(0).path("extensions").path("code").asText()).isEqualTo("BAD_USER_INPUT");
        assertThat(bad.path("errors").get(0).path("message").asText()).contains("from.key");
    }

    @Test
    void notConnectedOrMissingOrTooFarIsNull() {
        assertThat(path("Vehicle", "京C11111", "Person", id, "").path("data").path("path").isNull()).isTrue();
        assertThat(path("Vehicle", "京Z99999", "Person", id, "").path("data").path("path").isNull()).isTrue();
        JsonNode r = path("Vehicle", "京A12345", "Case", "12345-1", ", maxHops: 1");
        assertThat(r.path("errors").isMissingNode()).isTrue();
        assertThat(r.path("data").path("path").isNull()).isTrue();
    }

    @Test
    void aPathNeverPassesThroughProvenance() {
        // the case's record resolves to the case and mentions the vehicle: two hops through a SourceRecord
        try (var session = TestNeo4j.driver().session()) {
            long viaRecord = session.run("MATCH p = shortestPath((:Case {caseNumber: '12345-7'})-[*..4]-(:Vehicle {plate: '京C11111'})) "
                    + "RETURN length(p) AS l").single().get("l").asLong();
            assertThat(viaRecord).isEqualTo(2);
        }
        assertThat(path("Case", "12345-7", "Vehicle", "京C11111", ", maxHops: 6").path("data").path("path").isNull()).isTrue();
        JsonNode prov = path("SourceRecord", "x", "Vehicle", "京C11111", "");
        assertThat(prov.path("errors").get(0).path("extensions").path("code").asText()).isEqualTo("BAD_USER_INPUT");
    }

    @Test
    void maxHopsAndTypesAreChecked() {
        JsonNode far = path("Vehicle", "京A12345", "Case", "12345-1", ", maxHops: 7");
        assertThat(far.path("errors").get(0).path("extensions").path("code").asText()).isEqualTo("BAD_USER_INPUT");
        assertThat(far.path("errors").get(0).path("message").asText()).contains("maxHops").contains("6");
        assertThat(path("Vehicle", "京A12345", "Case", "12345-1", ", maxHops: 0").path("errors").get(0).path("message").asText())
                .contains("maxHops");
        JsonNode unknown = path("Alien", "1", "Case", "12345-1", "");
        assertThat(unknown.path("errors").get(0).path("extensions").path("code").asText()).isEqualTo("BAD_USER_INPUT");
        assertThat(unknown.path("errors").get(0).path("message").asText()).contains("Alien").contains("Person").contains("Vehicle");
        assertThat(unknown.path("data").path("path").isNull()).isTrue();
    }

    @Test
    void anEntityIsConnectedToItselfByAnEmptyPath() {
        JsonNode p = path("Person", id, "Person", ApiFixture.OLD_ID, "").path("data").path("path");
        assertThat(p.path("length").asInt()).isZero();
        assertThat(p.path("nodes")).hasSize(1);
        assertThat(p.path("relationships")).isEmpty();
    }
}

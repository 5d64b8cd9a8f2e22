package org.jiedao.hub.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jiedao.hub.loaders.normalise.IdNumber;
import org.jiedao.hub.loaders.normalise.NormalisationException;
import org.jiedao.hub.loaders.normalise.Normaliser;
import org.jiedao.hub.loaders.normalise.Normalisers;
import org.jiedao.hub.loaders.normalise.Plate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiloGeneratorTest {

    @TempDir
    static Path tmp;

    static GeneratedSilos run;
    static Map<String, Truth> truth;
    static List<String[]> hukouRows;
    static List<Map<String, String>> vehicleRows;
    static List<JsonNode> cases;

    record Truth(String source, String key, String expected, String personId, String reason) {
    }

    @BeforeAll
    static void generateDefault() throws Exception {
        long t0 = System.nanoTime();
        run = SiloGenerator.withDefaults().generate(tmp.resolve("default"));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("default run: %d households, %d persons; hukou %s, vehicles %s, hotline %s; example %s; %d ms%n",
                run.households(), run.persons(), run.hukou(), run.vehicles(), run.hotline(), run.examplePerson(), ms);
        truth = readTruth(run.groundTruthCsv());
        hukouRows = readHukou(run.hukouCsv());
        vehicleRows = readVehicles(run.vehicleJdbcUrl(), SiloGenerator.H2_USER, SiloGenerator.H2_PASSWORD);
        cases = new ArrayList<>();
        ObjectMapper om = new ObjectMapper();
        for (Path f : run.hotlineFiles()) {
            om.readTree(f.toFile()).forEach(cases::add);
        }
    }

    // ------------------------------------------------------------------ determinism

    @Test
    void sameSeedGivesIdenticalFilesAndRows_otherSeedDiffers() throws Exception {
        SiloGenerator.Options small = SiloGenerator.Options.builder().persons(800).build();
        GeneratedSilos a = new SiloGenerator(small).generate(tmp.resolve("a"));
        GeneratedSilos b = new SiloGenerator(small).generate(tmp.resolve("b"));
        GeneratedSilos c = new SiloGenerator(small.toBuilder().seed(7).build()).generate(tmp.resolve("c"));

        for (Function<GeneratedSilos, Path> file : List.<Function<GeneratedSilos, Path>>of(GeneratedSilos::hukouCsv,
                GeneratedSilos::hotline2025Json, GeneratedSilos::hotline2026Json, GeneratedSilos::groundTruthCsv)) {
            assertThat(Files.readAllBytes(file.apply(b))).isEqualTo(Files.readAllBytes(file.apply(a)));
            assertThat(Files.readAllBytes(file.apply(c))).isNotEqualTo(Files.readAllBytes(file.apply(a)));
        }
        List<Map<String, String>> rowsA = readVehicles(a.vehicleJdbcUrl(), "sa", "");
        assertThat(readVehicles(b.vehicleJdbcUrl(), "sa", "")).isEqualTo(rowsA);
        assertThat(readVehicles(c.vehicleJdbcUrl(), "sa", "")).isNotEqualTo(rowsA);
        assertThat(b).usingRecursiveComparison().ignoringFields("outDir", "hukouCsv", "vehicleJdbcUrl",
                "hotline2025Json", "hotline2026Json", "groundTruthCsv").isEqualTo(a);
        assertThat(c.examplePerson()).isNotEqualTo(a.examplePerson());
    }

    @Test
    void regeneratingIntoTheSameDirectoryReplacesTheTable() throws Exception {
        SiloGenerator g = SiloGenerator.Options.builder().persons(300).generator();
        Path dir = tmp.resolve("again");
        GeneratedSilos first = g.generate(dir);
        GeneratedSilos second = g.generate(dir);
        assertThat(readVehicles(second.vehicleJdbcUrl(), "sa", "")).hasSize(first.vehicles().records());
    }

    @Test
    void defaultRunIsFastEnough() throws Exception {
        long t0 = System.nanoTime();
        SiloGenerator.withDefaults().generate(tmp.resolve("timed"));
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5_000);
    }

    // ------------------------------------------------------------------ formats

    @Test
    void hukouIsStrictGbkWithCrlfAndHeader() throws IOException {
        byte[] bytes = Files.readAllBytes(run.hukouCsv());
        String text = HukouSilo.GBK.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
        assertThat(text).startsWith("户号,姓名,性别,民族,出生日期,公民身份号码,与户主关系,住址,社区代码\r\n");
        assertThat(text.replace("\r\n", "")).doesNotContain("\n", "\r");
        assertThat(text.split("\r\n")).hasSize(run.persons() + 1);
        assertThat(bytes[0]).isNotEqualTo((byte) 0xEF); // no UTF-8 BOM
    }

    @Test
    void hukouFieldsHaveTheDocumentedShapes() {
        var communities = org.jiedao.hub.loaders.reference.DivisionCodes.xicheng().children("110102001").stream()
                .map(d -> d.code()).toList();
        for (String[] r : hukouRows) {
            assertThat(r).hasSize(9);
            assertThat(r[0]).matches("\\d{9}");
            assertThat(r[2]).isIn("男", "女");
            assertThat(r[3]).isIn("汉族", "回族", "满族", "蒙古族", "维吾尔族");
            assertThat(r[4]).matches("\\d{4}-\\d{2}-\\d{2}|\\d{4}/\\d{1,2}/\\d{1,2}|\\d{4}年\\d{1,2}月\\d{1,2}日");
            assertThat(r[6]).isIn("户主", "配偶", "子", "女", "父亲", "母亲", "妻", "儿子", "女儿");
            assertThat(r[7]).startsWith("北京市西城区西长安街街道");
            assertThat(r[8]).isIn(communities);
        }
        assertThat(hukouRows.stream().map(r -> r[0]).filter(s -> s.startsWith("0"))).isNotEmpty();
        assertThat(hukouRows.stream().filter(r -> r[1].contains("·"))).allSatisfy(r -> assertThat(r[3]).isEqualTo("维吾尔族"));
    }

    @Test
    void hotlineFilesAreUtf8JsonArraysWithoutBom() throws IOException {
        for (Path f : run.hotlineFiles()) {
            byte[] bytes = Files.readAllBytes(f);
            assertThat(bytes[0]).isEqualTo((byte) '[');
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
        }
        for (JsonNode c : cases) {
            assertThat(c.get("caseNo").asText()).matches("12345-\\d{8}-\\d{5}");
            assertThat(c.get("receivedAt").asText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
            assertThat(c.get("caseNo").asText().substring(6, 14))
                    .isEqualTo(c.get("receivedAt").asText().substring(0, 10).replace("-", ""));
            assertThat(c.get("category").asText()).isIn("噪音扰民", "停车管理", "环境卫生", "物业服务", "道路设施", "供暖");
            assertThat(c.get("status").asText()).isIn("已受理", "办理中", "已办结");
            assertThat(c.get("caller").get("phone").asText()).matches("1[3-9]\\d{9}");
            assertThat(c.get("description").asText()).endsWith("。");
        }
        assertThat(cases.stream().map(c -> c.get("caseNo").asText()).distinct()).hasSize(cases.size());
    }

    @Test
    void groundTruthHasOneRowPerRecord() {
        assertThat(truth).hasSize(run.totalRecords());
        assertThat(truth.values().stream().filter(t -> t.expected().equals("quarantined")))
                .hasSize(run.totalExpectedQuarantined())
                .allSatisfy(t -> assertThat(t.reason()).isNotBlank());
        assertThat(truth.values()).allSatisfy(t -> assertThat(t.personId()).hasSize(18));
    }

    // ------------------------------------------------------------------ validity per ground truth

    @Test
    void everyRecordIsValidOrBrokenExactlyAsTheGroundTruthSays() {
        Normaliser date = Normalisers.byName("date");
        Normaliser relation = Normalisers.byName("relationToHead");
        for (int i = 0; i < hukouRows.size(); i++) {
            String[] r = hukouRows.get(i);
            Truth t = truthOfHukouRow(r, i + 2);
            if (t.expected().equals("written")) {
                assertThatCode(() -> assertThat(IdNumber.parse(r[5]).value()).isEqualTo(t.personId()))
                        .as("hukou line %d %s", i + 2, r[5]).doesNotThrowAnyException();
                assertThatCode(() -> date.normalise(r[4])).doesNotThrowAnyException();
            } else {
                assertThat(failsId(r[5]) || fails(date, r[4])).as("hukou line %d", i + 2).isTrue();
            }
            assertThatCode(() -> relation.normalise(r[6])).doesNotThrowAnyException();
        }
        for (Map<String, String> v : vehicleRows) {
            Truth t = truth.get("vehicles/" + v.get("RECORD_ID"));
            assertThat(t).isNotNull();
            if (t.expected().equals("written")) {
                assertThatCode(() -> {
                    assertThat(IdNumber.parse(v.get("OWNER_ID_NUMBER")).value()).isEqualTo(t.personId());
                    Plate.parse(v.get("PLATE_NO"));
                }).as("vehicle %s", v).doesNotThrowAnyException();
            } else {
                assertThat(failsId(v.get("OWNER_ID_NUMBER")) || failsPlate(v.get("PLATE_NO"))).as("vehicle %s", v).isTrue();
            }
        }
        for (JsonNode c : cases) {
            Truth t = truth.get("hotline12345/" + c.get("caseNo").asText());
            JsonNode id = c.get("caller").get("idNumber");
            if (t.expected().equals("written") && t.reason().startsWith("no ID number")) {
                assertThat(id).as("case %s: the caller gave no ID number, entity resolution finds them", c).isNull();
                assertThat(c.get("caller").get("name").asText()).isNotBlank();
            } else if (t.expected().equals("written")) {
                assertThatCode(() -> assertThat(IdNumber.parse(id.asText()).value()).isEqualTo(t.personId()))
                        .as("case %s", c).doesNotThrowAnyException();
            } else {
                assertThat(id == null || failsId(id.asText())).as("case %s", c).isTrue();
            }
        }
    }

    @Test
    void hotlineAddressEqualsTheRegistryAddressAfterNormalisation() throws Exception {
        Normaliser address = Normalisers.byName("address");
        Map<String, String> registryAddress = new HashMap<>();
        for (int i = 0; i < hukouRows.size(); i++) {
            registryAddress.put(truthOfHukouRow(hukouRows.get(i), i + 2).personId(), hukouRows.get(i)[7]);
        }
        for (JsonNode c : cases) {
            String person = truth.get("hotline12345/" + c.get("caseNo").asText()).personId();
            assertThat(address.normalise(c.get("address").asText()))
                    .as("case %s", c.get("caseNo"))
                    .isEqualTo(address.normalise(registryAddress.get(person)));
        }
        assertThat(cases.stream().filter(c -> c.get("address").asText().startsWith("北京市西城区西长安街街道"))).isEmpty();
    }

    // ------------------------------------------------------------------ rates

    @Test
    void dirtAndBrokenRowsOccurAtAboutTheStatedRates() {
        int n = hukouRows.size();
        assertThat(rate(hukouRows.stream().filter(r -> r[5].length() == 15).count(), n)).isBetween(0.045, 0.075);
        assertThat(rate(hukouRows.stream().filter(r -> r[5].chars().anyMatch(ch -> ch >= 0xFF10 && ch <= 0xFF19)).count(), n))
                .isBetween(0.025, 0.055);
        long upperX = hukouRows.stream().filter(r -> r[5].length() == 18 && r[5].endsWith("X")).count();
        long lowerX = hukouRows.stream().filter(r -> r[5].length() == 18 && r[5].endsWith("x")).count();
        assertThat(lowerX).isPositive();
        assertThat(rate(lowerX, upperX + lowerX)).isBetween(0.3, 0.7);
        assertThat(hukouRows.stream().filter(r -> r[1].contains("\u3000"))).isNotEmpty();
        assertThat(hukouRows.stream().filter(r -> r[4].contains("年"))).isNotEmpty();
        assertThat(hukouRows.stream().filter(r -> !r[3].equals("汉族"))).isNotEmpty();

        assertThat(rate(run.hukou().expectedQuarantined(), run.hukou().records())).isBetween(0.007, 0.015);
        assertThat(run.vehicles().expectedQuarantined()).isGreaterThanOrEqualTo(1);
        assertThat(rate(run.vehicles().expectedQuarantined(), run.vehicles().records())).isBetween(0.003, 0.03);
        assertThat(run.hotline().expectedQuarantined()).isGreaterThanOrEqualTo(1);
        assertThat(rate(run.hotline().expectedQuarantined(), run.hotline().records())).isBetween(0.003, 0.03);

        // about 20% of households own a vehicle, some two; about 25% new-energy; about 40% written with '·'
        Map<String, Long> perOwnerHousehold = new HashMap<>();
        Map<String, String> householdOf = hukouRows.stream().collect(Collectors.toMap(
                r -> truthOfHukouRowKeyless(r), r -> r[0], (x, y) -> x));
        for (Map<String, String> v : vehicleRows) {
            String owner = truth.get("vehicles/" + v.get("RECORD_ID")).personId();
            perOwnerHousehold.merge(householdOf.get(owner), 1L, Long::sum);
        }
        assertThat(rate(perOwnerHousehold.size(), run.households())).isBetween(0.15, 0.25);
        assertThat(perOwnerHousehold.values()).contains(2L);
        assertThat(rate(vehicleRows.stream().filter(v -> v.get("VEHICLE_TYPE").equals("新能源小型汽车")).count(),
                vehicleRows.size())).isBetween(0.17, 0.33);
        assertThat(rate(vehicleRows.stream().filter(v -> v.get("PLATE_NO").contains("·")).count(), vehicleRows.size()))
                .isBetween(0.3, 0.5);
        assertThat(vehicleRows.stream().filter(v -> v.get("PLATE_NO").matches("京[a-z].*"))).isNotEmpty();

        // about 15% of persons filed cases, all adults; ~5% full-width caller IDs
        long callers = cases.stream().map(c -> truth.get("hotline12345/" + c.get("caseNo").asText()).personId())
                .distinct().count();
        assertThat(rate(callers, run.persons())).isBetween(0.13, 0.17);
        assertThat(rate(cases.stream().filter(c -> c.get("caller").has("idNumber")
                && c.get("caller").get("idNumber").asText().chars().anyMatch(ch -> ch >= 0xFF10 && ch <= 0xFF19)).count(),
                cases.size())).isBetween(0.02, 0.09);
    }

    @Test
    void topSurnameIsWangLiOrZhang() {
        Map<String, Long> counts = hukouRows.stream()
                .map(r -> r[1].strip())
                .filter(name -> !name.contains("·"))
                .map(name -> name.substring(0, 1))
                .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        List<String> top3 = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(3).map(Map.Entry::getKey).toList();
        System.out.println("top surnames: " + top3 + " " + top3.stream().map(counts::get).toList());
        assertThat(top3.getFirst()).isIn("王", "李", "张");
        assertThat(top3).containsAnyOf("王", "李", "张");
    }

    // ------------------------------------------------------------------ example person

    @Test
    void examplePersonAppearsWrittenInAllThreeSilos() throws NormalisationException {
        String id = run.examplePerson();
        assertThat(IdNumber.parse(id).value()).isEqualTo(id);
        List<Truth> records = truth.values().stream().filter(t -> t.personId().equals(id)).toList();
        assertThat(records).allSatisfy(t -> assertThat(t.expected()).isEqualTo("written"));
        assertThat(records.stream().map(Truth::source)).contains("hukou", "vehicles", "hotline12345");

        String household = records.stream().filter(t -> t.source().equals("hukou")).findFirst().orElseThrow()
                .key().split("-")[0];
        assertThat(hukouRows.stream().filter(r -> r[0].equals(household))).hasSizeGreaterThanOrEqualTo(2);
        assertThat(vehicleRows.stream().filter(v -> v.get("OWNER_ID_NUMBER").equalsIgnoreCase(id))).isNotEmpty();
        assertThat(cases.stream().filter(c -> c.get("caller").has("idNumber")
                && canonical(c.get("caller").get("idNumber").asText()).equals(id))).isNotEmpty();
    }

    @Test
    void optionsAreValidated() {
        assertThat(catchThrowable(() -> SiloGenerator.Options.builder().persons(1).build()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(catchThrowable(() -> SiloGenerator.Options.builder().subdistrictCode("1101").build()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(catchThrowable(() -> SiloGenerator.Options.builder().persons(10).subdistrictCode("110102999")
                .generator().generate(tmp.resolve("bad")))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anotherSubdistrictAndTinyPopulationsWork() throws Exception {
        GeneratedSilos g = SiloGenerator.Options.builder().persons(2).generator().generate(tmp.resolve("tiny"));
        assertThat(g.persons()).isEqualTo(2);
        assertThat(g.examplePerson()).hasSize(18);
        GeneratedSilos other = SiloGenerator.Options.builder().persons(200).subdistrictCode("110102003").generator()
                .generate(tmp.resolve("other"));
        assertThat(readHukou(other.hukouCsv())).allSatisfy(r -> assertThat(r[7]).startsWith("北京市西城区新街口街道"));
    }

    // ------------------------------------------------------------------ helpers

    private static Truth truthOfHukouRow(String[] r, int line) {
        Truth t = truth.get("hukou/line-" + line);
        if (t != null) {
            return t;
        }
        t = truth.get("hukou/" + r[0] + "-" + canonical(r[5]));
        assertThat(t).as("ground truth of hukou line %d", line).isNotNull();
        return t;
    }

    private static String truthOfHukouRowKeyless(String[] r) {
        try {
            return IdNumber.parse(r[5]).value();
        } catch (NormalisationException e) {
            return "broken:" + String.join(",", r);
        }
    }

    private static String canonical(String raw) {
        try {
            return IdNumber.parse(raw).value();
        } catch (NormalisationException e) {
            return "?";
        }
    }

    private static boolean failsId(String raw) {
        return catchThrowable(() -> IdNumber.parse(raw)) instanceof NormalisationException;
    }

    private static boolean failsPlate(String raw) {
        return catchThrowable(() -> Plate.parse(raw)) instanceof NormalisationException;
    }

    private static boolean fails(Normaliser n, String raw) {
        return catchThrowable(() -> n.normalise(raw)) instanceof NormalisationException;
    }

    private static double rate(long part, long whole) {
        return (double) part / whole;
    }

    static Map<String, Truth> readTruth(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines.getFirst()).isEqualTo("source,record_key,expected,person_id_number,reason");
        Map<String, Truth> m = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", 5);
            Truth t = new Truth(f[0], f[1], f[2], f[3], f[4]);
            assertThat(t.expected()).isIn("written", "quarantined");
            assertThat(m.put(f[0] + "/" + f[1], t)).as("duplicate key %s", line).isNull();
        }
        return m;
    }

    static List<String[]> readHukou(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), HukouSilo.GBK);
        return Arrays.stream(text.split("\r\n")).skip(1).map(l -> l.split(",", -1)).toList();
    }

    static List<Map<String, String>> readVehicles(String url, String user, String password) throws SQLException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM vehicle_registration ORDER BY record_id")) {
            int cols = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= cols; i++) {
                    row.put(rs.getMetaData().getColumnLabel(i).toUpperCase(java.util.Locale.ROOT), rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}

package org.jiedao.hub.routes.exchange;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jiedao.hub.graph.schema.GraphSchema;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.graph.write.RecordWriter;
import org.jiedao.hub.graph.write.WriteSummary;
import org.jiedao.hub.loaders.mapping.MappingOutcome;
import org.jiedao.hub.loaders.mapping.SourceMapping;
import org.jiedao.hub.loaders.read.RawRecord;
import org.jiedao.hub.loaders.reference.DivisionAssertions;
import org.jiedao.hub.loaders.reference.DivisionCodes;
import org.jiedao.hub.loaders.source.Placeholders;
import org.jiedao.hub.loaders.source.SourceDefinitions;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.assertion.RecordAssertions;

/**
 * The test graph of the exchange tests that load residents through the bundled household-registry source
 * ({@code config/sources/hukou.yaml}) and the normal {@link RecordWriter}, so they carry source records and
 * {@code ingestedAt} as in a running hub; and the runtime of a set of agreement files under a given access policy.
 */
final class ExchangeGraph {
    static final Ontology ONTOLOGY = Ontology.bundled();
    static final Path REPO = Path.of(System.getenv().getOrDefault("JIEDAO_REPO_ROOT", ".."));
    static final String FUYOUJIE = "110102001004";
    static final String OTHER = "110102001026";

    /** A resident as the registry lists it. */
    record Resident(String idNumber, String name, String gender, String birthDate, String community) {
    }

    static final List<Resident> RESIDENTS = List.of(
            new Resident("110102194909071225", "石蕾娟", "女", "1949-09-07", FUYOUJIE),
            new Resident("110102198001011239", "毕秀桂", "女", "1980-01-01", FUYOUJIE),
            new Resident("110102197512312012", "王建国", "男", "1975-12-31", FUYOUJIE),
            new Resident("110102199002023455", "李娜", "女", "1990-02-02", OTHER));

    private final RecordWriter writer = new RecordWriter(TestNeo4j.driver(), ONTOLOGY);
    private final SourceMapping hukou;

    private ExchangeGraph(SourceMapping hukou) {
        this.hukou = hukou;
    }

    /** @return an empty graph with the schema and the Xicheng division codes */
    static ExchangeGraph fresh() {
        TestNeo4j.clear();
        new GraphSchema(ONTOLOGY).apply(TestNeo4j.driver());
        new RecordWriter(TestNeo4j.driver()).write(
                DivisionAssertions.of(DivisionCodes.xicheng(), ONTOLOGY, "xicheng_110102.csv"), List.of());
        var definition = SourceDefinitions.read(REPO.resolve("config/sources/hukou.yaml"),
                new Placeholders(Map.of()), REPO);
        return new ExchangeGraph(SourceMapping.compile(definition, ONTOLOGY));
    }

    /**
     * Writes residents as registry records through the source mapping and the writer, one batch.
     *
     * @param residents the residents
     * @return what the writer did
     */
    WriteSummary load(List<Resident> residents) {
        List<RecordAssertions> batch = new ArrayList<>();
        for (Resident r : residents) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("户号", "H" + r.idNumber().substring(12, 17));
            row.put("姓名", r.name());
            row.put("性别", r.gender());
            row.put("出生日期", r.birthDate());
            row.put("公民身份号码", r.idNumber());
            row.put("与户主关系", "户主");
            row.put("住址", "北京市西城区府右街" + r.idNumber().substring(14, 17) + "号");
            row.put("社区代码", r.community());
            switch (hukou.map(RawRecord.of("hukou.csv line " + r.idNumber(), row))) {
                case MappingOutcome.Mapped m -> batch.add(m.assertions());
                case MappingOutcome.Rejected x -> throw new AssertionError(r + " rejected: " + x.reason());
            }
        }
        return writer.write(batch, List.of());
    }

    /**
     * @param dataDir the hub's data folder (agreements are written under it)
     * @param clock   the hub's clock
     * @param policy  the access policy file
     * @param yamls   agreement files
     * @return a started runtime over the test Neo4j
     */
    static ExchangeRuntime runtime(Path dataDir, Clock clock, Path policy, String... yamls) throws Exception {
        Path defs = dataDir.resolve("agreements");
        Files.createDirectories(defs);
        for (int i = 0; i < yamls.length; i++) {
            Files.writeString(defs.resolve("a" + i + ".yaml"), yamls[i]);
        }
        List<AgreementDefinition> agreements = AgreementDefinitions.load(defs, new Placeholders(Map.of()), dataDir,
                ONTOLOGY, AccessRoles.read(policy));
        return ExchangeRuntime.create(agreements, TestNeo4j.driver(), ONTOLOGY, dataDir, clock);
    }

    /**
     * @param id      agreement id
     * @param partner its partner role
     * @param fields  the YAML list of fields, e.g. {@code [idNumber, name]}
     * @param drop    the drop folder
     * @param format  json, csv or rdf
     * @param extra   more YAML lines (mode, settle), or empty
     * @return an agreement file for the residents of 府右街南社区 over the file drop
     */
    static String agreement(String id, String partner, String fields, Path drop, String format, String extra) {
        return """
                id: %s
                partner: %s
                purpose: benefit-eligibility
                legalBasis: test agreement
                entity: Person
                fields: %s
                filter: {communities: ["%s"]}
                channel: file
                file: {directory: "%s"}
                format: %s
                validity: {from: "2026-01-01"}
                %s
                """.formatted(id, partner, fields, FUYOUJIE, drop, format, extra);
    }
}

package org.jiedao.hub.graph.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jiedao.hub.graph.entity.review.ReviewItem;
import org.jiedao.hub.graph.entity.review.ReviewQueue;
import org.jiedao.hub.graph.resolution.BlockingRule;
import org.jiedao.hub.graph.resolution.DateComparator;
import org.jiedao.hub.graph.resolution.ExactComparator;
import org.jiedao.hub.graph.resolution.MatchWeights;
import org.jiedao.hub.graph.resolution.NameComparator;
import org.jiedao.hub.graph.resolution.ResolutionSettings;
import org.jiedao.hub.graph.schema.GraphSchema;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.graph.write.RecordWriter;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.assertion.ContentHash;
import org.jiedao.hub.ontology.assertion.EntityIds;
import org.jiedao.hub.ontology.assertion.NodeAssertion;
import org.jiedao.hub.ontology.assertion.RecordAssertions;
import org.jiedao.hub.ontology.assertion.RecordRef;
import org.jiedao.hub.ontology.assertion.RelationshipAssertion;
import org.jiedao.hub.ontology.assertion.WriteMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;

/**
 * Entity resolution of persons in a real Neo4j: incremental linking with stable ids, each guard against
 * over-merging, the review queue round trip, unmerge with re-derived values and relationships, and remembered
 * decisions winning over the weights.
 */
class EntityResolutionTest {
    private static final Ontology ONTOLOGY = Ontology.bundled();
    private static final Driver DRIVER = TestNeo4j.driver();
    private static ReviewQueue queue;
    private final RecordWriter writer = new RecordWriter(DRIVER);
    private EntityResolution resolution;

    // m/u of each level, strongest agreement first (name: exact, pinyin, close, different; date: exact, transposed,
    // oneDigit, partial, different; gender and phone: exact, different); prior 1%: -6.6 bits
    private static final MatchWeights WEIGHTS = new MatchWeights(List.of("name", "birthDate", "gender", "phone"),
            new double[][] {{0.85, 0.08, 0.04, 0.03}, {0.9, 0.03, 0.03, 0.02, 0.02}, {0.98, 0.02}, {0.7, 0.3}},
            new double[][] {{0.002, 0.003, 0.01, 0.985}, {0.0003, 0.0003, 0.003, 0.01, 0.9864}, {0.5, 0.5}, {0.0005, 0.9995}},
            0.01);

    @BeforeAll
    static void startQueue() {
        queue = ReviewQueue.create(DRIVER);
    }

    @AfterAll
    static void stopQueue() {
        queue.close();
    }

    @BeforeEach
    void emptyGraph() {
        TestNeo4j.clear();
        new GraphSchema(ONTOLOGY).apply(DRIVER);
        ResolutionSettings settings = ResolutionSettings.builder()
                .compare(new NameComparator("name", "name", "namePinyin"), new DateComparator("birthDate", "birthDate"),
                        new ExactComparator("gender", "gender", false), new ExactComparator("phone", "phone", false))
                .block(BlockingRule.onFields("name", "name"))
                .strongIdentifiers("idNumber")
                .hubFields(8, "phone", "address")
                .thresholds(6, 0)
                .weights(WEIGHTS)
                .build();
        Survivorship rules = new Survivorship(List.of("hukou", "hotline12345"),
                List.of(SurvivorshipRule.SOURCE_PRIORITY, SurvivorshipRule.RECENCY),
                Map.of("phone", List.of(SurvivorshipRule.RECENCY)), Map.of("nameKey", "name"));
        Map<String, String> derivations = new HashMap<>();
        ONTOLOGY.derivations(ONTOLOGY.nodeType("Person")).forEach((d, b) -> derivations.put(d.name(), b.name()));
        EntityStore store = new EntityStore(DRIVER, ONTOLOGY.nodeType("Person"), rules, derivations);
        resolution = new EntityResolution(store, queue, settings, DRIVER, 100);
    }

    private static final Map<String, String> PINYIN = Map.of("林晓雨", "lin xiao yu linxiao xiaoyu linxiaoyu lxy",
            "王芳", "wang fang wangfang wf", "李娜", "li na lina ln", "张伟", "zhang wei zhangwei zw");

    private static Map<String, Object> person(String name, String phone, LocalDate birth) {
        Map<String, Object> p = new HashMap<>();
        p.put("name", name);
        p.put("nameKey", name);
        p.put("namePinyin", PINYIN.getOrDefault(name, "x"));
        if (phone != null) {
            p.put("phone", phone);
        }
        if (birth != null) {
            p.put("birthDate", birth);
        }
        return p;
    }

    /** A household-registry record: a person with an ID number. */
    private static RecordAssertions hukou(String id, String name, String phone, LocalDate birth) {
        Map<String, Object> p = person(name, phone, birth);
        p.put("idNumber", id);
        return new RecordAssertions(new RecordRef("hukou", id, "hukou.csv line 2", ContentHash.of(p.toString()), "{}"),
                List.of(new NodeAssertion("person", ONTOLOGY.nodeType("Person"), id, p, WriteMode.AUTHORITATIVE, true)),
                List.of());
    }

    /** A 12345 case whose caller gave no ID number: the caller is a provisional person. */
    private static RecordAssertions call(String caseNo, String name, String phone, LocalDate birth) {
        Map<String, Object> p = person(name, phone, birth);
        String uid = "hotline12345:" + caseNo;
        return new RecordAssertions(new RecordRef("hotline12345", caseNo, "cases.json [0]", ContentHash.of(caseNo + p), "{}"),
                List.of(new NodeAssertion("case", ONTOLOGY.nodeType("Case"), caseNo, Map.of("caseNumber", caseNo), WriteMode.AUTHORITATIVE, true),
                        new NodeAssertion("caller", ONTOLOGY.nodeType("Person"), EntityIds.of(uid, "caller"), p,
                                WriteMode.FILL, false, true)),
                List.of(new RelationshipAssertion(ONTOLOGY.relationshipType("REPORTED_BY"), "case", "caller", Map.of())));
    }

    private String entityIdOf(String idNumber) {
        return query("MATCH (p:Person {idNumber: $v}) RETURN p.entityId AS x", idNumber).getFirst();
    }

    private String callerOf(String caseNo) {
        return query("MATCH (:Case {caseNumber: $v})-[:REPORTED_BY]->(p:Person) RETURN p.entityId AS x", caseNo).getFirst();
    }

    private List<String> query(String cypher, Object v) {
        try (var s = DRIVER.session()) {
            return s.run(cypher, Map.of("v", v)).list(r -> r.get("x").isNull() ? null : r.get("x").toString().replace("\"", ""));
        }
    }

    private long persons() {
        try (var s = DRIVER.session()) {
            return s.run("MATCH (p:Person) RETURN count(p) AS n").single().get("n").asLong();
        }
    }

    @Test
    void aCallerWithoutAnIdNumberResolvesToTheKnownResidentWhoseIdStaysTheSame() {
        writer.write(List.of(hukou("110102199001010011", "林晓雨", "+8613800000001", LocalDate.of(1990, 1, 1))), List.of());
        String resident = entityIdOf("110102199001010011");
        writer.write(List.of(call("C1", "林晓雨", "+8613800000001", null)), List.of());
        assertThat(persons()).as("the caller is a provisional person until resolved").isEqualTo(2);

        ResolutionReport report = resolution.resolvePending();

        assertThat(report.linked()).isEqualTo(1);
        assertThat(persons()).isEqualTo(1);
        assertThat(entityIdOf("110102199001010011")).as("the resident's entity id is stable").isEqualTo(resident);
        assertThat(callerOf("C1")).as("the case now names the resident").isEqualTo(resident);
        RecordLink link = resolution.store().records(resident).stream()
                .filter(l -> l.recordUid().equals("hotline12345:C1")).findFirst().orElseThrow();
        assertThat(link.rule()).isEqualTo("weights");
        assertThat(link.score()).isGreaterThan(6);
        assertThat(link.evidence()).contains("\"comparison\":\"phone\"").contains("\"level\":\"exact\"");

        Explanation why = resolution.explain("hotline12345:C1", "hukou:110102199001010011");
        assertThat(why.sameEntity()).isTrue();
        assertThat(why.links()).extracting(RecordLink::recordUid).containsExactly("hotline12345:C1");
        assertThat(why.blockers()).isEmpty();

        assertThat(resolution.resolvePending().pending()).as("a second run has nothing to do").isZero();
    }

    @Test
    void aSharedOfficePhoneIsNoEvidence() {
        List<RecordAssertions> residents = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            residents.add(hukou("11010219900101%03d%s".formatted(i, "1"), i == 0 ? "李娜" : "居民" + i, "+861066010000", null));
        }
        // the ID numbers above are not checked here: the writer takes keys as given
        writer.write(residents, List.of());
        writer.write(List.of(call("C2", "李娜", "+861066010000", null)), List.of());

        ResolutionReport report = resolution.resolvePending();

        assertThat(report.linked()).as("name alone is not enough once the office phone is dropped").isZero();
        String caller = callerOf("C2");
        assertThat(query("MATCH (p:Person {entityId: $v}) RETURN p.idNumber AS x", caller)).containsOnlyNulls();
        Explanation whyNot = resolution.explain("hotline12345:C2", "hukou:110102199001010001");
        assertThat(whyNot.sameEntity()).isFalse();
        assertThat(whyNot.blockers()).anyMatch(b -> b.startsWith("phone is a hub value"));
    }

    @Test
    void twoDifferentValidIdNumbersAreNeverMerged() {
        writer.write(List.of(hukou("110102199001010011", "王芳", "+8613800000002", LocalDate.of(1990, 1, 1)),
                hukou("110102199001010027", "王芳", "+8613800000002", LocalDate.of(1990, 1, 1))), List.of());
        String a = entityIdOf("110102199001010011");
        String b = entityIdOf("110102199001010027");

        assertThatThrownBy(() -> resolution.merge(a, b, "clerk-1", "looks the same"))
                .isInstanceOf(ConflictingIdentifiersException.class).hasMessageContaining("idNumber");
        assertThat(persons()).isEqualTo(2);
        Explanation whyNot = resolution.explain(a, b);
        assertThat(whyNot.blockers()).anyMatch(s -> s.startsWith("different valid idNumber"));
    }

    @Test
    void aNearMatchOfTwoDifferentPeopleGoesToReviewInsteadOfChainingThem() {
        writer.write(List.of(hukou("110102199001010011", "王芳", "+8613800000002", null),
                hukou("110102199001010027", "王芳", "+8613800000002", null)), List.of());
        writer.write(List.of(call("C3", "王芳", "+8613800000002", null)), List.of());

        ResolutionReport report = resolution.resolvePending();

        assertThat(report.linked()).isZero();
        assertThat(report.reviews()).isEqualTo(1);
        assertThat(report.refusals()).singleElement().asString().contains("ambiguous");
        assertThat(persons()).as("two residents and the caller stay three people").isEqualTo(3);
        assertThat(queue.pending()).singleElement().extracting(ReviewItem::entityId).isEqualTo(callerOf("C3"));
    }

    @Test
    void aReviewItemAcceptedMergesAndAReviewRejectedIsRememberedOnReRuns() {
        writer.write(List.of(hukou("110102199001010011", "张伟", null, LocalDate.of(1990, 1, 1))), List.of());
        String resident = entityIdOf("110102199001010011");
        writer.write(List.of(call("C4", "张伟", "+8613800000004", null), call("C5", "张伟", "+8613800000005", null)), List.of());

        ResolutionReport report = resolution.resolvePending();
        assertThat(report.reviews()).as("a name alone is between the thresholds").isEqualTo(2);
        List<ReviewItem> items = queue.pending();
        ReviewItem c4 = items.stream().filter(i -> i.entityId().equals(callerOf("C4"))).findFirst().orElseThrow();
        ReviewItem c5 = items.stream().filter(i -> i.entityId().equals(callerOf("C5"))).findFirst().orElseThrow();
        assertThat(c4.candidateId()).isEqualTo(resident);
        assertThat(c4.evidence()).contains("\"comparison\":\"name\"");

        assertThat(resolution.accept(c4.id(), "clerk-1")).isEqualTo(resident);
        resolution.reject(c5.id(), "clerk-1");

        assertThat(callerOf("C4")).isEqualTo(resident);
        String c5Entity = callerOf("C5");
        assertThat(c5Entity).isNotEqualTo(resident);
        assertThat(queue.pending()).isEmpty();

        // a full re-run: the rejected pair would be a review again by weights, but the clerk's decision wins
        resolution.store().reopen();
        ResolutionReport again = resolution.resolvePending();
        assertThat(again.pending()).isEqualTo(1);
        assertThat(queue.pending()).isEmpty();
        assertThat(callerOf("C5")).isEqualTo(c5Entity);
        assertThat(resolution.explain("hotline12345:C5", resident).blockers()).anyMatch(b -> b.startsWith("a clerk (clerk-1)"));
    }

    @Test
    void unmergeSplitsTheRecordOffAndReDerivesValuesAndRelationships() {
        writer.write(List.of(hukou("110102199001010011", "林晓雨", "+8613800000001", LocalDate.of(1990, 1, 1))), List.of());
        String resident = entityIdOf("110102199001010011");
        writer.write(List.of(call("C6", "林晓雨", "+8613900000009", LocalDate.of(1990, 1, 1))), List.of());
        resolution.resolvePending();
        assertThat(callerOf("C6")).isEqualTo(resident);
        assertThat(query("MATCH (p:Person {entityId: $v}) RETURN p.phone AS x", resident))
                .as("the newer record's phone survives (phone: recency)").containsExactly("+8613900000009");

        String split = resolution.unmerge("hotline12345:C6", null, "clerk-2", "a different 林晓雨");

        assertThat(split).isEqualTo(EntityIds.split("hotline12345:C6"));
        assertThat(callerOf("C6")).as("the case follows the record").isEqualTo(split);
        assertThat(query("MATCH (p:Person {entityId: $v}) RETURN p.phone AS x", resident)).containsExactly("+8613800000001");
        assertThat(query("MATCH (p:Person {entityId: $v}) RETURN p.phone AS x", split)).containsExactly("+8613900000009");
        assertThat(query("MATCH (p:Person {entityId: $v})<-[:REPORTED_BY]-(c) RETURN c.caseNumber AS x", resident)).isEmpty();
        assertThat(query("""
                MATCH (p:Person {entityId: $v})<-[:RESOLVES_TO|MENTIONS]-(r:SourceRecord)
                WITH p, max(r.ingestedAt) AS newest RETURN toString(p.derivedAt > newest) AS x""", resident))
                .as("the re-derived values leave a change time after every record's (what the exchange's change feeds read)")
                .containsExactly("true");

        resolution.store().reopen();
        assertThat(resolution.resolvePending().linked()).as("the unmerge is remembered").isZero();
        assertThat(callerOf("C6")).isEqualTo(split);

        assertThatThrownBy(() -> resolution.unmerge("hukou:110102199001010011", resident, "clerk-2", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idNumber");
    }

    @Test
    void aManualMergeKeepsTheEntityWithTheIdNumberAndIsRemembered() {
        writer.write(List.of(hukou("110102199001010011", "林晓雨", null, null)), List.of());
        String resident = entityIdOf("110102199001010011");
        writer.write(List.of(call("C7", "林晓雨", "+8613900000007", null)), List.of());
        resolution.resolvePending();
        String caller = callerOf("C7");
        assertThat(caller).isNotEqualTo(resident);

        assertThat(resolution.merge(caller, resident, "clerk-3", "confirmed by phone")).isEqualTo(resident);

        assertThat(callerOf("C7")).isEqualTo(resident);
        assertThat(query("MATCH (p:Person {entityId: $v}) RETURN p.phone AS x", resident)).containsExactly("+8613900000007");
        assertThat(resolution.store().records(resident)).extracting(RecordLink::rule)
                .containsExactlyInAnyOrder("deterministic:idNumber", "manual:merge");
    }
}

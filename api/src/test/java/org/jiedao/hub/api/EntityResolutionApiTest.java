package org.jiedao.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.ExecutionInput;
import graphql.GraphQL;

import org.jiedao.hub.api.access.Access;
import org.jiedao.hub.api.access.AccessPolicy;
import org.jiedao.hub.api.access.Principal;
import org.jiedao.hub.api.audit.AuditCollector;
import org.jiedao.hub.api.audit.AuditLog;
import org.jiedao.hub.api.audit.AuditRecord;
import org.jiedao.hub.api.query.QueryContext;
import org.jiedao.hub.graph.entity.EntityResolution;
import org.jiedao.hub.graph.entity.EntityStore;
import org.jiedao.hub.graph.entity.RecordLink;
import org.jiedao.hub.graph.entity.Survivorship;
import org.jiedao.hub.graph.entity.SurvivorshipRule;
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
import org.jiedao.hub.loaders.normalise.IdNumber;
import org.jiedao.hub.loaders.reference.DivisionAssertions;
import org.jiedao.hub.loaders.reference.DivisionCodes;
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
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Driver;

/**
 * Entity resolution through GraphQL (issue 5), in a real Neo4j: an entity's records with their sources and the
 * evidence of each link; {@code why}/{@code whyNot}; merge, unmerge and the review queue as mutations, with their
 * error codes; every entity field refused to a role without provenance, running nothing; mutations in the audit
 * trail.
 */
class EntityResolutionApiTest {
    private static final Ontology O = Ontology.bundled();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Driver DRIVER = TestNeo4j.driver();
    private static final AccessPolicy POLICY = AccessPolicy.bundled(O);
    private static final String COMMUNITY = "110102001004";
    private static final Access CLERK = POLICY.access(new Principal("clerk-7", AccessPolicy.ADMIN, Map.of(), "operations", "test"), O);
    private static final Access CASEWORKER = POLICY.access(new Principal("cw1", "caseworker",
            Map.of("communities", List.of(COMMUNITY)), "case-handling", "jwt"), O);
    private static final String A = canonical(ApiFixture.OLD_ID);
    private static final String B = ApiFixture.SPOUSE_ID;
    private static final MatchWeights WEIGHTS = new MatchWeights(List.of("name", "birthDate", "gender", "phone"),
            new double[][] {{0.85, 0.08, 0.04, 0.03}, {0.9, 0.03, 0.03, 0.02, 0.02}, {0.98, 0.02}, {0.7, 0.3}},
            new double[][] {{0.002, 0.003, 0.01, 0.985}, {0.0003, 0.0003, 0.003, 0.01, 0.9864}, {0.5, 0.5}, {0.0005, 0.9995}},
            0.01);
    private static final Map<String, String> PINYIN = Map.of("林晓雨", "lin xiao yu linxiao xiaoyu linxiaoyu lxy",
            "王芳", "wang fang wangfang wf", "张伟", "zhang wei zhangwei zw");

    @TempDir
    static Path data;
    private static ReviewQueue queue;
    private static ExecutorService blocking;
    private static AuditLog audit;
    private final RecordWriter writer = new RecordWriter(DRIVER);
    private EntityResolution resolution;
    private QueryContext context;
    private GraphQL graphql;

    private static String canonical(String idNumber) {
        try {
            return IdNumber.parse(idNumber).value();
        } catch (org.jiedao.hub.loaders.normalise.NormalisationException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void start() {
        queue = ReviewQueue.create(DRIVER);
        blocking = Executors.newVirtualThreadPerTaskExecutor();
        audit = AuditLog.open(data.resolve("audit"), data.resolve("secrets/audit-hmac.key"), AuditLog.Options.of("node-a"));
    }

    @AfterAll
    static void stop() {
        queue.close();
        blocking.shutdownNow();
        audit.close();
    }

    @BeforeEach
    void graphAndEngine() {
        TestNeo4j.clear();
        new GraphSchema(O).apply(DRIVER);
        writer.write(DivisionAssertions.of(DivisionCodes.xicheng(), O, "xicheng_110102.csv"), List.of());
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
        O.derivations(O.nodeType("Person")).forEach((d, b) -> derivations.put(d.name(), b.name()));
        resolution = new EntityResolution(new EntityStore(DRIVER, O.nodeType("Person"), rules, derivations), queue, settings, DRIVER, 100);
        context = GraphQLFactory.context(O, DRIVER, blocking, QueryLimits.DEFAULTS);
        graphql = GraphQLFactory.create(context, null, resolution);
    }

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

    /** A household-registry record: a person with an ID number, living at an address of {@link #COMMUNITY}. */
    private static RecordAssertions hukou(String id, String name, String phone, LocalDate birth) {
        Map<String, Object> p = person(name, phone, birth);
        p.put("idNumber", id);
        String street = "府右街" + id.substring(16) + "号";
        return new RecordAssertions(new RecordRef("hukou", id, "hukou.csv line 2", ContentHash.of(p.toString()), "{}"),
                List.of(new NodeAssertion("person", O.nodeType("Person"), id, p, WriteMode.AUTHORITATIVE, true),
                        new NodeAssertion("a", O.nodeType("Address"), street, Map.of("text", street), WriteMode.FILL, false),
                        new NodeAssertion("c", O.nodeType("Community"), COMMUNITY, Map.of(), WriteMode.REFERENCE, false)),
                List.of(new RelationshipAssertion(O.relationshipType("RESIDES_AT"), "person", "a", Map.of()),
                        new RelationshipAssertion(O.relationshipType("IN_COMMUNITY"), "a", "c", Map.of())));
    }

    /** A 12345 case whose caller gave no ID number: the caller is a provisional person. */
    private static RecordAssertions call(String caseNo, String name, String phone, LocalDate birth) {
        Map<String, Object> p = person(name, phone, birth);
        String uid = "hotline12345:" + caseNo;
        return new RecordAssertions(new RecordRef("hotline12345", caseNo, "cases.json [0]", ContentHash.of(caseNo + p), "{}"),
                List.of(new NodeAssertion("case", O.nodeType("Case"), caseNo, Map.of("caseNumber", caseNo), WriteMode.AUTHORITATIVE, true),
                        new NodeAssertion("caller", O.nodeType("Person"), EntityIds.of(uid, "caller"), p,
                                WriteMode.FILL, false, true)),
                List.of(new RelationshipAssertion(O.relationshipType("REPORTED_BY"), "case", "caller", Map.of())));
    }

    private JsonNode run(Access access, String query) {
        return JSON.valueToTree(graphql.execute(ExecutionInput.newExecutionInput(query)
                .graphQLContext(Map.of(Access.CONTEXT_KEY, access)).build()).toSpecification());
    }

    /** @return {@code data}, failing on any error */
    private JsonNode data(String query) {
        JsonNode r = run(CLERK, query);
        assertThat(r.path("errors").isMissingNode()).as("errors: %s", r.path("errors")).isTrue();
        return r.path("data");
    }

    /** @return the codes of the response's errors */
    private static List<String> codes(JsonNode r) {
        List<String> out = new ArrayList<>();
        r.path("errors").forEach(e -> out.add(e.path("extensions").path("code").asText()));
        return out;
    }

    private static String entityOf(String idNumber) {
        return single("MATCH (p:Person {idNumber: $v}) RETURN p.entityId AS x", idNumber);
    }

    private static String callerOf(String caseNo) {
        return single("MATCH (:Case {caseNumber: $v})-[:REPORTED_BY]->(p:Person) RETURN p.entityId AS x", caseNo);
    }

    private static String single(String cypher, String v) {
        try (var s = DRIVER.session()) {
            return s.run(cypher, Map.of("v", v)).single().get("x").asString();
        }
    }

    private static long persons() {
        try (var s = DRIVER.session()) {
            return s.run("MATCH (p:Person) RETURN count(p) AS n").single().get("n").asLong();
        }
    }

    private static JsonNode byUid(JsonNode sources, String uid) {
        for (JsonNode s : sources) {
            if (s.path("uid").asText().equals(uid)) {
                return s;
            }
        }
        throw new AssertionError("no source " + uid + " in " + sources);
    }

    private static List<String> uids(JsonNode sources) {
        List<String> out = new ArrayList<>();
        sources.forEach(s -> out.add(s.path("uid").asText()));
        return out;
    }

    @Test
    void anEntitysRecordsShowTheirSourcesAndTheEvidenceOfEachLink() throws Exception {
        writer.write(List.of(hukou(A, "林晓雨", "+8613800000001", LocalDate.of(1990, 1, 1))), List.of());
        writer.write(List.of(call("C1", "林晓雨", "+8613800000001", null)), List.of());
        resolution.resolvePending();
        String entity = entityOf(A);

        JsonNode person = data("""
                { person(idNumber: "%s") { entityId sources { source recordKey uid relation rule score decidedAt
                  evidence { rule weight fields { comparison level weight } } } } }""".formatted(ApiFixture.OLD_ID)).path("person");

        assertThat(person.path("entityId").asText()).isEqualTo(entity);
        JsonNode sources = person.path("sources");
        assertThat(uids(sources)).containsExactlyInAnyOrder("hukou:" + A, "hotline12345:C1");
        JsonNode registry = byUid(sources, "hukou:" + A);
        assertThat(registry.path("rule").asText()).isEqualTo("deterministic:idNumber");
        assertThat(registry.path("evidence").isNull()).as("a deterministic link has no comparison").isTrue();
        JsonNode call = byUid(sources, "hotline12345:C1");
        assertThat(call.path("source").asText()).isEqualTo("hotline12345");
        assertThat(call.path("recordKey").asText()).isEqualTo("C1");
        assertThat(call.path("rule").asText()).isEqualTo("weights");
        assertThat(call.path("decidedAt").asText()).isNotBlank();
        assertThat(call.path("score").asDouble()).isGreaterThanOrEqualTo(resolution.settings().linkThreshold())
                .isEqualTo(call.path("evidence").path("weight").asDouble());
        // the evidence GraphQL shows is the comparison the engine stored on the link
        RecordLink stored = resolution.store().records(entity).stream().filter(l -> l.recordUid().equals("hotline12345:C1"))
                .findFirst().orElseThrow();
        JsonNode storedFields = JSON.readTree(stored.evidence()).path("fields");
        assertThat(call.path("evidence").path("fields")).isEqualTo(storedFields);
        assertThat(call.path("evidence").path("fields")).anySatisfy(f -> {
            assertThat(f.path("comparison").asText()).isEqualTo("phone");
            assertThat(f.path("level").asText()).isEqualTo("exact");
            assertThat(f.path("weight").asDouble()).isPositive();
        });
    }

    @Test
    void aRoleWithoutProvenanceSeesNoRecordsNorEvidenceAndIsRefusedEveryEntityField() {
        writer.write(List.of(hukou(A, "林晓雨", "+8613800000001", LocalDate.of(1990, 1, 1)),
                hukou(B, "王芳", "+8613800000002", LocalDate.of(1992, 3, 4))), List.of());
        writer.write(List.of(call("C1", "林晓雨", "+8613800000001", null)), List.of());
        resolution.resolvePending();

        JsonNode r = run(CASEWORKER, "{ person(idNumber: \"%s\") { name sources { uid rule evidence { weight } } } }".formatted(A));
        assertThat(r.path("errors").isMissingNode()).as("errors: %s", r.path("errors")).isTrue();
        assertThat(r.path("data").path("person").path("name").asText()).as("her resident, in clear").isEqualTo("林晓雨");
        assertThat(r.path("data").path("person").path("sources")).as("provenance hidden").isEmpty();

        String a = entityOf(A);
        String b = entityOf(B);
        String callerEntity = callerOf("C1");
        long statements = context.cypher().statementCount();
        for (String query : List.of(
                "{ why(a: \"%s\", b: \"%s\") { sameEntity } }".formatted(a, b),
                "{ whyNot(a: \"%s\", b: \"%s\") { blockers } }".formatted(a, b),
                "{ reviewItems { id } }",
                "{ personByEntityId(entityId: \"%s\") { name } }".formatted(a),
                "mutation { mergeEntities(a: \"%s\", b: \"%s\") }".formatted(a, b),
                "mutation { unmergeRecord(record: \"hotline12345:C1\") }",
                "mutation { acceptReview(id: \"x\") }",
                "mutation { rejectReview(id: \"x\") }")) {
            JsonNode refused = run(CASEWORKER, query);
            assertThat(codes(refused)).as(query).containsExactly("FORBIDDEN");
            assertThat(refused.path("errors").get(0).path("message").asText()).contains("role caseworker may not use entity resolution");
            assertThat(refused.path("data").isMissingNode() || refused.path("data").isNull()).as(query).isTrue();
        }
        assertThat(context.cypher().statementCount()).as("no statement ran").isEqualTo(statements);
        assertThat(persons()).isEqualTo(2);
        assertThat(callerOf("C1")).as("the unmerge did not run").isEqualTo(callerEntity).isEqualTo(a);
    }

    @Test
    void whyAndWhyNotExplainWithTheLinksAndTheBlockers() {
        writer.write(List.of(hukou(A, "林晓雨", "+8613800000001", LocalDate.of(1990, 1, 1)),
                hukou(B, "王芳", "+8613800000001", LocalDate.of(1990, 1, 1))), List.of());
        writer.write(List.of(call("C1", "林晓雨", "+8613800000001", null)), List.of());
        resolution.resolvePending();

        JsonNode why = data("""
                { why(a: "hotline12345:C1", b: "hukou:%s") { entityA entityB sameEntity decision linkThreshold
                  links { uid rule evidence { fields { comparison level } } } blockers } }""".formatted(A)).path("why");
        assertThat(why.path("sameEntity").asBoolean()).isTrue();
        assertThat(why.path("entityA").asText()).isEqualTo(why.path("entityB").asText()).isEqualTo(entityOf(A));
        assertThat(why.path("linkThreshold").asDouble()).isEqualTo(resolution.settings().linkThreshold());
        assertThat(uids(why.path("links"))).containsExactly("hotline12345:C1");
        assertThat(why.path("links").get(0).path("evidence").path("fields")).isNotEmpty();
        assertThat(why.path("blockers")).isEmpty();

        JsonNode whyNot = data("""
                { whyNot(a: "hukou:%s", b: "hukou:%s") { sameEntity decision evidence { rule } links { uid } blockers } }"""
                .formatted(A, B)).path("whyNot");
        assertThat(whyNot.path("sameEntity").asBoolean()).isFalse();
        assertThat(whyNot.path("decision").asText()).isEqualTo("DISTINCT");
        assertThat(whyNot.path("evidence").path("rule").asText()).isEqualTo("conflict:idNumber");
        assertThat(whyNot.path("links")).isEmpty();
        List<String> blockers = new ArrayList<>();
        whyNot.path("blockers").forEach(b -> blockers.add(b.asText()));
        assertThat(blockers).anyMatch(b -> b.startsWith("different valid idNumber"));

        JsonNode unknown = run(CLERK, "{ why(a: \"hukou:nobody\", b: \"hukou:%s\") { sameEntity } }".formatted(A));
        assertThat(codes(unknown)).containsExactly("NOT_FOUND");
        assertThat(unknown.path("errors").get(0).path("message").asText()).contains("hukou:nobody");
    }

    @Test
    void aMergeThenAnUnmergeThroughGraphQLMoveTheRecordAndBack() {
        writer.write(List.of(hukou(A, "林晓雨", null, null)), List.of());
        writer.write(List.of(call("C7", "林晓雨", "+8613900000007", null)), List.of());
        resolution.resolvePending();
        String resident = entityOf(A);
        String caller = callerOf("C7");
        assertThat(caller).as("a name alone does not link").isNotEqualTo(resident);

        JsonNode merged = data("mutation Merge { mergeEntities(a: \"%s\", b: \"%s\", reason: \"confirmed by phone\") }"
                .formatted(caller, resident));
        assertThat(merged.path("mergeEntities").asText()).as("the entity with the ID number survives").isEqualTo(resident);
        assertThat(callerOf("C7")).isEqualTo(resident);
        JsonNode sources = data("{ person(idNumber: \"%s\") { phone sources { uid rule } } }".formatted(A)).path("person");
        assertThat(byUid(sources.path("sources"), "hotline12345:C7").path("rule").asText()).isEqualTo("manual:merge");
        assertThat(sources.path("phone").asText()).as("values re-derived").isEqualTo("+8613900000007");

        JsonNode split = data("mutation { unmergeRecord(record: \"hotline12345:C7\", reason: \"a different 林晓雨\") }");
        String newEntity = split.path("unmergeRecord").asText();
        assertThat(newEntity).isNotEqualTo(resident);
        assertThat(callerOf("C7")).as("the case follows the record").isEqualTo(newEntity);
        JsonNode after = data("{ person(idNumber: \"%s\") { phone sources { uid } } }".formatted(A)).path("person");
        assertThat(uids(after.path("sources"))).containsExactly("hukou:" + A);
        assertThat(after.path("phone").isNull()).isTrue();
        JsonNode splitPerson = data("{ personByEntityId(entityId: \"%s\") { entityId idNumber phone sources { uid rule } } }"
                .formatted(newEntity)).path("personByEntityId");
        assertThat(splitPerson.path("idNumber").isNull()).isTrue();
        assertThat(splitPerson.path("phone").asText()).isEqualTo("+8613900000007");
        assertThat(byUid(splitPerson.path("sources"), "hotline12345:C7").path("rule").asText()).isEqualTo("manual:unmerge");

        JsonNode again = run(CLERK, "mutation { unmergeRecord(record: \"hukou:%s\", entity: \"%s\") }".formatted(A, resident));
        assertThat(codes(again)).as("a record holding the ID number stays").containsExactly("BAD_USER_INPUT");
    }

    @Test
    void aMergeOfTwoDifferentIdNumbersIsAConflictAndWritesNothing() {
        writer.write(List.of(hukou(A, "王芳", "+8613800000002", LocalDate.of(1990, 1, 1)),
                hukou(B, "王芳", "+8613800000002", LocalDate.of(1990, 1, 1))), List.of());
        String a = entityOf(A);
        String b = entityOf(B);

        JsonNode r = run(CLERK, "mutation { mergeEntities(a: \"%s\", b: \"%s\", reason: \"looks the same\") }".formatted(a, b));

        assertThat(codes(r)).containsExactly("CONFLICT");
        assertThat(r.path("errors").get(0).path("message").asText()).contains("idNumber");
        assertThat(r.path("data").isNull()).isTrue();
        assertThat(persons()).isEqualTo(2);
        assertThat(entityOf(A)).isEqualTo(a);
        assertThat(entityOf(B)).isEqualTo(b);
    }

    @Test
    void reviewItemsAreListedAcceptedAndRejectedThroughGraphQL() {
        writer.write(List.of(hukou(A, "张伟", null, LocalDate.of(1990, 1, 1))), List.of());
        String resident = entityOf(A);
        writer.write(List.of(call("C4", "张伟", "+8613800000004", null), call("C5", "张伟", "+8613800000005", null)), List.of());
        resolution.resolvePending();

        JsonNode items = data("{ reviewItems { id entityId candidateId weight reason createdAt evidence { rule fields { comparison level } } } }")
                .path("reviewItems");
        assertThat(items).hasSize(2);
        JsonNode c4 = null;
        JsonNode c5 = null;
        for (JsonNode i : items) {
            assertThat(i.path("candidateId").asText()).isEqualTo(resident);
            assertThat(i.path("evidence").path("fields")).anySatisfy(f -> assertThat(f.path("comparison").asText()).isEqualTo("name"));
            assertThat(i.path("weight").asDouble()).isBetween(resolution.settings().reviewThreshold(), resolution.settings().linkThreshold());
            if (i.path("entityId").asText().equals(callerOf("C4"))) {
                c4 = i;
            } else if (i.path("entityId").asText().equals(callerOf("C5"))) {
                c5 = i;
            }
        }
        assertThat(c4).isNotNull();
        assertThat(c5).isNotNull();

        assertThat(data("mutation { acceptReview(id: \"%s\") }".formatted(c4.path("id").asText())).path("acceptReview").asText())
                .isEqualTo(resident);
        assertThat(data("mutation { rejectReview(id: \"%s\") }".formatted(c5.path("id").asText())).path("rejectReview").asBoolean())
                .isTrue();

        assertThat(callerOf("C4")).isEqualTo(resident);
        assertThat(callerOf("C5")).isNotEqualTo(resident);
        assertThat(data("{ reviewItems { id } }").path("reviewItems")).isEmpty();
        List<String> blockers = new ArrayList<>();
        data("{ whyNot(a: \"hotline12345:C5\", b: \"%s\") { blockers } }".formatted(resident)).path("whyNot").path("blockers")
                .forEach(b -> blockers.add(b.asText()));
        assertThat(blockers).as("the decider is the caller's principal").anyMatch(b -> b.startsWith("a clerk (clerk-7)"));

        JsonNode twice = run(CLERK, "mutation { acceptReview(id: \"%s\") }".formatted(c4.path("id").asText()));
        assertThat(codes(twice)).as("no longer pending").containsExactly("BAD_USER_INPUT");
    }

    @Test
    void mutationsAreRecordedInTheAuditTrailAndSoAreRefusedOnes() {
        writer.write(List.of(hukou(A, "林晓雨", null, null)), List.of());
        writer.write(List.of(call("C7", "林晓雨", "+8613900000007", null)), List.of());
        resolution.resolvePending();
        String resident = entityOf(A);
        String caller = callerOf("C7");

        AuditCollector done = new AuditCollector(audit, CLERK.principal(), "operations", "http");
        graphql.execute(ExecutionInput.newExecutionInput("mutation Merge { mergeEntities(a: \"%s\", b: \"%s\") }".formatted(caller, resident))
                .graphQLContext(Map.of(Access.CONTEXT_KEY, CLERK, AuditCollector.CONTEXT_KEY, done)).build());
        AuditRecord merge = done.recorded();
        assertThat(merge).as("the mutation was recorded").isNotNull();
        assertThat(merge.operation()).isEqualTo("Merge");
        assertThat(merge.principal()).isEqualTo("clerk-7");
        assertThat(merge.details()).containsEntry("operationType", "mutation");
        assertThat(merge.outcome()).isEqualTo("ok");
        assertThat(merge.literals()).as("the entity ids, pseudonymised").hasSize(2).doesNotContain(caller, resident);

        AuditCollector refused = new AuditCollector(audit, CASEWORKER.principal(), "case-handling", "http");
        graphql.execute(ExecutionInput.newExecutionInput("mutation Split { unmergeRecord(record: \"hotline12345:C7\") }")
                .graphQLContext(Map.of(Access.CONTEXT_KEY, CASEWORKER, AuditCollector.CONTEXT_KEY, refused)).build());
        AuditRecord split = refused.recorded();
        assertThat(split.principal()).isEqualTo("cw1");
        assertThat(split.errors()).containsExactly("FORBIDDEN");
        assertThat(callerOf("C7")).isEqualTo(resident);
    }
}

package org.jiedao.hub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code hub resolve} and its subcommands through picocli, on a real Neo4j, with the hub's bundled configuration
 * (config/resolution.yaml and its estimated weights): a caller without an ID number is linked by name and phone,
 * explained, split off again and kept apart on the next run; a merge of two ID numbers is refused.
 */
class ResolveCommandTest {
    private static final Ontology ONTOLOGY = Ontology.bundled();
    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void graph() {
        TestNeo4j.clear();
        new GraphSchema(ONTOLOGY).apply(TestNeo4j.driver());
        RecordWriter writer = new RecordWriter(TestNeo4j.driver());
        writer.write(List.of(resident("110102199001010011", "林晓雨", "2"), resident("110102198502020022", "林晓雨", "1"),
                call("C1", "110102199001010011", "林晓雨", "+8613800000001")), List.of());
        writer.write(List.of(call("C2", null, "林晓雨", "+8613800000001")), List.of());
    }

    private static Map<String, Object> person(String name) {
        Map<String, Object> p = new HashMap<>();
        p.put("name", name);
        p.put("nameKey", name);
        p.put("namePinyin", "lin xiao yu linxiao xiaoyu linxiaoyu lxy");
        return p;
    }

    private static RecordAssertions resident(String id, String name, String gender) {
        Map<String, Object> p = person(name);
        p.put("idNumber", id);
        p.put("gender", gender);
        p.put("birthDate", LocalDate.parse(id.substring(6, 10) + "-" + id.substring(10, 12) + "-" + id.substring(12, 14)));
        return new RecordAssertions(new RecordRef("hukou", id, "hukou.csv", ContentHash.of(p.toString()), "{}"),
                List.of(new NodeAssertion("person", ONTOLOGY.nodeType("Person"), id, p, WriteMode.AUTHORITATIVE, true)), List.of());
    }

    private static RecordAssertions call(String caseNo, String id, String name, String phone) {
        Map<String, Object> p = person(name);
        p.put("phone", phone);
        if (id != null) {
            p.put("idNumber", id);
        }
        Object key = id != null ? id : EntityIds.of("hotline12345:" + caseNo, "caller");
        return new RecordAssertions(new RecordRef("hotline12345", caseNo, "cases.json", ContentHash.of(caseNo + p), "{}"),
                List.of(new NodeAssertion("case", ONTOLOGY.nodeType("Case"), caseNo, Map.of("caseNumber", caseNo), WriteMode.AUTHORITATIVE, true),
                        new NodeAssertion("caller", ONTOLOGY.nodeType("Person"), key, p, WriteMode.FILL, false, id == null)),
                List.of(new RelationshipAssertion(ONTOLOGY.relationshipType("REPORTED_BY"), "case", "caller", Map.of())));
    }

    private int resolve(String... args) {
        out.reset();
        err.reset();
        ResolveCommand c = new ResolveCommand();
        Map<String, String> env = new HashMap<>();
        env.put("NEO4J_URI", TestNeo4j.boltUri().toString());
        env.put("HUB_DATA_DIR", dir.toString());
        c.env = env;
        c.stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        c.stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
        return new CommandLine(c).execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String entityOf(String idNumber) {
        try (var s = TestNeo4j.driver().session()) {
            return s.run("MATCH (p:Person {idNumber: $id}) RETURN p.entityId AS e", Map.of("id", idNumber)).single().get("e").asString();
        }
    }

    @Test
    void resolveExplainUnmergeAndRefuse() {
        assertThat(resolve()).isZero();
        assertThat(out()).contains("provisional persons: 1").contains("linked: 1");
        String resident = entityOf("110102199001010011");

        assertThat(resolve("why", "hotline12345:C2", "hukou:110102199001010011")).isZero();
        assertThat(out()).contains("the same entity").contains("linked: hotline12345:C2 by weights").contains("phone");

        assertThat(resolve("records", resident)).isZero();
        assertThat(out()).contains("hotline12345:C2").contains("deterministic:idNumber");

        assertThat(resolve("unmerge", "hotline12345:C2", "--reason", "another 林晓雨")).isZero();
        assertThat(out()).contains("new entity " + EntityIds.split("hotline12345:C2"));
        assertThat(resolve("--again")).isZero();
        assertThat(out()).contains("linked: 0");
        assertThat(resolve("why-not", "hotline12345:C2", resident)).isZero();
        assertThat(out()).contains("different entities").contains("apart: a clerk (cli:");

        assertThat(resolve("merge", resident, entityOf("110102198502020022"))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("refused").contains("different idNumber");
        assertThat(resolve("why", "nope:1", resident)).isEqualTo(2);
    }
}

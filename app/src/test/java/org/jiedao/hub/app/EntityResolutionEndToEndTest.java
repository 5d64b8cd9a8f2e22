package org.jiedao.hub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.simulator.SiloGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entity resolution through the running hub: 12345 callers who gave no ID number (the generator's ground truth says
 * who they are) are written as provisional persons and resolved by the hub against the registry's residents. None
 * may be put on the wrong resident; those who called again with their ID number (so their phone is known) are found.
 */
class EntityResolutionEndToEndTest {
    @TempDir
    Path dataDir;

    private HubSettings settings() {
        return TestHubs.settings(dataDir);
    }

    private static JsonNode graphql(Hub hub, String query) throws Exception {
        return TestHubs.graphql(hub, query);
    }

    /** Case number to the true ID number of its caller, for the calls made without an ID number. */
    private Map<String, String> callsWithoutId() throws Exception {
        Map<String, String> out = new HashMap<>();
        for (String line : Files.readAllLines(settings().silosDir().resolve(SiloGenerator.GROUND_TRUTH_FILE))) {
            String[] f = line.split(",", 5);
            if (f[0].equals("hotline12345") && f.length == 5 && f[4].startsWith("no ID number")) {
                out.put(f[1], f[3]);
            }
        }
        return out;
    }

    @Test
    void callersWithoutAnIdNumberAreFoundAndNeverPutOnAnotherResident() throws Exception {
        TestNeo4j.clear();
        SiloGenerator.Options.builder().persons(1500).generator().generate(settings().silosDir());
        Map<String, String> truth = callsWithoutId();
        assertThat(truth).hasSizeGreaterThan(10);
        try (Hub hub = Hub.start(settings())) {
            assertThat(hub.routes().awaitInitialLoad(Duration.ofMinutes(5))).isTrue();
            while (hub.resolution().resolvePending().pending() > 0) {
                // until nothing is left (the hub's own scheduled run may have taken some first)
            }
            int found = 0;
            int wrong = 0;
            int apart = 0;
            String foundCase = null;
            try (var s = TestNeo4j.driver().session()) {
                for (Map.Entry<String, String> call : truth.entrySet()) {
                    List<String> callers = s.run("MATCH (:Case {caseNumber: $c})-[:REPORTED_BY]->(p:Person) RETURN p.idNumber AS id",
                            Map.of("c", call.getKey())).list(r -> r.get("id").asString(null));
                    assertThat(callers).as("case " + call.getKey() + " keeps one caller").hasSize(1);
                    String id = callers.getFirst();
                    if (id == null) {
                        apart++;
                    } else if (id.equals(call.getValue())) {
                        found++;
                        foundCase = call.getKey();
                    } else {
                        wrong++;
                    }
                }
                assertThat(wrong).as("callers put on the wrong resident").isZero();
                assertThat(found).as("callers found (of %d; %d kept apart)", truth.size(), apart).isPositive();
                assertThat(s.run("MATCH (p:Person:Unresolved) RETURN count(p) AS n")
                        .single().get("n").asLong()).as("nothing left provisional").isZero();
                assertThat(s.run("MATCH (p:Person) WHERE p.entityId IS NULL RETURN count(p) AS n").single().get("n").asLong())
                        .as("every person has an entity id").isZero();
            }
            // through GraphQL: the found caller's record, with how it was linked and the evidence
            JsonNode sources = graphql(hub, """
                    { person(idNumber: "%s") { entityId sources { uid rule score evidence { weight fields { comparison level } } } } }"""
                    .formatted(truth.get(foundCase))).path("data").path("person").path("sources");
            JsonNode link = null;
            for (JsonNode src : sources) {
                if (src.path("uid").asText().equals("hotline12345:" + foundCase)) {
                    link = src;
                }
            }
            assertThat(link).as("the call's record among the person's sources: %s", sources).isNotNull();
            assertThat(link.path("rule").asText()).isEqualTo("weights");
            assertThat(link.path("evidence").path("weight").asDouble()).isEqualTo(link.path("score").asDouble());
            assertThat(link.path("evidence").path("fields").findValuesAsText("comparison")).contains("name", "phone");
        }
    }
}

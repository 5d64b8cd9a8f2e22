package org.jiedao.hub.graph.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jiedao.hub.graph.schema.GraphSchema;
import org.jiedao.hub.graph.server.Neo4jConnection;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.assertion.ContentHash;
import org.jiedao.hub.ontology.assertion.NodeAssertion;
import org.jiedao.hub.ontology.assertion.RecordAssertions;
import org.jiedao.hub.ontology.assertion.RecordRef;
import org.jiedao.hub.ontology.assertion.RelationshipAssertion;
import org.jiedao.hub.ontology.assertion.WriteMode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;

/**
 * Writers running at the same time (issue 4, "reliability"): transient failures are retried inside managed
 * transactions until the batch commits, and overlapping batches never create a second node for a key or a second
 * relationship between the same two nodes.
 */
class ConcurrentWriteTest {
    private static final Ontology ONTOLOGY = Ontology.bundled();
    private final Driver driver = TestNeo4j.driver();

    @BeforeEach
    void emptyGraphWithSchema() {
        TestNeo4j.clear();
        new GraphSchema(ONTOLOGY).apply(driver);
    }

    private static String id(int i) {
        return "T%06d".formatted(i);
    }

    /** A registry-like record about one person, with its household and car; uid {@code source:key}. */
    private static RecordAssertions record(String source, String key, String person, String name, String household,
                                           String plate) {
        List<NodeAssertion> nodes = new ArrayList<>();
        List<RelationshipAssertion> rels = new ArrayList<>();
        nodes.add(new NodeAssertion("person", ONTOLOGY.nodeType("Person"), person, Map.of("idNumber", person, "name", name),
                WriteMode.AUTHORITATIVE, true));
        if (household != null) {
            nodes.add(new NodeAssertion("household", ONTOLOGY.nodeType("Household"), household,
                    Map.of("householdNumber", household), WriteMode.FILL, false));
            rels.add(new RelationshipAssertion(ONTOLOGY.relationshipType("MEMBER_OF"), "person", "household", Map.of()));
        }
        if (plate != null) {
            nodes.add(new NodeAssertion("vehicle", ONTOLOGY.nodeType("Vehicle"), plate, Map.of("plate", plate), WriteMode.FILL, false));
            rels.add(new RelationshipAssertion(ONTOLOGY.relationshipType("OWNS"), "person", "vehicle", Map.of()));
        }
        String data = String.join("|", key, person, name, String.valueOf(household), String.valueOf(plate));
        return new RecordAssertions(new RecordRef(source, key, source + " " + key, ContentHash.of(data), "{}"), nodes, rels);
    }

    private long count(String cypher) {
        try (var s = driver.session()) {
            return s.run(cypher).single().get(0).asLong();
        }
    }

    @Test
    void twoWritersLockingTheSamePersonsInOppositeOrderDeadlockAndBothBatchesCommitAfterRetry() throws Exception {
        int persons = 2_000;
        Map<String, String> env = Map.of(Neo4jConnection.ENV_URI, TestNeo4j.boltUri().toString(),
                Neo4jConnection.ENV_MAX_RETRY_SECONDS, "120");
        try (Neo4jConnection connection = Neo4jConnection.fromEnvironment(env, null);
             ExecutorService pool = Executors.newFixedThreadPool(2)) {
            assertThat(connection.maxTransactionRetryTime()).isEqualTo(Duration.ofSeconds(120));
            RecordWriter writer = new RecordWriter(connection.driver());
            List<RecordAssertions> seed = new ArrayList<>();
            for (int i = 0; i < persons; i++) {
                seed.add(record("seed", id(i), id(i), "seed", null, null));
            }
            writer.write(seed, List.of());

            int rounds = 0;
            while (writer.retriedTransactions() == 0 && rounds < 8) {
                rounds++;
                List<RecordAssertions> up = new ArrayList<>();
                List<RecordAssertions> down = new ArrayList<>();
                for (int i = 0; i < persons; i++) {
                    up.add(record("up", rounds + "-" + id(i), id(i), "up" + rounds, null, null));
                    int j = persons - 1 - i;
                    down.add(record("down", rounds + "-" + id(j), id(j), "down" + rounds, null, null));
                }
                CyclicBarrier start = new CyclicBarrier(2);
                Future<WriteSummary> a = pool.submit(() -> {
                    start.await();
                    return writer.write(up, List.of());
                });
                Future<WriteSummary> b = pool.submit(() -> {
                    start.await();
                    return writer.write(down, List.of());
                });
                assertThat(a.get().written()).isEqualTo(persons);
                assertThat(b.get().written()).isEqualTo(persons);
            }
            assertThat(writer.retriedTransactions()).as("deadlocks retried in %d round(s)", rounds).isPositive();
            assertThat(count("MATCH (r:SourceRecord) WHERE r.source IN ['up', 'down'] RETURN count(r)"))
                    .isEqualTo(2L * persons * rounds);
            assertThat(count("MATCH (p:Person) RETURN count(p)")).isEqualTo(persons);
            // every person carries the name of one of the two last batches, whole: never a mix within a batch
            assertThat(count("MATCH (p:Person) RETURN count(DISTINCT p.name)")).isEqualTo(1);
        }
    }

    @Test
    void eightWritersWithOverlappingBatchesCreateOneNodePerKeyAndOneRelationshipPerPair() throws Exception {
        int threads = 8;
        int batchesPerThread = 6;
        int batchSize = 150;
        long seed = new Random().nextLong();
        System.out.println("ConcurrentWriteTest seed " + seed);
        Random random = new Random(seed);
        // one person owns one household membership and at most one car, fixed per person, so that every record
        // about a person asserts the same relationships; records of different threads overlap on persons
        int people = 400;
        List<List<List<RecordAssertions>>> work = new ArrayList<>();
        Map<String, Set<String>> assertedBy = new HashMap<>();
        Set<String> expectedPersons = new HashSet<>();
        Set<String> expectedHouseholds = new HashSet<>();
        Set<String> expectedVehicles = new HashSet<>();
        for (int t = 0; t < threads; t++) {
            List<List<RecordAssertions>> batches = new ArrayList<>();
            for (int b = 0; b < batchesPerThread; b++) {
                List<RecordAssertions> batch = new ArrayList<>();
                for (int i = 0; i < batchSize; i++) {
                    int p = random.nextInt(people);
                    String person = id(p);
                    String household = "H" + (p / 3);
                    String plate = p % 2 == 0 ? "京A" + "%05d".formatted(p) : null;
                    String key = t + "-" + b + "-" + i;
                    batch.add(record("w" + t, key, person, "name" + p, household, plate));
                    String uid = "w" + t + ":" + key;
                    expectedPersons.add(person);
                    expectedHouseholds.add(household);
                    assertedBy.computeIfAbsent("MEMBER_OF " + person + " " + household, k -> new HashSet<>()).add(uid);
                    if (plate != null) {
                        expectedVehicles.add(plate);
                        assertedBy.computeIfAbsent("OWNS " + person + " " + plate, k -> new HashSet<>()).add(uid);
                    }
                }
                batches.add(batch);
            }
            work.add(batches);
        }

        RecordWriter writer = new RecordWriter(driver);
        CyclicBarrier start = new CyclicBarrier(threads);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Long>> done = new ArrayList<>();
            for (List<List<RecordAssertions>> batches : work) {
                done.add(pool.submit(() -> {
                    start.await();
                    long written = 0;
                    for (List<RecordAssertions> batch : batches) {
                        written += writer.write(batch, List.of()).written();
                    }
                    return written;
                }));
            }
            long written = 0;
            for (Future<Long> f : done) {
                written += f.get();
            }
            assertThat(written).isEqualTo((long) threads * batchesPerThread * batchSize);
        }

        assertThat(count("MATCH (p:Person) RETURN count(p)")).isEqualTo(expectedPersons.size());
        assertThat(count("MATCH (p:Person) RETURN count(DISTINCT p.idNumber)")).isEqualTo(expectedPersons.size());
        assertThat(count("MATCH (h:Household) RETURN count(h)")).isEqualTo(expectedHouseholds.size());
        assertThat(count("MATCH (v:Vehicle) RETURN count(v)")).isEqualTo(expectedVehicles.size());
        assertThat(count("MATCH (:Person)-[r:MEMBER_OF|OWNS]->() RETURN count(r)")).isEqualTo(assertedBy.size());
        assertThat(count("MATCH (r:SourceRecord) RETURN count(r)")).isEqualTo((long) threads * batchesPerThread * batchSize);

        Map<String, Set<String>> stored = new HashMap<>();
        try (var s = driver.session()) {
            s.run("MATCH (p:Person)-[r:MEMBER_OF|OWNS]->(x) RETURN type(r) AS t, p.idNumber AS p, "
                            + "coalesce(x.householdNumber, x.plate) AS x, r.sources AS sources")
                    .forEachRemaining(r -> {
                        List<String> sources = r.get("sources").asList(v -> v.asString());
                        assertThat(sources).as("sources listed once each").doesNotHaveDuplicates();
                        stored.put(r.get("t").asString() + " " + r.get("p").asString() + " " + r.get("x").asString(),
                                new HashSet<>(sources));
                    });
            // each record resolves to exactly its person and mentions exactly its household and car
            long badProvenance = s.run("""
                    MATCH (r:SourceRecord)
                    OPTIONAL MATCH (r)-[:RESOLVES_TO]->(p:Person)
                    OPTIONAL MATCH (r)-[:MENTIONS]->(m)
                    WITH r, count(DISTINCT p) AS resolved, count(DISTINCT m) AS mentioned
                    WHERE resolved <> 1 OR mentioned < 1 OR mentioned > 2
                    RETURN count(r)""").single().get(0).asLong();
            assertThat(badProvenance).isZero();
        }
        assertThat(stored).isEqualTo(assertedBy);
    }
}

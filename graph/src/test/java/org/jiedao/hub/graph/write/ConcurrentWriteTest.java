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

    /**
     * A record that is authoritative for one end of an OWNS relationship and only refers to the other (which must
     * exist): it locks its own end in the node statement and the other end only later, when the relationship is
     * merged. Two such writers, one per end, lock the same pairs in opposite order whatever the writer's ordering.
     */
    private static RecordAssertions owns(String source, String key, String person, String plate, boolean personSide, String value) {
        NodeAssertion p = new NodeAssertion("person", ONTOLOGY.nodeType("Person"), person,
                personSide ? Map.of("idNumber", person, "name", value) : Map.of("idNumber", person),
                personSide ? WriteMode.AUTHORITATIVE : WriteMode.REFERENCE, personSide);
        NodeAssertion v = new NodeAssertion("vehicle", ONTOLOGY.nodeType("Vehicle"), plate,
                personSide ? Map.of("plate", plate) : Map.of("plate", plate, "brand", value),
                personSide ? WriteMode.REFERENCE : WriteMode.AUTHORITATIVE, !personSide);
        return new RecordAssertions(new RecordRef(source, key, source + " " + key, ContentHash.of(key + value), "{}"),
                List.of(p, v), List.of(new RelationshipAssertion(ONTOLOGY.relationshipType("OWNS"), "person", "vehicle", Map.of())));
    }

    @Test
    void twoWritersLockingTheSameNodesInOppositeOrderDeadlockAndBothBatchesCommitAfterRetry() throws Exception {
        int pairs = 1_500;
        Map<String, String> env = Map.of(Neo4jConnection.ENV_URI, TestNeo4j.boltUri().toString(),
                Neo4jConnection.ENV_MAX_RETRY_SECONDS, "120");
        try (Neo4jConnection connection = Neo4jConnection.fromEnvironment(env, null);
             ExecutorService pool = Executors.newFixedThreadPool(2)) {
            assertThat(connection.maxTransactionRetryTime()).isEqualTo(Duration.ofSeconds(120));
            RecordWriter writer = new RecordWriter(connection.driver());
            List<RecordAssertions> seed = new ArrayList<>();
            for (int i = 0; i < pairs; i++) {
                seed.add(record("seed", id(i), id(i), "seed", null, "京A" + "%05d".formatted(i)));
            }
            writer.write(seed, List.of());

            int rounds = 0;
            while (writer.retriedTransactions() == 0 && rounds < 6) {
                rounds++;
                List<RecordAssertions> persons = new ArrayList<>();
                List<RecordAssertions> vehicles = new ArrayList<>();
                for (int i = 0; i < pairs; i++) {
                    String plate = "京A" + "%05d".formatted(i);
                    persons.add(owns("persons", rounds + "-" + i, id(i), plate, true, "name" + rounds));
                    vehicles.add(owns("vehicles", rounds + "-" + i, id(i), plate, false, "brand" + rounds));
                }
                CyclicBarrier start = new CyclicBarrier(2);
                Future<WriteSummary> a = pool.submit(() -> {
                    start.await();
                    return writer.write(persons, List.of());
                });
                Future<WriteSummary> b = pool.submit(() -> {
                    start.await();
                    return writer.write(vehicles, List.of());
                });
                assertThat(a.get().written()).isEqualTo(pairs);
                assertThat(b.get().written()).isEqualTo(pairs);
            }
            assertThat(writer.retriedTransactions()).as("deadlocks retried in %d round(s)", rounds).isPositive();
            int last = rounds;
            assertThat(count("MATCH (r:SourceRecord) WHERE r.source IN ['persons', 'vehicles'] RETURN count(r)"))
                    .isEqualTo(2L * pairs * rounds);
            assertThat(count("MATCH (p:Person) WHERE p.name = 'name" + last + "' RETURN count(p)")).isEqualTo(pairs);
            assertThat(count("MATCH (v:Vehicle) WHERE v.brand = 'brand" + last + "' RETURN count(v)")).isEqualTo(pairs);
            assertThat(count("MATCH (:Person)-[r:OWNS]->(:Vehicle) RETURN count(r)")).isEqualTo(pairs);
            assertThat(count("MATCH (:Person)-[r:OWNS]->(:Vehicle) WHERE size(r.sources) = 1 + 2 * " + last + " RETURN count(r)"))
                    .isEqualTo(pairs);
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

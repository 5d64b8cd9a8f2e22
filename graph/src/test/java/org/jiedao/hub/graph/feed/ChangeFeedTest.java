package org.jiedao.hub.graph.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jiedao.hub.graph.schema.GraphSchema;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.graph.write.RecordWriter;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.assertion.ContentHash;
import org.jiedao.hub.ontology.assertion.NodeAssertion;
import org.jiedao.hub.ontology.assertion.RecordAssertions;
import org.jiedao.hub.ontology.assertion.RecordRef;
import org.jiedao.hub.ontology.assertion.RelationshipAssertion;
import org.jiedao.hub.ontology.assertion.WriteMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The writer's change feed against a real Neo4j: what is published, when, and that slow readers cost it nothing. */
class ChangeFeedTest {
    private static final Ontology O = Ontology.bundled();
    private final ChangeFeed feed = new ChangeFeed(16);
    private final RecordWriter writer = new RecordWriter(TestNeo4j.driver(), O, feed);

    @BeforeEach
    void emptyGraph() {
        TestNeo4j.clear();
        new GraphSchema(O).apply(TestNeo4j.driver());
    }

    @AfterEach
    void close() {
        feed.close();
    }

    static RecordAssertions vehicle(String recordKey, String plate, String ownerId, Object type) {
        return new RecordAssertions(new RecordRef("vehicles", recordKey, "vehicles row " + recordKey,
                ContentHash.of(recordKey + plate + ownerId + type), "{}"),
                List.of(new NodeAssertion("v", O.nodeType("Vehicle"), plate, Map.of("plate", plate, "vehicleType", type),
                                WriteMode.AUTHORITATIVE, true),
                        new NodeAssertion("o", O.nodeType("Person"), ownerId, Map.of("idNumber", ownerId), WriteMode.FILL, false)),
                List.of(new RelationshipAssertion(O.relationshipType("OWNS"), "o", "v", Map.of())));
    }

    /** Collects everything it is offered, asking for all of it. */
    static final class Collector<T> implements Flow.Subscriber<T> {
        final BlockingQueue<T> received = new LinkedBlockingQueue<>();
        volatile Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(T item) {
            received.add(item);
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onComplete() {
        }

        T next() throws InterruptedException {
            T item = received.poll(10, TimeUnit.SECONDS);
            assertThat(item).as("an item within 10 s").isNotNull();
            return item;
        }
    }

    @Test
    void aCommittedBatchPublishesOneChangePerAssertedNodeCreatedThenUpdated() throws Exception {
        Collector<Feed.Delivery<EntityChange>> all = new Collector<>();
        feed.subscribe(null, null, () -> false).subscribe(all);
        Instant before = Instant.now();
        writer.write(List.of(vehicle("1", "京A12345", "110102199001011234", "小型汽车")), List.of());
        List<EntityChange> first = List.of(all.next().item(), all.next().item());
        assertThat(first).extracting(EntityChange::label, EntityChange::key, EntityChange::change, EntityChange::source,
                EntityChange::recordKey).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("Vehicle", "京A12345", EntityChange.Kind.CREATED, "vehicles", "1"),
                org.assertj.core.groups.Tuple.tuple("Person", "110102199001011234", EntityChange.Kind.CREATED, "vehicles", "1"));
        assertThat(first.getFirst().at()).isAfterOrEqualTo(before);

        writer.write(List.of(vehicle("1", "京A12345", "110102199001011234", "大型汽车")), List.of());
        assertThat(List.of(all.next().item(), all.next().item())).extracting(EntityChange::change)
                .containsOnly(EntityChange.Kind.UPDATED);
        writer.write(List.of(vehicle("1", "京A12345", "110102199001011234", "大型汽车")), List.of());
        assertThat(all.received.poll(500, TimeUnit.MILLISECONDS)).as("an unchanged record changes nothing").isNull();
    }

    @Test
    void subscribersGetOnlyTheTypesAndKeysTheyAskedFor() throws Exception {
        Collector<Feed.Delivery<EntityChange>> vehicles = new Collector<>();
        Collector<Feed.Delivery<EntityChange>> onePlate = new Collector<>();
        feed.subscribe(List.of("Vehicle"), null, () -> false).subscribe(vehicles);
        feed.subscribe(null, List.of("京B67890"), () -> false).subscribe(onePlate);
        writer.write(List.of(vehicle("1", "京A12345", "110102199001011234", "小型汽车"),
                vehicle("2", "京B67890", "110102199001011234", "小型汽车")), List.of());
        List<String> plates = new ArrayList<>(List.of(vehicles.next().item().key(), vehicles.next().item().key()));
        assertThat(plates).containsExactlyInAnyOrder("京A12345", "京B67890");
        assertThat(onePlate.next().item().key()).isEqualTo("京B67890");
        assertThat(vehicles.received.poll(300, TimeUnit.MILLISECONDS)).as("no Person change for the Vehicle subscriber").isNull();
        assertThat(onePlate.received.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aBatchThatRollsBackPublishesNothing() throws Exception {
        Collector<Feed.Delivery<EntityChange>> all = new Collector<>();
        feed.subscribe(null, null, () -> false).subscribe(all);
        // a map is no property value: Neo4j refuses the statement after the first vehicle was merged in the same tx
        RecordAssertions bad = vehicle("2", "京B67890", "110102199001011234", Map.of("not", "storable"));
        assertThatThrownBy(() -> writer.write(List.of(vehicle("1", "京A12345", "110102199001011234", "小型汽车"), bad), List.of()))
                .isInstanceOf(org.neo4j.driver.exceptions.Neo4jException.class);
        writer.write(List.of(vehicle("3", "京C11111", "110102199001011234", "小型汽车")), List.of());
        assertThat(all.next().item().recordKey()).as("the first change is the later batch's").isEqualTo("3");
        assertThat(all.next().item().recordKey()).isEqualTo("3");
        assertThat(all.received.poll(300, TimeUnit.MILLISECONDS)).isNull();
        try (var s = TestNeo4j.driver().session()) {
            assertThat(s.run("MATCH (v:Vehicle {plate: '京A12345'}) RETURN count(v)").single().get(0).asLong())
                    .as("rolled back").isZero();
        }
    }

    @Test
    void aSubscriberThatNeverReadsDoesNotHoldUpTheWriterAndIsToldWhatItMissed() throws Exception {
        List<Flow.Subscription> stalled = new ArrayList<>();
        feed.subscribe(null, null, () -> false).subscribe(new Flow.Subscriber<Feed.Delivery<EntityChange>>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                stalled.add(s); // never requests anything
            }

            @Override
            public void onNext(Feed.Delivery<EntityChange> item) {
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onComplete() {
            }
        });
        Collector<Feed.Delivery<EntityChange>> reader = new Collector<>();
        feed.subscribe(List.of("Vehicle"), List.of("京A00299"), () -> false).subscribe(reader);
        List<RecordAssertions> batch = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            batch.add(vehicle("r" + i, "京A%05d".formatted(i), "110102199001011234", "小型汽车"));
        }
        long start = System.nanoTime();
        writer.write(batch, List.of());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the write did not wait for the stalled reader")
                .isLessThan(Duration.ofSeconds(20));
        // the stalled subscriber's buffer (16) is full: every further change was dropped for it alone, and counted
        assertThat(feed.dropped()).isGreaterThanOrEqualTo(600 - 16);
        Feed.Delivery<EntityChange> read = reader.next();
        assertThat(read.item().key()).isEqualTo("京A00299");
        assertThat(read.dropped()).as("changes it does not want take no room in its buffer: it lost nothing").isZero();

        Collector<Feed.Delivery<EntityChange>> congested = new Collector<>();
        feed.subscribe(null, null, () -> true).subscribe(congested);
        long droppedBefore = feed.dropped();
        writer.write(List.of(vehicle("x", "京Z99999", "110102199001011234", "小型汽车")), List.of());
        assertThat(congested.received.poll(500, TimeUnit.MILLISECONDS)).as("a congested consumer gets nothing").isNull();
        assertThat(feed.dropped() - droppedBefore).as("stalled and congested subscribers each lost both changes")
                .isEqualTo(4);
    }
}

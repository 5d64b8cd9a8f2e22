package org.jiedao.hub.routes.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jiedao.hub.routes.exchange.ExchangeGraph.FUYOUJIE;
import static org.jiedao.hub.routes.exchange.ExchangeGraph.RESIDENTS;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jiedao.hub.graph.ops.Delivery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mode: changes}: the first delivery carries every filtered resident, the next only the residents whose
 * records were written again with new content (through the normal source mapping and writer), and an extract with
 * no change makes no delivery; a new runtime over the same Neo4j continues from the watermark of the last recorded
 * delivery.
 */
class ChangeFeedTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The agreement's settle time: a change is delivered once it is this old (Neo4j's clock). */
    private static final String SETTLE = "300ms";

    @TempDir
    Path dataDir;
    private ExchangeGraph graph;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T02:00:00Z"));

    @BeforeEach
    void graph() throws Exception {
        graph = ExchangeGraph.fresh();
        graph.load(RESIDENTS);
        Files.createDirectories(drop());
    }

    private Path drop() {
        return dataDir.resolve("drop");
    }

    private ExchangeRuntime runtime() throws Exception {
        return ExchangeGraph.runtime(dataDir, clock, ExchangeGraph.REPO.resolve("config/access.yaml"),
                ExchangeGraph.agreement("civil-changes", "partner:civil-affairs", "[idNumber, name]", drop(), "json",
                        "mode: changes\nsettle: " + SETTLE));
    }

    /** Extracts until a delivery is made (a change becomes deliverable once it has settled); at most 30 s. */
    private static String nextDelivery(ExchangeRuntime rt) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            Optional<String> id = rt.extractNow("civil-changes");
            if (id.isPresent()) {
                return id.get();
            }
            Thread.sleep(50); // poll interval, not a wait for a fixed time
        }
        throw new AssertionError("no delivery within 30 s");
    }

    /** Sends the delivery over the file drop and reads the residents it carried, as (idNumber, name). */
    private List<List<String>> sent(ExchangeRuntime rt, String id) throws Exception {
        assertThat(rt.outbox().deliverDue().sent()).containsExactly(id);
        JsonNode doc = JSON.readTree(drop().resolve("civil-changes-" + id + ".json").toFile());
        List<List<String>> out = new ArrayList<>();
        doc.path("records").forEach(r -> out.add(List.of(r.path("idNumber").asText(), r.path("name").asText())));
        return out;
    }

    private static ExchangeGraph.Resident renamed(int index, String name) {
        ExchangeGraph.Resident r = RESIDENTS.get(index);
        return new ExchangeGraph.Resident(r.idNumber(), name, r.gender(), r.birthDate(), r.community());
    }

    @Test
    void theFirstDeliveryCarriesEveryFilteredResidentThenOnlyTheChangedOneAndNothingWhenNothingChanged() throws Exception {
        try (ExchangeRuntime rt = runtime()) {
            String first = nextDelivery(rt);
            assertThat(sent(rt, first)).extracting(List::getFirst).containsExactlyElementsOf(
                    RESIDENTS.stream().filter(r -> r.community().equals(FUYOUJIE)).map(ExchangeGraph.Resident::idNumber).sorted().toList());
            Delivery d = rt.ledger().delivery(first).orElseThrow();
            assertThat(d.watermark()).as("recorded with the delivery").isNotNull();

            assertThat(rt.extractNow("civil-changes")).as("nothing changed: no delivery").isEmpty();
            assertThat(rt.ledger().deliveriesOf("civil-changes")).hasSize(1);

            // 王建国's registry record comes again with a new name; 李娜 (another community) changes too
            assertThat(graph.load(List.of(renamed(2, "王建军"), renamed(3, "李丽娜"))).written()).isEqualTo(2);
            String second = nextDelivery(rt);
            assertThat(sent(rt, second)).containsExactly(List.of(RESIDENTS.get(2).idNumber(), "王建军"));
            assertThat(rt.ledger().delivery(second).orElseThrow().entityKeys()).containsExactly(RESIDENTS.get(2).idNumber());
            assertThat(rt.ledger().delivery(second).orElseThrow().watermark()).isAfter(d.watermark());

            assertThat(graph.load(List.of(renamed(2, "王建军"))).written()).as("the same content again: unchanged").isZero();
            assertThat(rt.extractNow("civil-changes")).isEmpty();
        }
    }

    @Test
    void aRestartedRuntimeContinuesFromTheLastRecordedDelivery() throws Exception {
        try (ExchangeRuntime rt = runtime()) {
            assertThat(sent(rt, nextDelivery(rt))).hasSize(3);
        }
        try (ExchangeRuntime rt = runtime()) {
            assertThat(rt.extractNow("civil-changes")).as("the new process knows what was delivered").isEmpty();
            graph.load(List.of(renamed(1, "毕秀英")));
            assertThat(sent(rt, nextDelivery(rt))).containsExactly(List.of(RESIDENTS.get(1).idNumber(), "毕秀英"));
        }
    }
}

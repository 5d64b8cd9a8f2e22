package org.jiedao.hub.graph.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jiedao.hub.graph.testing.TestNeo4j;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Agreements and the outbox's deliveries through Spring Data Neo4j: states only move forward, ids are unique. */
class ExchangeLedgerTest {
    private static ExchangeLedger ledger;
    private static final Instant T0 = Instant.parse("2026-11-29T02:00:00Z");

    @BeforeAll
    static void start() {
        TestNeo4j.clear();
        ledger = ExchangeLedger.create(TestNeo4j.driver());
        ledger.saveAgreement(new Agreement("ledger-a", "partner:civil-affairs", "benefit-eligibility", "basis", "Person",
                List.of("name", "gender"), List.of("110102001004"), "file", "csv", "utf-8-bom", LocalDate.parse("2026-01-01"), null));
    }

    @AfterAll
    static void stop() {
        ledger.close();
    }

    private static String record(String id) {
        ledger.recordDelivery(id, "ledger-a", "ab".repeat(32), List.of("k1", "k2"), "ledger-a-" + id + ".csv", T0);
        return id;
    }

    @Test
    void anAgreementRoundTripsAndSavingAgainReplacesIt() {
        Agreement a = ledger.agreement("ledger-a").orElseThrow();
        assertThat(a.fields()).containsExactly("name", "gender");
        assertThat(a.validFrom()).isEqualTo(LocalDate.parse("2026-01-01"));
        assertThat(a.validUntil()).isNull();
        ledger.saveAgreement(new Agreement("ledger-b", "partner:x", "p", "b", "Person", List.of("name"), List.of(), "amqp",
                "json", "utf-8", LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31")));
        ledger.saveAgreement(new Agreement("ledger-b", "partner:x", "p", "b", "Person", List.of("gender"), List.of(), "amqp",
                "json", "utf-8", LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31")));
        assertThat(ledger.agreements()).filteredOn(x -> x.id().equals("ledger-b")).singleElement()
                .extracting(Agreement::fields).isEqualTo(List.of("gender"));
    }

    @Test
    void aDeliveryIsPendingAndDueAtOnceThenSentOnceAndAcknowledged() {
        String id = record("d-sent");
        Delivery d = ledger.delivery(id).orElseThrow();
        assertThat(d.state()).isEqualTo(DeliveryState.PENDING);
        assertThat(d.entityKeys()).containsExactly("k1", "k2");
        assertThat(ledger.due(T0, 100)).extracting(Delivery::id).contains(id);
        assertThat(ledger.markSent(id, T0.plusSeconds(1))).isTrue();
        assertThat(ledger.markSent(id, T0.plusSeconds(2))).as("SENT is not sent again").isFalse();
        assertThat(ledger.markAttemptFailed(id, "late failure", T0, false)).as("a late failure cannot undo SENT").isFalse();
        assertThat(ledger.delivery(id).orElseThrow().sentAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(ledger.due(T0.plusSeconds(60), 100)).extracting(Delivery::id).doesNotContain(id);
        assertThat(ledger.markAcknowledged(id, T0.plusSeconds(5))).isTrue();
        assertThat(ledger.markAcknowledged(id, T0.plusSeconds(6))).isFalse();
        assertThat(ledger.delivery(id).orElseThrow().state()).isEqualTo(DeliveryState.ACKNOWLEDGED);
    }

    @Test
    void aFailedAttemptWaitsUntilItsNextAttemptAndGivingUpMakesItFailed() {
        String id = record("d-retry");
        assertThat(ledger.markAttemptFailed(id, "peer down", T0.plusSeconds(30), false)).isTrue();
        assertThat(ledger.due(T0.plusSeconds(29), 100)).extracting(Delivery::id).doesNotContain(id);
        assertThat(ledger.due(T0.plusSeconds(30), 100)).extracting(Delivery::id).contains(id);
        assertThat(ledger.markAttemptFailed(id, "still down", null, true)).isTrue();
        Delivery d = ledger.delivery(id).orElseThrow();
        assertThat(d.state()).isEqualTo(DeliveryState.FAILED);
        assertThat(d.attempts()).isEqualTo(2);
        assertThat(d.lastError()).isEqualTo("still down");
        assertThat(ledger.markSent(id, T0)).isFalse();
    }

    @Test
    void oneIdIsNeverRecordedTwiceAndAnUnknownAgreementIsRefused() {
        record("d-once");
        assertThatThrownBy(() -> record("d-once")).isInstanceOf(RuntimeException.class);
        assertThat(ledger.deliveriesOf("ledger-a")).filteredOn(d -> d.id().equals("d-once")).hasSize(1);
        assertThatThrownBy(() -> ledger.recordDelivery("d-x", "no-such", "00", List.of(), "f.csv", T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such");
    }

    @Test
    void countsGiveEveryStatePerAgreement() {
        record("d-count");
        assertThat(ledger.counts().get("ledger-a")).containsKeys(DeliveryState.values()).satisfies(m ->
                assertThat(m.values().stream().mapToLong(Long::longValue).sum())
                        .isEqualTo(ledger.deliveriesOf("ledger-a").size()));
    }
}

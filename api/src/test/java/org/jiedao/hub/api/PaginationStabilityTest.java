package org.jiedao.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;

import org.jiedao.hub.api.QueryFixture.Resident;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cursors hold the sort key, not an offset: reading a connection page by page while persons are inserted (by a
 * concurrent writer, and between pages before the cursor, tied with it, and after it) gives every person that
 * existed at the start exactly once, no person twice, the persons inserted after the cursor, and never those
 * inserted before it.
 */
class PaginationStabilityTest {
    private static QueryFixture.Engine engine;

    @BeforeAll
    static void graph() {
        QueryFixture.write();
        engine = QueryFixture.engine();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void noRepeatsAndNoSkipsWhenRowsAreInsertedBetweenPages() throws Exception {
        List<String> atStart = QueryFixture.ids(QueryFixture.residents(), r -> true);
        AtomicBoolean reading = new AtomicBoolean(true);
        // a concurrent writer: persons named 一 (before every name) and nameless ones (last), IDs 500..529
        Thread writer = Thread.ofVirtual().start(() -> {
            for (int i = 500; i < 530 && reading.get(); i++) {
                QueryFixture.insert(List.of(QueryFixture.resident(i, i % 2 == 0 ? "一" : null)));
                try {
                    Thread.sleep(30);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        List<JsonNode> read = new ArrayList<>();
        List<String> insertedBefore = new ArrayList<>();
        List<String> insertedAfter = new ArrayList<>();
        String after = null;
        int page = 0;
        try {
            while (true) {
                JsonNode c = engine.data("{ persons(first: 5, sort: [{name: ASC}, {birthDate: DESC}]%s) { edges { node { idNumber name birthDate } } pageInfo { hasNextPage endCursor } } }"
                        .formatted(after == null ? "" : ", after: \"" + after + "\""), "persons");
                c.path("edges").forEach(e -> read.add(e.path("node")));
                if (!c.path("pageInfo").path("hasNextPage").asBoolean()) {
                    break;
                }
                after = c.path("pageInfo").path("endCursor").asText();
                page++;
                JsonNode last = read.getLast();
                // before the cursor; tied with it on name and birth date, after it by key; after it (nameless, born 1900:
                // last of all, as birth dates sort descending with nulls first). IDs 900 + 2 * page and 901 + 2 * page are greater than every ID before them
                Resident before = QueryFixture.resident(100 + page, "一");
                Resident tied = new Resident(900 + 2 * page, QueryFixture.idNumber(900 + 2 * page), text(last.path("name")),
                        last.path("birthDate").isNull() ? null : LocalDate.parse(last.path("birthDate").asText()), "1",
                        List.of(), List.of(), 0);
                Resident lastOfAll = new Resident(901 + 2 * page, QueryFixture.idNumber(901 + 2 * page), null,
                        LocalDate.of(1900, 1, 1), "1", List.of(), List.of(), 0);
                QueryFixture.insert(List.of(before, tied, lastOfAll));
                insertedBefore.add(before.id());
                insertedAfter.add(tied.id());
                insertedAfter.add(lastOfAll.id());
            }
        } finally {
            reading.set(false);
            writer.join();
        }
        List<String> ids = read.stream().map(n -> n.path("idNumber").asText()).toList();
        assertThat(page).as("pages read").isGreaterThanOrEqualTo(6);
        assertThat(ids).as("no person twice").doesNotHaveDuplicates();
        assertThat(ids).as("every person that existed at the start").containsAll(atStart);
        assertThat(ids).as("persons inserted after the cursor").containsAll(insertedAfter);
        assertThat(ids).as("persons inserted before the cursor").doesNotContainAnyElementsOf(insertedBefore);
        Comparator<JsonNode> order = Comparator.<JsonNode, String>comparing(n -> text(n.path("name")), Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(n -> text(n.path("birthDate")), Comparator.nullsFirst(Comparator.<String>reverseOrder()))
                .thenComparing(n -> n.path("idNumber").asText());
        assertThat(read).as("one sorted sequence").isSortedAccordingTo(order);
    }

    private static String text(JsonNode n) {
        return n.isNull() || n.isMissingNode() ? null : n.asText();
    }
}

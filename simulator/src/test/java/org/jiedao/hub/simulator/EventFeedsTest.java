package org.jiedao.hub.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The publishing departments of the simulator: deterministic events with resends, and the paged REST API. */
class EventFeedsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theSameSeedGivesTheSameEventsAndSomeAreSentTwice() {
        EventSilo a = EventSilo.withDefaults();
        EventSilo b = EventSilo.withDefaults();
        assertThat(a.parkingEvents(50, 5)).isEqualTo(b.parkingEvents(50, 5));
        assertThat(a.patrolPositions(50, 5)).isEqualTo(b.patrolPositions(50, 5));
        List<ObjectNode> events = a.parkingEvents(200, 5);
        List<ObjectNode> sent = a.withDuplicates(events, 0.1);
        assertThat(sent.size()).isBetween(205, 240);
        assertThat(new HashSet<>(sent.stream().map(e -> e.get("eventId").asText()).toList())).hasSize(200);
        assertThat(events).allSatisfy(e -> assertThat(e.get("event").asText()).isIn("entry", "exit", "occupied", "vacated"));
        assertThat(a.patrolPositions(100, 5)).allSatisfy(e -> {
            assertThat(e.at("/position/lat").asDouble()).isBetween(39.89, 39.95);
            assertThat(e.at("/position/lon").asDouble()).isBetween(116.34, 116.40);
        });
    }

    @Test
    void theRestApiServesEveryRecordOnceByPageAndByCursor() throws Exception {
        List<ObjectNode> kindergartens = EventSilo.withDefaults().kindergartens(45);
        HttpClient http = HttpClient.newHttpClient();
        try (RestSiloServer server = new RestSiloServer(0, kindergartens)) {
            List<String> byPage = new ArrayList<>();
            for (int page = 1; ; page++) {
                JsonNode body = get(http, server.kindergartensUrl() + "?page=" + page + "&size=20");
                body.get("items").forEach(i -> byPage.add(i.get("code").asText()));
                if (body.get("items").size() < 20) {
                    break;
                }
            }
            List<String> byCursor = new ArrayList<>();
            String url = server.kindergartensUrl() + "?size=20";
            while (true) {
                JsonNode body = get(http, url);
                body.get("items").forEach(i -> byCursor.add(i.get("code").asText()));
                if (!body.hasNonNull("nextCursor")) {
                    break;
                }
                url = server.kindergartensUrl() + "?size=20&cursor=" + body.get("nextCursor").asText();
            }
            List<String> expected = kindergartens.stream().map(k -> k.get("code").asText()).toList();
            assertThat(byPage).isEqualTo(expected);
            assertThat(byCursor).isEqualTo(expected);
            HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(server.kindergartensUrl() + "?page=0")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(bad.statusCode()).isEqualTo(400);
        }
    }

    private static JsonNode get(HttpClient http, String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}

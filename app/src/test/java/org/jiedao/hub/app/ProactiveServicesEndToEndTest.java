package org.jiedao.hub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.jiedao.hub.analytics.CommunityScope;
import org.jiedao.hub.analytics.EligibleResident;
import org.jiedao.hub.analytics.Prefill;
import org.jiedao.hub.analytics.PrefillShare;
import org.jiedao.hub.analytics.PrefilledField;
import org.jiedao.hub.analytics.PrefilledForm;
import org.jiedao.hub.analytics.PublicServiceDefinition;
import org.jiedao.hub.analytics.ServiceCatalogue;
import org.jiedao.hub.analytics.ServiceEligibility;
import org.jiedao.hub.analytics.ServiceOutreach;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.simulator.GeneratedSilos;
import org.jiedao.hub.simulator.SiloGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.jiedao.hub.routes.notices.HttpNoticeChannel;
import org.jiedao.hub.routes.notices.Notice;
import org.jiedao.hub.routes.notices.NoticeLedger;
import org.jiedao.hub.routes.notices.NoticeOutbox;
import org.jiedao.hub.routes.notices.NoticeRoute;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proactive services end to end (issue 8, item 3): generated silos (registry, disability certificates, elderly
 * cards, subsidy decisions, opt-outs) ingested through the hub's normal routes, then the repository's catalogue
 * (config/services) applied on the generator's reference day. The generator's {@code ServiceTruth} says exactly who is
 * eligible and not enrolled, and who opted out.
 */
class ProactiveServicesEndToEndTest {
    @TempDir
    static Path dataDir;
    static GeneratedSilos silos;
    static ServiceCatalogue catalogue;
    static Hub hub;

    @org.junit.jupiter.api.AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void theGraphQlFieldsAnswerWithFactsRecordsAndTheFormAsAdmin() throws Exception {
        String id = silos.services().eligibleNotEnrolled().get("nursing-subsidy").iterator().next();
        JsonNode out = TestHubs.graphql(hub, """
                { eligibleNotEnrolled(service: "nursing-subsidy", day: "2026-11-01") {
                    eligible enrolled notEnrolled residents { idNumber name optedOut facts { criterion value detail records } } }
                  prefilledForm(service: "nursing-subsidy", idNumber: "%s", day: "2026-11-01") {
                    filled total share fields { field value text records } }
                  prefillShares(day: "2026-11-01") { service residents fields filled share } }""".formatted(id));
        System.out.println("GRAPHQL " + out);
        assertThat(out.path("errors").isMissingNode()).as(out.toString()).isTrue();
        JsonNode o = out.path("data").path("eligibleNotEnrolled");
        assertThat(o.path("notEnrolled").asInt()).isEqualTo(silos.services().eligibleNotEnrolled().get("nursing-subsidy").size());
        assertThat(o.path("residents").findValuesAsText("idNumber")).containsExactlyElementsOf(
                new TreeSet<>(silos.services().eligibleNotEnrolled().get("nursing-subsidy")));
        assertThat(out.path("data").path("prefilledForm").path("total").asInt()).isEqualTo(catalogue.service("nursing-subsidy").form().size());
        assertThat(out.path("data").path("prefillShares").size()).isEqualTo(3);
    }
    static final java.time.LocalDate DAY = SiloGenerator.DEFAULT_REFERENCE_DATE;

    @BeforeAll
    static void ingest() throws Exception {
        TestNeo4j.clear();
        HubSettings settings = TestHubs.settings(dataDir);
        silos = SiloGenerator.Options.builder().persons(800).generator().generate(settings.silosDir());
        hub = Hub.start(settings);
        assertThat(hub.routes().awaitInitialLoad(Duration.ofMinutes(3))).isTrue();
        catalogue = ServiceCatalogue.load(TestHubs.repoRoot().resolve("config/services"), Ontology.bundled());
    }

    @Test
    void theEligibleResidentsNotEnrolledAreExactlyTheGeneratorsWithTheirFacts() {
        assertThat(catalogue.services()).extracting(PublicServiceDefinition::code).containsExactly("elderly-card", "nursing-subsidy");
        ServiceEligibility eligibility = new ServiceEligibility(TestNeo4j.driver(), null);
        for (PublicServiceDefinition s : catalogue.services()) {
            ServiceOutreach o = eligibility.outreach(s, DAY, CommunityScope.ALL);
            Set<String> expected = silos.services().eligibleNotEnrolled().get(s.code());
            assertThat(expected).as(s.code()).isNotEmpty();
            assertThat(o.notEnrolled()).extracting(EligibleResident::idNumber).as(s.code()).containsExactlyElementsOf(new TreeSet<>(expected));
            assertThat(o.enrolled()).as(s.code()).isEqualTo(silos.services().enrolled().get(s.code()).size());
            assertThat(o.notEnrolled().stream().filter(EligibleResident::optedOut).map(EligibleResident::idNumber).collect(Collectors.toSet()))
                    .as(s.code()).isEqualTo(silos.services().optedOut().getOrDefault(s.code(), Set.of()));
            for (EligibleResident r : o.notEnrolled()) {
                assertThat(r.facts()).extracting(f -> f.criterion()).containsExactlyElementsOf(
                        s.criteria().stream().map(PublicServiceDefinition.Criterion::code).toList());
                r.facts().forEach(f -> assertThat(f.records()).as(f.toString()).isNotEmpty());
            }
        }
    }

    @Test
    void theFormIsPrefilledFromTheGraphWithItsSourceRecords() {
        PublicServiceDefinition subsidy = catalogue.service("nursing-subsidy");
        String id = silos.services().eligibleNotEnrolled().get("nursing-subsidy").iterator().next();
        Prefill prefill = new Prefill(TestNeo4j.driver(), Ontology.bundled(), null);
        PrefilledForm form = prefill.form(subsidy, id, DAY, CommunityScope.ALL).orElseThrow();
        Map<String, PrefilledField> byName = form.fields().stream().collect(Collectors.toMap(PrefilledField::field, f -> f));
        assertThat(byName.get("idNumber").value()).isEqualTo(id);
        assertThat(byName.get("idNumber").records()).anyMatch(r -> r.startsWith("hukou:"));
        assertThat(byName.get("certificateNumber").value()).startsWith(id);
        assertThat(byName.get("certificateNumber").records()).allMatch(r -> r.startsWith("civilaffairs:"));
        assertThat(byName.get("disabilityLevel").value()).isIn("1", "2");
        assertThat(byName.get("disabilityLevel").text()).isIn("一级", "二级");
        assertThat(byName.get("bankAccount").filled()).as("not in the graph").isFalse();
        if (byName.get("phone").filled()) {
            assertThat(byName.get("phone").records()).as("only the hotline knows phone numbers").allMatch(r -> r.startsWith("hotline12345:"));
        }
        assertThat(form.share()).isEqualTo((double) form.filled() / subsidy.form().size());

        List<PrefillShare> shares = prefill.shares(catalogue.services(), DAY, CommunityScope.ALL);
        assertThat(shares).hasSize(3);
        assertThat(shares.get(1).residents()).isEqualTo(silos.services().eligibleNotEnrolled().get("nursing-subsidy").size());
        assertThat(shares.get(2).filled()).isEqualTo(shares.get(0).filled() + shares.get(1).filled());
        shares.forEach(s -> System.out.printf("prefill share %s: %d residents, %d of %d fields, %.4f%n", s.service(), s.residents(),
                s.filled(), s.fields(), s.share()));
    }

    /** What the local notification endpoint received. */
    static final class Endpoint implements AutoCloseable {
        final HttpServer server;
        final Map<String, Integer> accepted = new java.util.concurrent.ConcurrentHashMap<>();
        final Map<String, Integer> refused = new java.util.concurrent.ConcurrentHashMap<>();
        final Map<String, JsonNode> bodies = new java.util.concurrent.ConcurrentHashMap<>();
        volatile Set<String> refuse = Set.of(); // service|ID number

        Endpoint() throws java.io.IOException {
            server = HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/notices", exchange -> {
                String key = exchange.getRequestHeaders().getFirst(HttpNoticeChannel.IDEMPOTENCY_KEY);
                JsonNode body = new ObjectMapper().readTree(exchange.getRequestBody());
                if (refuse.contains(body.path("service").asText() + "|" + body.path("idNumber").asText())) {
                    refused.merge(key, 1, Integer::sum);
                    exchange.sendResponseHeaders(503, -1);
                } else {
                    accepted.merge(key, 1, Integer::sum);
                    bodies.put(key, body);
                    exchange.sendResponseHeaders(202, -1);
                }
                exchange.close();
            });
            server.start();
        }

        java.net.URI url() {
            return java.net.URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/notices");
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static NoticeOutbox outbox(NoticeLedger ledger, java.net.URI url, List<String> audited) {
        return new NoticeOutbox(ledger, new HttpNoticeChannel(url, false, Duration.ofSeconds(5)),
                (n, channel) -> audited.add(n.id()), java.time.Clock.systemUTC(), Duration.ofMillis(50), Duration.ofMillis(200), 1000);
    }

    @Test
    void noticesReachALocalHttpEndpointExactlyOncePerResidentAndServiceAcrossARestartAndRespectOptOuts() throws Exception {
        ProactiveServices services = new ProactiveServices(catalogue, TestNeo4j.driver(), Ontology.bundled());
        Map<String, java.util.SortedSet<String>> expected = new java.util.TreeMap<>();
        for (PublicServiceDefinition s : catalogue.services()) {
            expected.put(s.code(), silos.services().toNotify(s.code()));
        }
        int total = expected.values().stream().mapToInt(Set::size).sum();
        assertThat(silos.services().optedOut().values().stream().mapToInt(Set::size).sum()).as("the generator made opt-outs").isPositive();
        Set<String> flaky = Set.of("elderly-card|" + expected.get("elderly-card").first(),
                "nursing-subsidy|" + expected.get("nursing-subsidy").first()); // service|ID number
        List<String> audited = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (Endpoint endpoint = new Endpoint()) {
            endpoint.refuse = flaky; // these two are refused (503) until the restart
            NoticeLedger ledger = new NoticeLedger(TestNeo4j.driver());
            ledger.ensureSchema();
            try (NoticeRoute route = new NoticeRoute(outbox(ledger, endpoint.url(), audited),
                    () -> services.createNotices(ledger, DAY), Duration.ofMillis(200))) {
                await(() -> endpoint.accepted.size() == total - flaky.size() && endpoint.refused.size() == flaky.size(),
                        "every notice but the refused ones");
            }
            // a restart: new ledger, outbox and route over the same graph; the endpoint now accepts everything
            endpoint.refuse = Set.of();
            NoticeLedger again = new NoticeLedger(TestNeo4j.driver());
            try (NoticeRoute route = new NoticeRoute(outbox(again, endpoint.url(), audited),
                    () -> services.createNotices(again, DAY), Duration.ofMillis(200))) {
                await(() -> endpoint.accepted.size() == total, "the refused notices, after the restart");
                int runs = 0;
                while (runs++ < 3) { // a few more rounds create and send nothing
                    assertThat(services.createNotices(again, DAY)).isZero();
                    assertThat(new NoticeOutbox(again, new HttpNoticeChannel(endpoint.url(), false, Duration.ofSeconds(5)),
                            (n, c) -> audited.add(n.id()), java.time.Clock.systemUTC(), Duration.ofMillis(50), Duration.ofMillis(200), 1000)
                            .deliverDue().sent()).isEmpty();
                }
            }
            assertThat(endpoint.accepted.values()).as("each notice accepted once").containsOnly(1);
            assertThat(endpoint.refused.keySet()).as("a retry carries the notice's first idempotency key")
                    .isSubsetOf(endpoint.accepted.keySet());
            for (PublicServiceDefinition s : catalogue.services()) {
                List<String> residents = endpoint.bodies.values().stream().filter(b -> b.path("service").asText().equals(s.code()))
                        .map(b -> b.path("idNumber").asText()).sorted().toList();
                assertThat(residents).as("exactly one notice per resident not enrolled and not opted out, " + s.code())
                        .containsExactlyElementsOf(expected.get(s.code()));
                assertThat(java.util.Collections.disjoint(residents, silos.services().optedOut().getOrDefault(s.code(), Set.of())))
                        .as("no notice to a resident who opted out").isTrue();
            }
            JsonNode one = endpoint.bodies.values().stream().filter(b -> b.path("service").asText().equals("elderly-card")).findFirst().orElseThrow();
            assertThat(one.path("text").asText()).startsWith(one.path("name").asText() + "您好").contains("社区服务站").doesNotContain("{");
            assertThat(audited).as("every notice sent is in the audit trail, once").hasSize(total).doesNotHaveDuplicates();
            assertThat(ledger.all(null)).extracting(Notice::status).containsOnly("SENT").hasSize(total);
        }
    }
}

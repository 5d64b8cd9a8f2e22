package org.jiedao.hub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jiedao.hub.graph.ops.Delivery;
import org.jiedao.hub.graph.ops.DeliveryState;
import org.jiedao.hub.graph.ops.ExchangeLedger;
import org.jiedao.hub.graph.schema.GraphSchema;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.routes.exchange.HttpsReceiver;
import org.jiedao.hub.routes.exchange.WebhookChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10's "the hub is killed between send and acknowledgement": {@code hub exchange run} in a child JVM delivers
 * over the webhook channel to a real HTTPS receiver on 127.0.0.1, which reads the whole body and holds its answer;
 * the child is killed (SIGKILL, {@link Process#destroyForcibly()}) while the answer is held, so the partner has the
 * delivery and the hub's ledger still says PENDING. {@code hub exchange run} started again resends that delivery under
 * its recorded id, with the same bytes and signature, and the partner, keeping the first copy of each delivery id,
 * ends with that extract exactly once. The second run also makes and sends its own extract, under a new id of its own.
 */
class ExchangeKillTest {
    private static final Duration DEADLINE = Duration.ofMinutes(3);

    @TempDir
    Path data;

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("HUB_DATA_DIR", data.toString());
        env.put("HUB_AGREEMENTS_DIR", data.resolve("agreements").toString());
        env.put("NEO4J_URI", TestNeo4j.boltUri().toString());
        return env;
    }

    @Test
    void aHubKilledAfterThePartnerReadTheDeliveryResendsItUnderTheSameIdAndThePartnerKeepsItOnce() throws Exception {
        TestNeo4j.clear();
        new GraphSchema(Ontology.bundled()).apply(TestNeo4j.driver());
        try (var s = TestNeo4j.driver().session()) {
            s.run("""
                    CREATE (c:Community {code: '110102001004', name: '府右街南社区'})
                    CREATE (:Person {idNumber: '110102194909071225', name: '石蕾娟', gender: '2'})
                           -[:RESIDES_AT]->(:Address {text: 'a'})-[:IN_COMMUNITY]->(c)
                    CREATE (:Person {idNumber: '110102198001011234', name: '毕秀桂', gender: '2'})
                           -[:RESIDES_AT]->(:Address {text: 'b'})-[:IN_COMMUNITY]->(c)""").consume();
        }
        HttpsReceiver.Tls tls = HttpsReceiver.Tls.generate(Files.createDirectories(data.resolve("partner")), "partner");
        try (HttpsReceiver partner = HttpsReceiver.start(tls, 0)) {
            Files.writeString(Files.createDirectories(data.resolve("agreements")).resolve("civil.yaml"), """
                    id: civil-webhook
                    partner: partner:civil-affairs
                    purpose: benefit-eligibility
                    legalBasis: test
                    entity: Person
                    fields: [name, gender]
                    filter: {communities: ["110102001004"]}
                    channel: webhook
                    webhook: {url: "%s", trust: "%s", timeout: 10m}
                    format: json
                    validity: {from: "2026-01-01"}
                    """.formatted(partner.url(), tls.certificatePem()));

            // the first run: the partner reads the whole delivery and holds its answer; the hub is killed meanwhile
            partner.hold();
            ChildHub first = ChildHub.start(env(), "exchange", "run", "civil-webhook");
            assertThat(partner.awaitReceived(1, DEADLINE)).as("the partner got the delivery; hub output:%n%s", first.output()).isTrue();
            first.kill();
            String id = partner.received().getFirst().deliveryId();
            try (ExchangeLedger ledger = ExchangeLedger.create(TestNeo4j.driver())) {
                Delivery d = ledger.delivery(id).orElseThrow();
                assertThat(d.state()).as("killed before the answer: not sent as far as the hub knows").isEqualTo(DeliveryState.PENDING);
                assertThat(d.attempts()).isZero();
            }

            // the second run: the partner answers at once
            partner.answer(200, "");
            ChildHub second = ChildHub.start(env(), "exchange", "run", "civil-webhook");
            assertThat(second.awaitExit(DEADLINE)).as("second run exit status; output:%n%s", second.output()).isEqualTo(0);
            Matcher made = Pattern.compile("delivery ([0-9a-f-]{36}) recorded").matcher(second.output());
            assertThat(made.find()).as(second.output()).isTrue();
            String secondExtract = made.group(1);
            assertThat(second.output()).contains("sent " + id).contains("sent " + secondExtract);

            List<HttpsReceiver.Received> got = partner.received();
            assertThat(got).extracting(HttpsReceiver.Received::deliveryId).as("delivery ids in arrival order")
                    .containsExactly(id, id, secondExtract);
            HttpsReceiver.Received before = got.get(0);
            HttpsReceiver.Received after = got.get(1);
            assertThat(after.body()).as("the resend carries the same bytes").isEqualTo(before.body());
            assertThat(after.header(WebhookChannel.CONTENT_SHA256)).isEqualTo(before.header(WebhookChannel.CONTENT_SHA256));
            assertThat(after.header(WebhookChannel.JWS)).isEqualTo(before.header(WebhookChannel.JWS));
            Map<String, HttpsReceiver.Received> kept = partner.keptByDeliveryId();
            assertThat(kept).as("what the partner keeps, deduplicating by delivery id").containsOnlyKeys(id, secondExtract);
            assertThat(got.stream().filter(r -> r.deliveryId().equals(id)).map(r -> new String(r.body(), StandardCharsets.UTF_8)).distinct())
                    .as("the killed run's extract arrived under one id only, with one content").hasSize(1);

            try (ExchangeLedger ledger = ExchangeLedger.create(TestNeo4j.driver())) {
                Delivery d = ledger.delivery(id).orElseThrow();
                assertThat(d.state()).isEqualTo(DeliveryState.SENT);
                assertThat(d.attempts()).isEqualTo(1);
                assertThat(ledger.delivery(secondExtract).orElseThrow().state()).isEqualTo(DeliveryState.SENT);
                assertThat(ledger.deliveriesOf("civil-webhook")).extracting(Delivery::id).containsExactlyInAnyOrder(id, secondExtract);
            }
        }
    }

    /** A {@code hub} command in a child JVM with this test's classpath; its output is kept and copied to ours. */
    private static final class ChildHub {
        private final Process process;
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private Thread pumper;

        private ChildHub(Process process) {
            this.process = process;
        }

        static ChildHub start(Map<String, String> env, String... args) throws IOException {
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                    HubCli.class.getName()));
            command.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().putAll(env);
            ChildHub child = new ChildHub(pb.start());
            child.pumper = Thread.ofVirtual().start(child::pump);
            return child;
        }

        private void pump() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                    System.out.println("  [hub] " + line);
                }
            } catch (IOException ignored) {
                // the process was killed
            }
        }

        String output() {
            return String.join("\n", lines);
        }

        int awaitExit(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("hub did not finish within " + timeout + "; output:\n" + output());
            }
            pumper.join(Duration.ofSeconds(30)); // the rest of its output
            return process.exitValue();
        }

        /** SIGKILL on Linux: no shutdown hook runs, nothing is flushed or closed. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("killed hub exited").isTrue();
        }
    }
}

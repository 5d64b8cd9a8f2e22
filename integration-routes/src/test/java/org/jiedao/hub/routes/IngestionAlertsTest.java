package org.jiedao.hub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jiedao.hub.graph.feed.Alert;
import org.jiedao.hub.graph.feed.Alerts;
import org.jiedao.hub.graph.feed.Feed;
import org.jiedao.hub.graph.write.RecordWriter;
import org.jiedao.hub.loaders.normalise.IdNumber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The household-registry route raises alerts on the process's alert feed for quarantined records and a refused file. */
class IngestionAlertsTest {
    private static final String HEADER = "户号,姓名,性别,民族,出生日期,公民身份号码,与户主关系,住址,社区代码\n";

    @TempDir
    Path dataDir;
    private RecordWriter writer;
    private final BlockingQueue<Alert> alerts = new LinkedBlockingQueue<>();
    private Flow.Subscription subscription;

    @BeforeEach
    void graphAndListener() {
        writer = RouteFixture.freshGraph();
        Alerts.subscribe(Alert.Severity.WARNING, () -> false).subscribe(new Flow.Subscriber<Feed.Delivery<Alert>>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(Feed.Delivery<Alert> d) {
                if ("hukou".equals(d.item().source())) {
                    alerts.add(d.item());
                }
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onComplete() {
            }
        });
    }

    @AfterEach
    void stopListening() {
        subscription.cancel();
    }

    private Alert next() throws InterruptedException {
        Alert a = alerts.poll(30, TimeUnit.SECONDS);
        assertThat(a).as("an alert within 30 s").isNotNull();
        return a;
    }

    @Test
    void aQuarantinedRecordAndARefusedFileRaiseAlerts() throws Exception {
        Path dir = Files.createDirectories(dataDir.resolve("silos/hukou"));
        String good = "11010219800101001" + IdNumber.checkCharacter("11010219800101001");
        String bad = good.substring(0, 17) + (good.charAt(17) == '1' ? '2' : '1'); // wrong check character
        Files.writeString(dir.resolve("registry.csv"), HEADER
                + "H1,张伟,男,,1980-01-01," + good + ",户主,,\n"
                + "H2,王芳,女,,1980-01-01," + bad + ",户主,,\n", StandardCharsets.UTF_8);
        try (IntegrationRuntime routes = RouteFixture.routes(dataDir, Map.of(), writer, "hukou")) {
            routes.start();
            assertThat(routes.awaitInitialLoad(Duration.ofMinutes(2))).isTrue();
            Alert quarantined = next();
            assertThat(quarantined.kind()).isEqualTo("RECORDS_QUARANTINED");
            assertThat(quarantined.severity()).isEqualTo(Alert.Severity.WARNING);
            assertThat(quarantined.message()).startsWith("hukou: 1 record(s) quarantined, first at registry.csv");
            assertThat(RouteFixture.count("MATCH (q:QuarantinedRecord {source: 'hukou'}) RETURN count(q)"))
                    .as("the alert came after the quarantine committed").isEqualTo(1);

            Files.writeString(dir.resolve("broken.csv"), "", StandardCharsets.UTF_8); // an empty file is refused whole
            Alert refused = next();
            assertThat(refused.kind()).isEqualTo("FILE_FAILED");
            assertThat(refused.severity()).isEqualTo(Alert.Severity.ERROR);
            assertThat(refused.message()).startsWith("hukou: broken.csv was refused whole");
            assertThat(List.of(quarantined.id(), refused.id())).doesNotHaveDuplicates();
        }
    }
}

package org.jiedao.hub.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jiedao.hub.routes.exchange.PartnerFixtures.certificate;
import static org.jiedao.hub.routes.exchange.PartnerFixtures.id;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Values;

/**
 * Partner submissions to the running hub (issue 10, item 4) over its real HTTP server and a real Neo4j, with the
 * bundled inbound source {@code config/sources/civilaffairs-partner.yaml}, partner API keys and a 64 KiB body limit.
 */
class InboundSubmissionEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOURCE = "civilaffairs-partner";

    @TempDir
    static Path dir;
    private static Hub hub;
    private static String civilAffairsKey;
    private static String educationKey;
    private static String analystKey;

    @BeforeAll
    static void start() throws Exception {
        TestNeo4j.clear();
        PartnerHubs partners = PartnerHubs.prepare(dir, SOURCE);
        civilAffairsKey = partners.civilAffairsKey();
        educationKey = partners.educationKey();
        analystKey = partners.analystKey();
        Map<String, String> env = partners.env();
        env.put("HUB_GRAPHQL_MAX_BODY_BYTES", "65536");
        hub = Hub.start(HubSettings.fromEnvironment(env));
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void aSubmissionWithOneBadRecordGetsAReceiptNamingItWhileTheGoodOnesLandWithThePartnerAsSource() throws Exception {
        String good1 = id("11010219650301123");
        String good2 = id("11010219720815246");
        String valid = id("11010219800101123");
        String bad = valid.substring(0, 17) + (valid.charAt(17) == '0' ? '1' : '0'); // a mistyped check character
        String body = "[" + certificate("11010219650301123X11", good1, "王秀兰") + ","
                + certificate("11010219800101123X21", bad, "李建国") + ","
                + certificate("11010219720815246X12", good2, "张伟") + "]";

        HttpResponse<String> r = post(civilAffairsKey, "benefit-eligibility", "application/json", body);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode receipt = JSON.readTree(r.body());
        String receiptId = receipt.get("receiptId").asText();
        assertThat(receipt.get("source").asText()).isEqualTo(SOURCE);
        assertThat(receipt.get("received").asInt()).isEqualTo(3);
        assertThat(receipt.get("accepted").asInt()).isEqualTo(2);
        assertThat(receipt.get("rejected")).hasSize(1);
        assertThat(receipt.get("rejected").get(0).get("index").asInt()).isEqualTo(1);
        assertThat(receipt.get("rejected").get(0).get("reason").asText()).contains("holderIdNumber").contains("check");
        assertThat(receipt.get("receivedAt").asText()).isNotBlank();
        assertThat(r.headers().firstValue("Location")).hasValue("/exchange/submissions/" + receiptId);

        // the good records are in the graph, asserted by the partner's source; the bad one is quarantined with its place
        assertThat(rows("MATCH (s:SourceRecord {source: $source})-[:RESOLVES_TO]->(c:DisabilityCertificate)-[:HELD_BY]->(p:Person) "
                + "WHERE p.idNumber IN $ids RETURN p.idNumber AS id ORDER BY id",
                Map.of("source", SOURCE, "ids", List.of(good1, good2, bad))))
                .containsExactly(good1, good2);
        assertThat(rows("MATCH (p:Person {idNumber: $id}) RETURN p.idNumber AS id", Map.of("id", bad))).isEmpty();
        assertThat(rows("MATCH (q:QuarantinedRecord {source: $source}) WHERE q.location STARTS WITH $submission "
                + "RETURN q.location + ' | ' + q.reason AS q", Map.of("source", SOURCE, "submission", "submission " + receiptId)))
                .singleElement().asString().startsWith("submission " + receiptId + " [1] | ").contains("holderIdNumber");

        // the partner reads its receipt later; another partner agency cannot tell it exists
        HttpResponse<String> again = get(civilAffairsKey, "benefit-eligibility", "/exchange/submissions/" + receiptId);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body())).isEqualTo(receipt);
        HttpResponse<String> other = get(educationKey, "enrolment-planning", "/exchange/submissions/" + receiptId);
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.body()).doesNotContain("王秀兰").doesNotContain(good1);

        // the submission is in the audit trail with its receipt id
        assertThat(auditText()).contains("\"submission\"").contains(receiptId);
    }

    @Test
    void aRoleThatMayNotSubmitGets403AndNothingIsWritten() throws Exception {
        long before = count();
        String body = "[" + certificate("11010219591111222X12", id("11010219591111222"), "赵敏") + "]";

        HttpResponse<String> education = post(educationKey, "enrolment-planning", "application/json", body);
        HttpResponse<String> analyst = post(analystKey, "planning", "application/json", body);

        assertThat(education.statusCode()).isEqualTo(403);
        assertThat(education.body()).contains("partner:education may not submit to source " + SOURCE);
        assertThat(analyst.statusCode()).isEqualTo(403);
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void malformedJsonGets400WithItsPlaceAndNothingIsWritten() throws Exception {
        long before = count();
        String body = "[" + certificate("11010219591111333X12", id("11010219591111333"), "赵敏") + ",\n {\"certificateNumber\": ]";

        HttpResponse<String> r = post(civilAffairsKey, "benefit-eligibility", "application/json", body);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("malformed JSON at line 3").contains("nothing was written");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void anotherMediaTypeGets415AndJsonLinesAreTaken() throws Exception {
        long before = count();
        String record = certificate("11010219880707444X13", id("11010219880707444"), "陈静").replace("\n", " ");

        HttpResponse<String> csv = post(civilAffairsKey, "benefit-eligibility", "text/csv", "certificateNumber\n1\n");
        assertThat(csv.statusCode()).isEqualTo(415);
        assertThat(count()).isEqualTo(before);

        HttpResponse<String> lines = post(civilAffairsKey, "benefit-eligibility", "application/x-ndjson", record + "\n");
        assertThat(lines.statusCode()).as(lines.body()).isEqualTo(202);
        assertThat(JSON.readTree(lines.body()).get("accepted").asInt()).isEqualTo(1);
        assertThat(count()).isEqualTo(before + 1);
    }

    @Test
    void aBodyOverTheApisLimitGets413AndNothingIsWritten() throws Exception {
        long before = count();
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; body.length() < 70_000; i++) {
            String first17 = "11010219700101%03d".formatted(i);
            body.append(i == 0 ? "" : ",").append(certificate("C" + first17, id(first17), "周杰"));
        }
        body.append("]");

        HttpResponse<String> r = post(civilAffairsKey, "benefit-eligibility", "application/json", body.toString());

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("65536");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void anUnknownSourceIs404() throws Exception {
        HttpResponse<String> r = post(civilAffairsKey, "benefit-eligibility", "application/json", "[]", "/exchange/submissions/hukou");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains(SOURCE);
    }

    private static long count() {
        return Long.parseLong(rows("MATCH (s:SourceRecord {source: $source}) RETURN toString(count(s)) AS n", Map.of("source", SOURCE)).getFirst())
                + Long.parseLong(rows("MATCH (q:QuarantinedRecord {source: $source}) RETURN toString(count(q)) AS n", Map.of("source", SOURCE)).getFirst());
    }

    private static List<String> rows(String cypher, Map<String, Object> params) {
        try (var session = hub.neo4j().driver().session()) {
            return session.run(cypher, Values.value(params)).list(rec -> rec.get(0).asString());
        }
    }

    private static String auditText() throws Exception {
        StringBuilder out = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir.resolve("data/audit"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
                out.append(Files.readString(f));
            }
        }
        return out.toString();
    }

    private static HttpResponse<String> post(String key, String purpose, String type, String body) throws Exception {
        return post(key, purpose, type, body, "/exchange/submissions/" + SOURCE);
    }

    private static HttpResponse<String> post(String key, String purpose, String type, String body, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.api().port() + path))
                .header("X-API-Key", key).header("X-Purpose-Of-Use", purpose).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String key, String purpose, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.api().port() + path))
                .header("X-API-Key", key).header("X-Purpose-Of-Use", purpose).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}

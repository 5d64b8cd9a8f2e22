package org.jiedao.hub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.jiedao.hub.api.http.ExtraRoute;
import org.jiedao.hub.routes.exchange.InboundSubmissions.Receipt;
import org.jiedao.hub.routes.exchange.InboundSubmissions.Rejection;
import org.junit.jupiter.api.Test;

/** docs/openapi/partner-exchange.yaml describes the partner endpoints the hub serves, and the receipt it answers. */
class PartnerOpenApiTest {
    /** @return docs/openapi/partner-exchange.yaml, parsed */
    static JsonNode spec() throws Exception {
        String root = System.getenv("JIEDAO_REPO_ROOT");
        return new ObjectMapper(new YAMLFactory()).readTree(Path.of(root == null ? ".." : root)
                .resolve("docs/openapi/partner-exchange.yaml").toFile());
    }

    @Test
    void theDescriptionIsOpenApi31AndNamesExactlyThePathsAndMethodsTheServerServes() throws Exception {
        JsonNode spec = spec();
        assertThat(spec.get("openapi").asText()).startsWith("3.1.");

        Set<String> described = new TreeSet<>();
        spec.get("paths").properties().forEach(p -> p.getValue().properties()
                .forEach(m -> described.add(m.getKey().toUpperCase(Locale.ROOT) + " " + p.getKey())));
        Set<String> served = new TreeSet<>();
        List<ExtraRoute> routes = new ArrayList<>(new SubmissionEndpoints(null, null, null, 1024).routes());
        routes.addAll(new DeliveryEndpoints(null, null, null).routes());
        for (ExtraRoute r : routes) {
            served.add(r.method().name() + " " + r.path().replaceAll(":([A-Za-z]+)", "{$1}"));
        }
        assertThat(described).isEqualTo(served);
    }

    @Test
    void theReceiptSchemaNamesTheFieldsTheServerAnswers() throws Exception {
        JsonNode schema = spec().at("/components/schemas/Receipt");
        List<String> required = new ArrayList<>();
        schema.get("required").forEach(n -> required.add(n.asText()));
        Receipt receipt = new Receipt("5f0c1f8e-2a51-4d7e-9d55-0f3c2b1a9e77", "civilaffairs-partner", "partner:civil-affairs",
                "gateway", 2, 1, List.of(new Rejection(1, "bad")), Instant.parse("2026-11-29T08:00:00Z"));

        Set<String> answered = SubmissionEndpoints.json(receipt).fieldNames();

        assertThat(answered).containsExactlyInAnyOrderElementsOf(required);
        assertThat(schema.get("properties").properties().stream().map(java.util.Map.Entry::getKey).toList())
                .containsExactlyInAnyOrderElementsOf(answered);
    }
}

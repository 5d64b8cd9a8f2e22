package org.jiedao.hub.routes.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jiedao.hub.routes.exchange.ExchangeGraph.FUYOUJIE;
import static org.jiedao.hub.routes.exchange.ExchangeGraph.RESIDENTS;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Masking by the partner's role: an agreement may list a field its partner's role reads masked or hidden, and the
 * partner receives it as the API would answer that role (the one {@code ValueRule}/{@code Masks} of the graph
 * module), masked inside the extract's statement, so no byte of any file the hub writes carries the clear value.
 */
class ExchangeMaskingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;
    private Path policy;

    @BeforeEach
    void graph() throws Exception {
        ExchangeGraph.fresh().load(RESIDENTS);
        policy = dataDir.resolve("access.yaml");
        Files.writeString(policy, """
                roles:
                  partner:community-centre:           # names in clear, ID numbers masked
                    read: {Person: [idNumber, name, gender, birthDate]}
                    clear: [personal]
                  partner:statistics:                 # nothing personal in clear
                    read: {Person: [idNumber, name, gender, birthDate]}
                    clear: []
                """);
        Files.createDirectories(drop());
    }

    private Path drop() {
        return dataDir.resolve("drop");
    }

    private static List<ExchangeGraph.Resident> filtered() {
        return RESIDENTS.stream().filter(r -> r.community().equals(FUYOUJIE))
                .sorted(java.util.Comparator.comparing(ExchangeGraph.Resident::idNumber)).toList();
    }

    /** Extracts and sends one delivery over the file drop; returns the payload's bytes. */
    private byte[] deliver(Path accessPolicy, String yaml, String agreementId, String extension) throws Exception {
        try (ExchangeRuntime rt = ExchangeGraph.runtime(dataDir, new MutableClock(Instant.parse("2026-11-29T02:00:00Z")),
                accessPolicy, yaml)) {
            String id = rt.extractNow(agreementId).orElseThrow();
            assertThat(rt.outbox().deliverDue().sent()).containsExactly(id);
            return Files.readAllBytes(drop().resolve(agreementId + "-" + id + "." + extension));
        }
    }

    /** Every file the hub wrote (drop folder and archive), as text. */
    private List<String> everyFileWritten() throws Exception {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.startsWith(dataDir.resolve("secrets")))
                    .filter(f -> !f.equals(policy)).filter(f -> !f.startsWith(dataDir.resolve("agreements"))).toList()) {
                out.add(new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @Test
    void aPartnerWithoutPersonalIdInClearReceivesIdNumbersMaskedAndNeverTheClearValue() throws Exception {
        String yaml = ExchangeGraph.agreement("centre", "partner:community-centre", "[idNumber, name]", drop(), "json", "");
        JsonNode doc = JSON.readTree(deliver(policy, yaml, "centre", "json"));
        List<String> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        doc.path("records").forEach(r -> {
            ids.add(r.path("idNumber").asText());
            names.add(r.path("name").asText());
        });
        assertThat(ids).as("GB 11643 mask: region and the last four").containsExactly(
                "110102********1225", "110102********2012", "110102********1239");
        assertThat(names).as("personal, read in clear").containsExactly("石蕾娟", "王建国", "毕秀桂");
        List<String> written = everyFileWritten();
        assertThat(written).as("payload, signature, manifest, in the drop and the archive").hasSizeGreaterThanOrEqualTo(6);
        for (String text : written) {
            for (ExchangeGraph.Resident r : RESIDENTS) {
                assertThat(text).doesNotContain(r.idNumber());
            }
        }
    }

    @Test
    void withPersonalIdInClearThePartnerReceivesTheClearIdNumber() throws Exception {
        String yaml = ExchangeGraph.agreement("civil", "partner:civil-affairs", "[idNumber, name]", drop(), "json", "");
        JsonNode doc = JSON.readTree(deliver(ExchangeGraph.REPO.resolve("config/access.yaml"), yaml, "civil", "json"));
        List<String> ids = new ArrayList<>();
        doc.path("records").forEach(r -> ids.add(r.path("idNumber").asText()));
        assertThat(ids).containsExactlyElementsOf(filtered().stream().map(ExchangeGraph.Resident::idNumber).toList());
    }

    @Test
    void aRoleWithNothingPersonalInClearGetsEveryValueMaskedAndCodeListsHiddenAsTheApiWould() throws Exception {
        String yaml = ExchangeGraph.agreement("stats", "partner:statistics", "[idNumber, name, gender, birthDate]",
                drop(), "csv", "");
        byte[] payload = deliver(policy, yaml, "stats", "csv");
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(new String(payload, 3, payload.length - 3, StandardCharsets.UTF_8))).getRecords();
        assertThat(rows).hasSize(3);
        CSVRecord first = rows.getFirst();
        assertThat(first.get("idNumber")).isEqualTo("110102********1225");
        assertThat(first.get("name")).as("text: first character, one * per other").isEqualTo("石**");
        assertThat(first.get("gender")).as("a code list has no mask: hidden (empty)").isEmpty();
        assertThat(first.get("birthDate")).as("a date: the year only").isEqualTo("1949-**-**");
        String text = new String(payload, StandardCharsets.UTF_8);
        for (ExchangeGraph.Resident r : RESIDENTS) {
            assertThat(text).doesNotContain(r.idNumber()).doesNotContain(r.name()).doesNotContain(r.birthDate());
        }
    }
}

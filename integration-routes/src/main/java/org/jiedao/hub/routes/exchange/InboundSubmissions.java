package org.jiedao.hub.routes.exchange;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jiedao.hub.graph.write.Quarantined;
import org.jiedao.hub.graph.write.RecordWriter;
import org.jiedao.hub.graph.write.WriteSummary;
import org.jiedao.hub.loaders.CanonicalJson;
import org.jiedao.hub.loaders.mapping.MappingOutcome;
import org.jiedao.hub.loaders.mapping.SourceMapping;
import org.jiedao.hub.loaders.read.JsonRecordReader;
import org.jiedao.hub.loaders.read.RawRecord;
import org.jiedao.hub.loaders.source.SourceDefinition.SourceKind;
import org.jiedao.hub.ontology.assertion.RecordAssertions;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Values;

/**
 * Records that partner agencies submit to the hub (issue 10, item 4; docs/exchange.md, "Inbound"). Each
 * {@code kind: inbound} source definition names the roles that may submit to it ({@code inbound.roles}); a submission's
 * records go through that definition's {@link SourceMapping} (normalisation, mapping onto the ontology, SHACL
 * shapes) like any department's, so the graph's provenance names the partner's source id. Good records and the
 * quarantined bad ones (location {@code submission <receiptId> [<index>]}) are written in one transaction by the
 * {@link RecordWriter}; then a receipt is stored as {@code (:SubmissionReceipt {id, source, role, principal, received,
 * accepted, rejected, receivedAt})} ({@code rejected} is JSON text: {@code [{"index": 1, "reason": "..."}]}), which
 * only the submitting role may read back.
 *
 * <p>If the receipt cannot be stored after the records were written, {@link #submit} throws; the records stay, and a
 * resubmission of the same records finds them unchanged (records are keyed by the definition's {@code recordKey}).
 */
public final class InboundSubmissions {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, SourceMapping> sources = new LinkedHashMap<>();
    private final RecordWriter writer;
    private final Driver driver;
    private final Clock clock;

    /**
     * One rejected record of a submission.
     *
     * @param index  its position in the submission, from 0; {@code -1} for a whole submission that could not be read
     * @param reason why it was quarantined, naming the field and rule
     */
    public record Rejection(int index, String reason) {
    }

    /**
     * What the hub took from a submission.
     *
     * @param receiptId  a random UUID, the key to query the receipt later
     * @param source     the inbound source id submitted to
     * @param role       the role that submitted (only it may read the receipt)
     * @param principal  the submitting credential's name
     * @param received   records in the submission
     * @param accepted   records that passed and were written (or found unchanged)
     * @param rejected   records quarantined, with their reason, in submission order
     * @param receivedAt when the submission was taken in (UTC)
     */
    public record Receipt(String receiptId, String source, String role, String principal, int received, int accepted,
                          List<Rejection> rejected, Instant receivedAt) {
        /** Copies the list. */
        public Receipt {
            rejected = List.copyOf(rejected);
        }

        /**
         * @return the receipt as the partner sees it, in this order: {@code receiptId, source, received, accepted,
         *         rejected: [{index, reason}], receivedAt} (ISO-8601 text); the role and principal are not repeated
         *         (docs/openapi/partner-exchange.yaml, schema Receipt)
         */
        public Map<String, Object> partnerView() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("receiptId", receiptId);
            out.put("source", source);
            out.put("received", received);
            out.put("accepted", accepted);
            out.put("rejected", rejected.stream().map(r -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("index", r.index());
                m.put("reason", r.reason());
                return m;
            }).toList());
            out.put("receivedAt", receivedAt.toString());
            return out;
        }
    }

    /**
     * @param mappings the compiled source definitions; those of {@code kind: inbound} are the ones partners submit to
     * @param writer   the graph writer
     * @param driver   the Neo4j driver, for the receipts
     * @param clock    the time of receipts
     */
    public InboundSubmissions(List<SourceMapping> mappings, RecordWriter writer, Driver driver, Clock clock) {
        for (SourceMapping m : mappings) {
            if (m.definition().kind() == SourceKind.INBOUND) {
                sources.put(m.definition().id(), m);
            }
        }
        this.writer = Objects.requireNonNull(writer, "writer");
        this.driver = Objects.requireNonNull(driver, "driver");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Makes receipt ids unique in the database (once; idempotent).
     *
     * @throws org.neo4j.driver.exceptions.Neo4jException if the constraint cannot be created
     */
    public void prepare() {
        driver.executableQuery("CREATE CONSTRAINT submission_receipt_id IF NOT EXISTS FOR (r:SubmissionReceipt) REQUIRE r.id IS UNIQUE")
                .execute();
    }

    /** @return the inbound source ids with the roles allowed to submit to each, in definition order */
    public Map<String, List<String>> sources() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        sources.forEach((id, m) -> out.put(id, m.definition().inbound().roles()));
        return out;
    }

    /**
     * @param source an inbound source id
     * @param role   a role name
     * @return whether that role may submit to it (false for a source that is not an inbound one)
     */
    public boolean maySubmit(String source, String role) {
        SourceMapping m = sources.get(source);
        return m != null && m.definition().inbound().roles().contains(role);
    }

    /**
     * Maps, validates and writes one submission under a new receipt id, then stores its receipt.
     *
     * @param source    an inbound source id the role may submit to ({@link #maySubmit})
     * @param role      the submitting role
     * @param principal the submitting credential's name
     * @param records   the submitted records, each a JSON value
     * @return the stored receipt
     * @throws IllegalArgumentException if the role may not submit to the source (nothing written)
     * @throws org.neo4j.driver.exceptions.Neo4jException if the records or the receipt cannot be written
     * @see #submit(String, String, String, String, List)
     */
    public Receipt submit(String source, String role, String principal, List<JsonNode> records) {
        return submit(UUID.randomUUID().toString(), source, role, principal, records);
    }

    /**
     * Maps, validates and writes one submission, then stores its receipt.
     *
     * @param receiptId the receipt's id, new and unique (e.g. a random UUID, already named in the audit trail)
     * @param source    an inbound source id the role may submit to ({@link #maySubmit})
     * @param role      the submitting role
     * @param principal the submitting credential's name
     * @param records   the submitted records, each a JSON value (an object is expected; anything else is rejected)
     * @return the stored receipt
     * @throws IllegalArgumentException if the source is not inbound or the role may not submit to it (nothing written)
     * @throws org.neo4j.driver.exceptions.Neo4jException if the records or the receipt cannot be written (a receipt id
     *         used before cannot be stored: ids are unique by a constraint, see {@link #prepare})
     */
    public Receipt submit(String receiptId, String source, String role, String principal, List<JsonNode> records) {
        if (!maySubmit(source, role)) {
            throw new IllegalArgumentException("role " + role + " may not submit to source " + source);
        }
        SourceMapping mapping = sources.get(source);
        Instant receivedAt = clock.instant();
        List<RecordAssertions> valid = new ArrayList<>();
        List<Quarantined> quarantined = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            RawRecord raw = JsonRecordReader.ofNode("submission " + receiptId + " [" + i + "]", records.get(i));
            switch (mapping.map(raw)) {
                case MappingOutcome.Mapped m -> valid.add(m.assertions());
                case MappingOutcome.Rejected r -> {
                    quarantined.add(new Quarantined(source, raw.location(), r.reason(), CanonicalJson.of(raw.values())));
                    rejected.add(new Rejection(i, r.reason()));
                }
            }
        }
        WriteSummary written = writer.write(valid, quarantined); // one transaction
        Receipt receipt = new Receipt(receiptId, source, role, principal, records.size(),
                written.written() + written.unchanged(), rejected, receivedAt);
        store(receipt);
        return receipt;
    }

    /**
     * Quarantines a submission whose body could not be read as records (a queue message that is not JSON): the whole
     * body becomes one quarantined record at {@code submission <receiptId>} with the reason, and a receipt is stored
     * with nothing received or accepted and one rejection of index {@code -1} (the whole submission).
     *
     * @param receiptId the receipt's id, new and unique
     * @param source    an inbound source id the role may submit to
     * @param role      the submitting role
     * @param principal the submitting credential's name
     * @param body      the body as received
     * @param reason    why it could not be read (from {@link SubmissionBodies})
     * @return the stored receipt
     * @throws IllegalArgumentException if the role may not submit to the source (nothing written)
     * @throws org.neo4j.driver.exceptions.Neo4jException if the quarantine or the receipt cannot be written
     */
    public Receipt refuse(String receiptId, String source, String role, String principal, String body, String reason) {
        if (!maySubmit(source, role)) {
            throw new IllegalArgumentException("role " + role + " may not submit to source " + source);
        }
        Instant receivedAt = clock.instant();
        writer.write(List.of(), List.of(new Quarantined(source, "submission " + receiptId, reason, body)));
        Receipt receipt = new Receipt(receiptId, source, role, principal, 0, 0, List.of(new Rejection(-1, reason)), receivedAt);
        store(receipt);
        return receipt;
    }

    /**
     * @param receiptId a receipt id
     * @param role      the asking role
     * @return the receipt, if it exists and that role submitted it (another role's receipt is not told apart from
     *         none)
     * @throws org.neo4j.driver.exceptions.Neo4jException if the database cannot be read
     */
    public Optional<Receipt> receipt(String receiptId, String role) {
        List<Record> rows = driver.executableQuery("""
                        MATCH (r:SubmissionReceipt {id: $id}) WHERE r.role = $role
                        RETURN r.id AS id, r.source AS source, r.role AS role, r.principal AS principal, r.received AS received,
                               r.accepted AS accepted, r.rejected AS rejected, r.receivedAt AS receivedAt""")
                .withParameters(Map.of("id", receiptId, "role", role)).execute().records();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Record r = rows.getFirst();
        List<Rejection> rejected;
        try {
            rejected = JSON.readValue(r.get("rejected").asString(), new TypeReference<List<Rejection>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("receipt " + receiptId + " holds unreadable rejections: " + e.getOriginalMessage(), e);
        }
        return Optional.of(new Receipt(r.get("id").asString(), r.get("source").asString(), r.get("role").asString(),
                r.get("principal").asString(), r.get("received").asInt(), r.get("accepted").asInt(), rejected,
                r.get("receivedAt").asZonedDateTime().toInstant()));
    }

    private void store(Receipt receipt) {
        String rejected;
        try {
            rejected = JSON.writeValueAsString(receipt.rejected());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        driver.executableQuery("""
                        CREATE (:SubmissionReceipt {id: $id, source: $source, role: $role, principal: $principal,
                                received: $received, accepted: $accepted, rejected: $rejected, receivedAt: $receivedAt})""")
                .withParameters(Map.of("id", receipt.receiptId(), "source", receipt.source(), "role", receipt.role(),
                        "principal", receipt.principal(), "received", receipt.received(), "accepted", receipt.accepted(),
                        "rejected", rejected, "receivedAt", Values.value(receipt.receivedAt().atZone(java.time.ZoneOffset.UTC))))
                .execute();
    }
}

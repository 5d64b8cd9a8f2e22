package org.jiedao.hub.graph.ops;

import java.time.LocalDate;
import java.util.List;

import org.springframework.data.neo4j.core.schema.Id;
import org.springframework.data.neo4j.core.schema.Node;

/**
 * A data-sharing agreement with a partner agency, as declared in {@code config/agreements/<id>.yaml}: label
 * {@code Agreement}, key {@code id} (unique by the constraint {@code Agreement_id_key} that {@link ExchangeLedger}
 * creates). Only what the exchange routes and {@code hub exchange status} need is stored; the YAML file stays the
 * source of truth and is saved again at each start.
 *
 * <p>Not (yet) an ontology class: it is operational data of the hub, like the deliveries, and is not served by the
 * GraphQL API.
 */
@Node("Agreement")
public class Agreement {
    @Id
    private String id;
    private String partner;
    private String purpose;
    private String legalBasis;
    private String entity;
    private List<String> fields;
    private List<String> communities;
    private String channel;
    private String format;
    private String encoding;
    private LocalDate validFrom;
    private LocalDate validUntil;

    /** For Spring Data. */
    protected Agreement() {
    }

    /**
     * @param id          agreement id, e.g. {@code civil-affairs-residents}
     * @param partner     the partner's role in the access policy, e.g. {@code partner:civil-affairs}
     * @param purpose     the purpose of use the agreement serves (free text or a purpose code)
     * @param legalBasis  the legal basis (free text, e.g. a regulation and article)
     * @param entity      the ontology node label shared, e.g. {@code Person}
     * @param fields      the ontology property names shared, in output order
     * @param communities the community division codes the filter keeps (empty: no community filter)
     * @param channel     {@code file} or {@code amqp}
     * @param format      {@code json} or {@code csv}
     * @param encoding    for CSV, {@code utf-8-bom} or {@code gb18030}; for JSON {@code utf-8}
     * @param validFrom   first day the agreement is valid (inclusive)
     * @param validUntil  last day the agreement is valid (inclusive), or null for open-ended
     */
    public Agreement(String id, String partner, String purpose, String legalBasis, String entity, List<String> fields,
                     List<String> communities, String channel, String format, String encoding, LocalDate validFrom,
                     LocalDate validUntil) {
        this.id = id;
        this.partner = partner;
        this.purpose = purpose;
        this.legalBasis = legalBasis;
        this.entity = entity;
        this.fields = List.copyOf(fields);
        this.communities = List.copyOf(communities);
        this.channel = channel;
        this.format = format;
        this.encoding = encoding;
        this.validFrom = validFrom;
        this.validUntil = validUntil;
    }

    /** @return the agreement id */
    public String id() {
        return id;
    }

    /** @return the partner's role, e.g. {@code partner:civil-affairs} */
    public String partner() {
        return partner;
    }

    /** @return the purpose of use */
    public String purpose() {
        return purpose;
    }

    /** @return the legal basis */
    public String legalBasis() {
        return legalBasis;
    }

    /** @return the ontology node label shared */
    public String entity() {
        return entity;
    }

    /** @return the ontology property names shared, in output order */
    public List<String> fields() {
        return fields == null ? List.of() : List.copyOf(fields);
    }

    /** @return the community codes of the filter (empty: none) */
    public List<String> communities() {
        return communities == null ? List.of() : List.copyOf(communities);
    }

    /** @return {@code file} or {@code amqp} */
    public String channel() {
        return channel;
    }

    /** @return {@code json} or {@code csv} */
    public String format() {
        return format;
    }

    /** @return the payload encoding */
    public String encoding() {
        return encoding;
    }

    /** @return first valid day (inclusive) */
    public LocalDate validFrom() {
        return validFrom;
    }

    /** @return last valid day (inclusive), or null */
    public LocalDate validUntil() {
        return validUntil;
    }

    @Override
    public String toString() {
        return "Agreement[" + id + ", " + partner + ", " + entity + fields() + "]";
    }
}

package org.jiedao.hub.graph.write;

/**
 * A record that failed validation, kept in the graph as a {@code QuarantinedRecord} node until it is fixed.
 *
 * @param source   the source id
 * @param location where it was read ({@code hukou_registry.csv line 17})
 * @param reason   why it was refused, naming the field and the rule
 * @param raw      the record's raw values as JSON, so nothing read is lost
 */
public record Quarantined(String source, String location, String reason, String raw) {
    /** @return a stable id: the same bad record read again is quarantined once */
    public String uid() {
        return source + ":" + org.jiedao.hub.ontology.assertion.ContentHash.of(location + "\n" + raw);
    }
}

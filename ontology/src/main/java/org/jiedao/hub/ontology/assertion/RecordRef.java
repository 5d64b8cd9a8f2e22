package org.jiedao.hub.ontology.assertion;

import java.util.Objects;

/**
 * The provenance of one source record (PROV-O: a prov:Entity attributed to a departmental source).
 *
 * @param source      the source id from its definition, e.g. {@code hukou}
 * @param recordKey   the record's key within the source, stable across re-exports, e.g. {@code 012345678-110102...}
 * @param location    where the record was read, for people: {@code hukou_registry.csv line 17}
 * @param contentHash SHA-256 (hex) of the record's normalised values; an unchanged hash means nothing to write
 * @param data        the record's normalised values as a JSON object (kept on the record node for audit)
 */
public record RecordRef(String source, String recordKey, String location, String contentHash, String data) {
    public RecordRef {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(recordKey, "recordKey");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(contentHash, "contentHash");
    }

    /** @return {@code source:recordKey}, the record's unique id in the graph */
    public String uid() {
        return source + ":" + recordKey;
    }
}

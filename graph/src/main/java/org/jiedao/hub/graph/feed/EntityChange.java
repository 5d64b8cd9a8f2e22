package org.jiedao.hub.graph.feed;

import java.time.Instant;

/**
 * One entity written by a committed batch of the {@link org.jiedao.hub.graph.write.RecordWriter}: which node, what
 * happened to it and which source record said so. A record asserting several nodes gives one change per node.
 *
 * @param label     the node type's label as the ontology names it, e.g. {@code Vehicle}
 * @param key       the node's key value as stored (normalised), e.g. {@code 京A12345}
 * @param change    what the batch did to the node
 * @param source    the source id of the record, e.g. {@code vehicles}
 * @param recordKey the record's key in its source
 * @param at        when the batch committed (taken just after the commit)
 */
public record EntityChange(String label, String key, Kind change, String source, String recordKey, Instant at) {
    /** What a batch did to a node. */
    public enum Kind {
        /** the node did not exist before the batch */
        CREATED,
        /** the node existed; the record's values were merged into it */
        UPDATED,
        /** created or updated: the writer could not tell cheaply (some of the nodes of one statement were new) */
        UPSERTED
    }
}

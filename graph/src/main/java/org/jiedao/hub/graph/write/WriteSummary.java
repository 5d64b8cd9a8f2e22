package org.jiedao.hub.graph.write;

/**
 * What one batch write did.
 *
 * @param written     records whose assertions were written (new or changed content)
 * @param unchanged   records already in the graph with the same content hash: nothing was done for them
 * @param quarantined records quarantined in the same batch
 */
public record WriteSummary(int written, int unchanged, int quarantined) {
    /** @return the sum of two summaries */
    public WriteSummary plus(WriteSummary o) {
        return new WriteSummary(written + o.written, unchanged + o.unchanged, quarantined + o.quarantined);
    }

    /** Nothing written. */
    public static final WriteSummary EMPTY = new WriteSummary(0, 0, 0);
}

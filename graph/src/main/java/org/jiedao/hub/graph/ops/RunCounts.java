package org.jiedao.hub.graph.ops;

/**
 * Record counts of an ingestion run ({@code jd:recordsRead}, {@code jd:recordsWritten}, {@code jd:recordsUnchanged},
 * {@code jd:recordsQuarantined}). Every record read ends written, unchanged or quarantined (DESIGN.md, decision 6),
 * unless the run failed part-way.
 *
 * @param read        records read
 * @param written     records written with new or changed content
 * @param unchanged   records already stored with the same content
 * @param quarantined records quarantined with a reason
 */
public record RunCounts(long read, long written, long unchanged, long quarantined) {
    /** No records. */
    public static final RunCounts NONE = new RunCounts(0, 0, 0, 0);

    @Override
    public String toString() {
        return "read %d, written %d, unchanged %d, quarantined %d".formatted(read, written, unchanged, quarantined);
    }
}

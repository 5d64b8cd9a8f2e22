package org.jiedao.hub.graph.resolution;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The blocks of a set of records under some {@link BlockingRule}s: for each pass, key to the records holding it.
 * Records are numbered in the order they are {@linkplain #add added}.
 *
 * <p>Batch use: {@link #candidatePairs(int, boolean, List)} gives every pair sharing a key in at least one pass, each
 * once. Incremental use: {@link #candidates(ResolutionRecord)} gives the records a new record would be compared with,
 * before it is added. A block larger than {@code maxBlockSize} is skipped in both (a key that many records share,
 * such as a common surname and year in a big city, is no blocking); the pairs it would have given are the price, and
 * they are reported.
 */
public final class BlockIndex {

    private final List<BlockingRule> rules;
    private final List<Map<String, List<Integer>>> blocks = new ArrayList<>();
    private final List<ResolutionRecord> records = new ArrayList<>();

    /**
     * @param rules the passes, at least one
     * @throws IllegalArgumentException if there is none
     */
    public BlockIndex(List<BlockingRule> rules) {
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("at least one blocking rule is needed");
        }
        this.rules = List.copyOf(rules);
        rules.forEach(r -> blocks.add(new HashMap<>()));
    }

    /**
     * Adds a record to every block it has a key for.
     *
     * @param record the record
     * @return its number
     */
    public int add(ResolutionRecord record) {
        int n = records.size();
        records.add(record);
        for (int i = 0; i < rules.size(); i++) {
            String k = rules.get(i).key().apply(record);
            if (k != null) {
                blocks.get(i).computeIfAbsent(k, x -> new ArrayList<>(2)).add(n);
            }
        }
        return n;
    }

    /**
     * @param n a record number
     * @return the record
     */
    public ResolutionRecord record(int n) {
        return records.get(n);
    }

    /** @return the number of records added */
    public int size() {
        return records.size();
    }

    /**
     * The records sharing a key with {@code record} in any pass (not including the record itself if it was added).
     *
     * @param record     a record, added or not
     * @param maxBlockSize blocks with more records are skipped
     * @return record numbers, ascending, each once
     */
    public int[] candidates(ResolutionRecord record, int maxBlockSize) {
        java.util.TreeSet<Integer> out = new java.util.TreeSet<>();
        for (int i = 0; i < rules.size(); i++) {
            String k = rules.get(i).key().apply(record);
            List<Integer> block = k == null ? null : blocks.get(i).get(k);
            if (block != null && block.size() <= maxBlockSize) {
                for (int n : block) {
                    if (records.get(n) != record) {
                        out.add(n);
                    }
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * As {@link #candidates(ResolutionRecord, int)} with no block size limit.
     *
     * @param record a record
     * @return record numbers
     */
    public int[] candidates(ResolutionRecord record) {
        return candidates(record, Integer.MAX_VALUE);
    }

    /**
     * Every pair of records that share a key in at least one pass.
     *
     * @param maxBlockSize   blocks with more records are skipped
     * @param acrossSources  only pairs whose records come from different sources (linkage rather than deduplication)
     * @param stats          receives one entry per pass, in order
     * @return pair codes {@code (long) a << 32 | b} with {@code a < b} record numbers, each pair once
     */
    long[] candidatePairs(int maxBlockSize, boolean acrossSources, List<PassStats> stats) {
        LongHashSet pairs = new LongHashSet(records.size() * 4);
        for (int i = 0; i < rules.size(); i++) {
            long generated = 0;
            long added = 0;
            int skipped = 0;
            for (List<Integer> block : blocks.get(i).values()) {
                if (block.size() < 2) {
                    continue;
                }
                if (block.size() > maxBlockSize) {
                    skipped++;
                    continue;
                }
                for (int x = 0; x < block.size(); x++) {
                    int a = block.get(x);
                    for (int y = x + 1; y < block.size(); y++) {
                        int b = block.get(y);
                        if (acrossSources && records.get(a).source().equals(records.get(b).source())) {
                            continue;
                        }
                        generated++;
                        if (pairs.add(a < b ? (long) a << 32 | b : (long) b << 32 | a)) {
                            added++;
                        }
                    }
                }
            }
            stats.add(new PassStats(rules.get(i).name(), generated, added, skipped));
        }
        return pairs.toArray();
    }

    /**
     * What one blocking pass gave.
     *
     * @param rule          the pass's name
     * @param pairs         pairs in its blocks
     * @param newPairs      of those, pairs no earlier pass gave
     * @param skippedBlocks blocks over the size limit, skipped
     */
    public record PassStats(String rule, long pairs, long newPairs, int skippedBlocks) {
    }

    /** @return for each pass (by name, in order) its number of distinct keys */
    public Map<String, Integer> blockCounts() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            m.put(rules.get(i).name(), blocks.get(i).size());
        }
        return m;
    }
}

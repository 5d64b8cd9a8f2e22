package org.jiedao.hub.graph.resolution;

/** An open-addressing set of non-negative longs (pair codes), without boxing. Not thread-safe. */
final class LongHashSet {
    private static final long EMPTY = -1L;
    private long[] table;
    private int size;

    LongHashSet(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        table = new long[cap];
        java.util.Arrays.fill(table, EMPTY);
    }

    /** @return true if the value was not there yet */
    boolean add(long v) {
        if (size * 2 >= table.length) {
            grow();
        }
        int mask = table.length - 1;
        int i = (int) mix(v) & mask;
        while (table[i] != EMPTY) {
            if (table[i] == v) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = v;
        size++;
        return true;
    }

    int size() {
        return size;
    }

    /** @return the values, in no particular order */
    long[] toArray() {
        long[] out = new long[size];
        int n = 0;
        for (long v : table) {
            if (v != EMPTY) {
                out[n++] = v;
            }
        }
        return out;
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        java.util.Arrays.fill(table, EMPTY);
        size = 0;
        for (long v : old) {
            if (v != EMPTY) {
                add(v);
            }
        }
    }

    private static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        return x;
    }
}

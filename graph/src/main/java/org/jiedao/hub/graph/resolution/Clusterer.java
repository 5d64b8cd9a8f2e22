package org.jiedao.hub.graph.resolution;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups records into entities from their links (union-find, links applied strongest first: deterministic links,
 * then by decreasing weight), with two guards against transitive over-merging: a link whose two clusters hold
 * different valid identifiers of one strong-identifier field is refused (a chain A~B~C in which A and C have
 * different ID numbers stops at B), and so is one that would make a cluster larger than the maximum size. Refusals
 * are recorded with their reason in the result, logged one by one at DEBUG (reason and cluster sizes, no record ids or
 * values), and counted in the engine's INFO summary.
 */
final class Clusterer {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Clusterer.class);

    private final int[] parent;
    private final int[] size;
    private final List<Map<String, String>> ids;
    private final List<String> identifierFields;
    private final int maxSize;
    private final List<Refusal> refusals = new ArrayList<>();

    /**
     * @param records          the records, numbered by position
     * @param identifierFields the strong-identifier fields
     * @param maxSize          the largest cluster allowed
     */
    Clusterer(List<ResolutionRecord> records, List<String> identifierFields, int maxSize) {
        int n = records.size();
        parent = new int[n];
        size = new int[n];
        ids = new ArrayList<>(n);
        this.identifierFields = identifierFields;
        this.maxSize = maxSize;
        for (int i = 0; i < n; i++) {
            parent[i] = i;
            size[i] = 1;
            Map<String, String> m = null;
            for (String f : identifierFields) {
                String v = records.get(i).get(f);
                if (v != null) {
                    if (m == null) {
                        m = new HashMap<>(2);
                    }
                    m.put(f, v);
                }
            }
            ids.add(m);
        }
    }

    int find(int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    /**
     * Applies a link unless a guard refuses it.
     *
     * @return whether the records are now in one cluster
     */
    boolean union(int a, int b, Link link) {
        int ra = find(a);
        int rb = find(b);
        if (ra == rb) {
            return true;
        }
        Map<String, String> ia = ids.get(ra);
        Map<String, String> ib = ids.get(rb);
        if (ia != null && ib != null) {
            for (String f : identifierFields) {
                String x = ia.get(f);
                String y = ib.get(f);
                if (x != null && y != null && !x.equals(y)) {
                    refuse(link, "conflicting " + f, ra, rb);
                    return false;
                }
            }
        }
        if (size[ra] + size[rb] > maxSize) {
            refuse(link, "cluster size", ra, rb);
            return false;
        }
        if (size[ra] < size[rb]) {
            int t = ra;
            ra = rb;
            rb = t;
        }
        parent[rb] = ra;
        size[ra] += size[rb];
        Map<String, String> from = ids.get(rb);
        if (from != null) {
            Map<String, String> into = ids.get(ra);
            if (into == null) {
                into = new HashMap<>(from);
                ids.set(ra, into);
            } else {
                into.putAll(from);
            }
        }
        return true;
    }

    private void refuse(Link link, String reason, int ra, int rb) {
        refusals.add(new Refusal(link, reason));
        // record ids and values may be personal data: the log gets the reason and sizes; the result gets the ids
        LOG.debug("entity resolution: merge refused ({}): clusters of {} and {} records, link rule {}, weight {}",
                reason, size[ra], size[rb], link.evidence().rule(), String.format("%.1f", link.evidence().weight()));
    }

    List<Refusal> refusals() {
        return refusals;
    }
}

package org.jiedao.hub.app;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Value;

/**
 * A canonical description of a whole graph, equal for two graphs that hold the same data: every node as its sorted
 * labels and sorted properties, every relationship as its type, its two end nodes (canonical) and its properties,
 * as sorted lists, plus counts by label and by type. Element ids are never part of it.
 *
 * <p>What is left out is what differs between two loads of the same input by design, not by error:
 * <ul>
 *   <li>wall-clock times of the load: {@code ingestedAt}, {@code firstIngestedAt} (SourceRecord),
 *       {@code quarantinedAt} (QuarantinedRecord), {@code decidedAt} (record links), {@code resolvedAt} and {@code derivedAt} (Person,
 *       entity resolution), {@code createdAt} (ReviewItem) and any property whose name
 *       starts with {@code run} or ends with {@code At} on the operational labels listed below;</li>
 *   <li>identifiers assigned from whichever record created a node first: {@code entityId} (Person), and the
 *       {@code id}, {@code entityId} and {@code candidateId} of review items and decisions, which derive from it;</li>
 *   <li>the operational model of runs ({@code IngestionRun} nodes and {@code GENERATED_BY} links): each start of
 *       the hub is a run of its own, so a load interrupted ten times has more runs;</li>
 *   <li>the order of a relationship's {@code sources} list, which records the order in which concurrent sources
 *       happened to commit; it is compared as a sorted list (it is a set of record uids).</li>
 * </ul>
 */
final class GraphFingerprint {
    /** Load times: when a value was written, not what was written. */
    static final Set<String> TIME_PROPERTIES = Set.of("ingestedAt", "firstIngestedAt", "quarantinedAt", "decidedAt",
            "resolvedAt", "derivedAt", "createdAt");
    /**
     * Identifiers the hub assigns from the record that first created a person: which record is first depends on which
     * source committed first, so they differ between two loads of the same input like element ids do. Review items
     * name entities by them (and take their ids from them).
     */
    static final Set<String> ASSIGNED_IDS = Set.of("entityId", "candidateId");
    /** Labels whose {@code id} derives from assigned identifiers. */
    static final Set<String> ASSIGNED_ID_LABELS = Set.of("ReviewItem", "MatchDecision");
    /** Per-start bookkeeping. */
    static final Set<String> RUN_LABELS = Set.of("IngestionRun");
    static final Set<String> RUN_RELATIONSHIPS = Set.of("GENERATED_BY");

    final Map<String, Long> nodesByLabel;
    final Map<String, Long> relationshipsByType;
    final List<String> nodes;
    final List<String> relationships;

    private GraphFingerprint(Map<String, Long> nodesByLabel, Map<String, Long> relationshipsByType, List<String> nodes,
                             List<String> relationships) {
        this.nodesByLabel = nodesByLabel;
        this.relationshipsByType = relationshipsByType;
        this.nodes = nodes;
        this.relationships = relationships;
    }

    /**
     * @param driver a driver of the graph to describe (read in one transaction)
     * @return the fingerprint
     */
    static GraphFingerprint of(Driver driver) {
        try (var session = driver.session()) {
            return session.executeRead(tx -> {
                Map<String, String> canonical = new HashMap<>();
                List<String> nodes = new ArrayList<>();
                Map<String, Long> byLabel = new TreeMap<>();
                tx.run("MATCH (n) RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props").forEachRemaining(r -> {
                    List<String> labels = r.get("labels").asList(Value::asString).stream().sorted().toList();
                    if (labels.stream().anyMatch(RUN_LABELS::contains)) {
                        return;
                    }
                    Map<String, Object> props = new HashMap<>(r.get("props").asMap());
                    if (labels.stream().anyMatch(ASSIGNED_ID_LABELS::contains)) {
                        props.remove("id");
                    }
                    String c = labels + " " + properties(props);
                    canonical.put(r.get("id").asString(), c);
                    nodes.add(c);
                    labels.forEach(l -> byLabel.merge(l, 1L, Long::sum));
                });
                List<String> rels = new ArrayList<>();
                Map<String, Long> byType = new TreeMap<>();
                tx.run("MATCH (a)-[r]->(b) RETURN elementId(a) AS a, type(r) AS t, properties(r) AS props, elementId(b) AS b")
                        .forEachRemaining(r -> {
                            String type = r.get("t").asString();
                            if (RUN_RELATIONSHIPS.contains(type) || !canonical.containsKey(r.get("a").asString())
                                    || !canonical.containsKey(r.get("b").asString())) {
                                return;
                            }
                            rels.add("(" + canonical.get(r.get("a").asString()) + ")-[" + type + " "
                                    + properties(r.get("props").asMap()) + "]->(" + canonical.get(r.get("b").asString()) + ")");
                            byType.merge(type, 1L, Long::sum);
                        });
                nodes.sort(null);
                rels.sort(null);
                return new GraphFingerprint(byLabel, byType, nodes, rels);
            });
        }
    }

    private static String properties(Map<String, Object> props) {
        Map<String, Object> kept = new TreeMap<>();
        props.forEach((k, v) -> {
            if (!TIME_PROPERTIES.contains(k) && !ASSIGNED_IDS.contains(k)) {
                kept.put(k, "sources".equals(k) && v instanceof List<?> l
                        ? l.stream().map(String::valueOf).sorted().collect(Collectors.toList()) : v);
            }
        });
        return kept.toString();
    }

    /**
     * @param other another fingerprint
     * @return up to {@code limit} lines present in one and not the other, prefixed {@code -} (only here) or
     *         {@code +} (only in other); empty if equal
     */
    List<String> differences(GraphFingerprint other, int limit) {
        List<String> out = new ArrayList<>();
        diff(nodes, other.nodes, out, limit);
        diff(relationships, other.relationships, out, limit);
        return out;
    }

    private static void diff(List<String> mine, List<String> theirs, List<String> out, int limit) {
        Map<String, Integer> count = new HashMap<>();
        mine.forEach(s -> count.merge(s, 1, Integer::sum));
        theirs.forEach(s -> count.merge(s, -1, Integer::sum));
        count.forEach((s, c) -> {
            if (c != 0 && out.size() < limit) {
                out.add((c > 0 ? "- " : "+ ") + Math.abs(c) + "x " + s);
            }
        });
    }
}

package org.jiedao.hub.graph.entity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jiedao.hub.graph.resolution.ResolutionRecord;
import org.jiedao.hub.graph.resolution.TermFrequencies;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;

/**
 * Blocking against the graph, for incremental resolution of one person: the persons that share the name key, the
 * phone number, or the full pinyin of the name (homophones: 林晓雨 and 林小雨), found through the graph's indexes
 * ({@code Person_nameKey_index}, {@code Person_phone_index}, the {@code Person_pinyin} full-text index), at most
 * {@code maxPerBlock} per pass so that a common name never makes the comparisons grow with the population. Also
 * counts hub values (a phone or address shared by many different ID numbers) and the name keys' frequencies.
 */
final class Candidates {

    private static final String RESIDES = "RESIDES_AT";

    private final Driver driver;
    private final int maxPerBlock;

    /**
     * @param driver      the hub's driver
     * @param maxPerBlock the most candidates one blocking pass gives
     */
    Candidates(Driver driver, int maxPerBlock) {
        this.driver = driver;
        this.maxPerBlock = maxPerBlock;
    }

    /**
     * @param entityId an entity id
     * @return the person's match record (id = the entity id, source {@code graph}), or null if there is no such person
     */
    ResolutionRecord person(String entityId) {
        try (var session = driver.session()) {
            return session.executeRead(tx -> {
                var rs = tx.run("""
                        MATCH (p:Person {entityId: $id})
                        RETURN p.entityId AS id, properties(p) AS props, [(p)-[:%s]->(a:Address) | a.text][0] AS address
                        """.formatted(RESIDES), Map.of("id", entityId));
                return rs.hasNext() ? record(rs.next()) : null;
            });
        }
    }

    /**
     * The candidates of a person.
     *
     * @param entityId the person's entity id
     * @param p        its match record
     * @return candidate entity id to its match record; the person itself excluded
     */
    Map<String, ResolutionRecord> of(String entityId, ResolutionRecord p) {
        Map<String, ResolutionRecord> out = new LinkedHashMap<>();
        String tail = """
                WITH c WHERE c.entityId <> $id
                WITH c LIMIT $max
                RETURN c.entityId AS id, properties(c) AS props, [(c)-[:%s]->(a:Address) | a.text][0] AS address
                """.formatted(RESIDES);
        try (var session = driver.session()) {
            session.executeRead(tx -> {
                Map<String, Object> params = new HashMap<>();
                params.put("id", entityId);
                params.put("max", maxPerBlock);
                if (p.get("name") != null) {
                    params.put("v", p.get("name"));
                    tx.run("MATCH (c:Person) WHERE c.nameKey = $v " + tail, params).forEachRemaining(r -> add(out, r));
                }
                if (p.get("phone") != null) {
                    params.put("v", p.get("phone"));
                    tx.run("MATCH (c:Person) WHERE c.phone = $v " + tail, params).forEachRemaining(r -> add(out, r));
                }
                String pinyin = p.get("namePinyin");
                if (pinyin != null && pinyin.matches("[a-z ]+")) {
                    params.put("v", pinyin.replace(" ", ""));
                    tx.run("CALL db.index.fulltext.queryNodes('Person_pinyin', $v) YIELD node AS c " + tail, params)
                            .forEachRemaining(r -> add(out, r));
                }
                return null;
            });
        }
        return out;
    }

    private static void add(Map<String, ResolutionRecord> out, Record r) {
        out.putIfAbsent(r.get("id").asString(), record(r));
    }

    private static ResolutionRecord record(Record r) {
        return PersonMatch.of(r.get("id").asString(), "graph", r.get("props").asMap(), r.get("address").asString(null));
    }

    /**
     * How many different ID numbers share a value (a community office's phone is shared by hundreds).
     *
     * @param field {@code phone} or {@code address}
     * @param value the value
     * @return the number of distinct ID numbers of the persons holding it
     */
    int identitiesSharing(String field, String value) {
        String cypher = field.equals("phone")
                ? "MATCH (c:Person {phone: $v}) WHERE c.idNumber IS NOT NULL RETURN count(DISTINCT c.idNumber) AS n"
                : "MATCH (c:Person)-[:" + RESIDES + "]->(:Address {text: $v}) WHERE c.idNumber IS NOT NULL RETURN count(DISTINCT c.idNumber) AS n";
        try (var session = driver.session()) {
            return session.executeRead(tx -> tx.run(cypher, Map.of("v", value)).single().get("n").asInt());
        }
    }

    /**
     * @return the frequencies of the persons' name keys (field {@code name}), for term-frequency adjustment
     */
    TermFrequencies nameFrequencies() {
        List<ResolutionRecord> names = new ArrayList<>();
        try (var session = driver.session()) {
            session.executeRead(tx -> {
                int[] i = {0};
                tx.run("MATCH (c:Person) WHERE c.nameKey IS NOT NULL RETURN c.nameKey AS k").forEachRemaining(r ->
                        names.add(new ResolutionRecord("n" + i[0]++, "graph", Map.of("name", r.get("k").asString()))));
                return null;
            });
        }
        return TermFrequencies.of(names, List.of("name"));
    }
}

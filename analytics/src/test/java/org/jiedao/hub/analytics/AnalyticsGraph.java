package org.jiedao.hub.analytics;

import java.time.OffsetDateTime;
import java.util.Map;

import org.jiedao.hub.graph.testing.TestNeo4j;
import org.neo4j.driver.Session;

/**
 * A constructed district for the analytics tests, in the shapes the hub's writer gives (entity nodes keyed as the
 * ontology says, one {@code SourceRecord} per source record linked by {@code RESOLVES_TO}). Two communities: C1
 * ({@value #C1}) with grids G1, G2, G3 side by side (0.01° boxes along longitude at latitude 39.90-39.91) and C2
 * ({@value #C2}) with grid G9 far west.
 */
final class AnalyticsGraph {
    static final String C1 = "110102001001";
    static final String C2 = "110102001002";
    static final String A1 = "府右街12号";
    static final String A2 = "府右街20号";
    static final String A3 = "西单北大街5号";
    static final String A9 = "灵境胡同3号";

    private AnalyticsGraph() {
    }

    static String box(double lon) {
        return "POLYGON((%s 39.90, %s 39.90, %s 39.91, %s 39.91, %s 39.90))".formatted(lon, lon + 0.01, lon + 0.01, lon, lon);
    }

    /** Empties the graph and writes the communities, grids, buildings and addresses. */
    static void places() {
        TestNeo4j.clear();
        run("""
                CREATE (c1:Community {code: $c1, name: '府右街社区'}), (c2:Community {code: $c2, name: '灵境社区'})
                CREATE (g1:Grid {code: 'G1', name: '一网格', boundary: $g1})-[:PART_OF_COMMUNITY]->(c1)
                CREATE (g2:Grid {code: 'G2', name: '二网格', boundary: $g2})-[:PART_OF_COMMUNITY]->(c1)
                CREATE (g3:Grid {code: 'G3', name: '三网格', boundary: $g3})-[:PART_OF_COMMUNITY]->(c1)
                CREATE (g9:Grid {code: 'G9', name: '九网格', boundary: $g9})-[:PART_OF_COMMUNITY]->(c2)
                CREATE (:Address {text: $a1})-[:IN_BUILDING]->(:Building {code: 'B1'})-[:IN_GRID]->(g1)
                CREATE (:Address {text: $a2})-[:IN_BUILDING]->(:Building {code: 'B2'})-[:IN_GRID]->(g2)
                CREATE (:Address {text: $a3})-[:IN_COMMUNITY]->(c1)
                CREATE (a9:Address {text: $a9})-[:IN_BUILDING]->(:Building {code: 'B9'})-[:IN_GRID]->(g9)
                CREATE (a9)-[:IN_COMMUNITY]->(c2)
                """, Map.of("c1", C1, "c2", C2, "g1", box(116.37), "g2", box(116.38), "g3", box(116.39), "g9", box(116.30),
                "a1", A1, "a2", A2, "a3", A3, "a9", A9));
    }

    /**
     * A case received at {@code at} about {@code address}, asserted by the record {@code hotline:<number>}.
     *
     * @param kind {@code Complaint} or {@code Incident}
     */
    static void caseAt(String number, String kind, String category, String at, String address) {
        run("""
                MATCH (a:Address {text: $address})
                CREATE (c:Case:%s {caseNumber: $number, category: $category, reportedAt: $at})-[:CONCERNS]->(a)
                CREATE (:SourceRecord {uid: 'hotline:' + $number, source: 'hotline', recordKey: $number})-[:RESOLVES_TO {rule: 'key', score: 1.0}]->(c)
                """.formatted(kind), Map.of("number", number, "category", category, "at", OffsetDateTime.parse(at), "address", address));
    }

    /** A patrol member patrolling one grid. */
    static void member(String number, String name, String grid) {
        run("MATCH (g:Grid {code: $grid}) CREATE (:PatrolMember {memberNumber: $number, name: $name})-[:PATROLS]->(g)",
                Map.of("number", number, "name", name, "grid", grid));
    }

    /** A position report {@code eventId} of a member, asserted by the record {@code patrol-positions:<eventId>}. */
    static void report(String eventId, String member, OffsetDateTime at, double lat, double lon) {
        run("""
                MATCH (m:PatrolMember {memberNumber: $member})
                CREATE (p:Observation:PatrolPositionReport {observationId: $id, resultTime: $at, latitude: $lat, longitude: $lon})-[:POSITION_OF]->(m)
                CREATE (:SourceRecord {uid: 'patrol-positions:' + $id, source: 'patrol-positions', recordKey: $id})-[:RESOLVES_TO {rule: 'key', score: 1.0}]->(p)
                """, Map.of("id", eventId, "member", member, "at", at, "lat", lat, "lon", lon));
    }

    private static void run(String cypher, Map<String, Object> params) {
        try (Session s = TestNeo4j.driver().session()) {
            s.run(cypher, params).consume();
        }
    }
}

package org.jiedao.hub.analytics;

import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.neo4j.driver.Record;
import org.neo4j.driver.Value;

/**
 * Reads the cases received in a period with their address, grid (address, building, grid) and community (the
 * grid's, else the address's), in one parameterised statement.
 */
final class CaseFacts {
    static final String STATEMENT = """
            MATCH (c:%s) WHERE c.reportedAt >= $from AND c.reportedAt < $to
            WITH c, head([(c)-[:CONCERNS]->(a:Address) | a]) AS a
            WITH c, a, CASE WHEN a IS NULL THEN null ELSE head([(a)-[:IN_BUILDING]->(:Building)-[:IN_GRID]->(g:Grid) | g]) END AS g
            WITH c, a, g, coalesce(
                CASE WHEN g IS NULL THEN null ELSE head([(g)-[:PART_OF_COMMUNITY]->(x:Community) | x]) END,
                CASE WHEN a IS NULL THEN null ELSE head([(a)-[:IN_COMMUNITY]->(x:Community) | x]) END) AS com
            WITH c, a, g, com WHERE $communities IS NULL OR com.code IN $communities
            RETURN c.caseNumber AS caseNumber, c.category AS category, c.reportedAt AS reportedAt, a.text AS address,
                   g.code AS grid, g.name AS gridName, com.code AS community, com.name AS communityName,
                   [(r:SourceRecord)-[:RESOLVES_TO]->(c) | r.uid] AS records
            ORDER BY reportedAt, caseNumber""";

    private final Reads reads;

    CaseFacts(Reads reads) {
        this.reads = reads;
    }

    /** @return the cases received in {@code period} in the scope's communities, oldest first */
    List<CaseFact> read(Period period, CommunityScope scope) {
        return read("Case", period, scope);
    }

    /** @return the complaints (cases labelled {@code Complaint}) received in {@code period}, oldest first */
    List<CaseFact> readComplaints(Period period, CommunityScope scope) {
        return read(CaseHotspots.COMPLAINT, period, scope);
    }

    private List<CaseFact> read(String label, Period period, CommunityScope scope) {
        Map<String, Object> params = new HashMap<>();
        params.put("from", period.from().atOffset(ZoneOffset.UTC));
        params.put("to", period.to().atOffset(ZoneOffset.UTC));
        params.put("communities", scope.parameter());
        return reads.list(STATEMENT.formatted(label), params, CaseFacts::fact);
    }

    private static CaseFact fact(Record r) {
        String grid = text(r.get("grid"));
        String community = text(r.get("community"));
        Area area = grid != null ? new Area(Area.GRID, grid, text(r.get("gridName")), community)
                : community != null ? new Area(Area.COMMUNITY, community, text(r.get("communityName")), community) : null;
        List<String> records = r.get("records").asList(Value::asString);
        return new CaseFact(r.get("caseNumber").asString(), text(r.get("category")),
                r.get("reportedAt").asZonedDateTime().toInstant(), text(r.get("address")), area, records.stream().sorted().toList());
    }

    private static String text(Value v) {
        return v.isNull() ? null : v.asString();
    }
}

package org.jiedao.hub.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.locationtech.jts.geom.Geometry;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;

/**
 * Patrols (issue 8, item 5; docs/analytics.md): the current position of each patrol member (its latest position
 * report), a member's track over a period, grid coverage over a period, and the nearest available member to a place
 * or a case. Positions are WGS 84; distances are haversine ({@link Haversine}). A member is in a community's scope
 * when it patrols a grid of that community; only members in scope and their reports are read. Reads only;
 * thread-safe.
 *
 * <p><b>Available</b> means: the member's latest report is at most {@code recency} old at {@code now} (a handset
 * reports every few seconds while its member is on duty, so a member without a recent report is off duty or out of
 * contact). The patrol system does not record assignments to incidents, so a member busy with another incident still
 * counts as available.
 */
public final class Patrols {
    /** The default recency of "available": 15 minutes. */
    public static final Duration DEFAULT_RECENCY = Duration.ofMinutes(15);

    private static final String IN_SCOPE = "($communities IS NULL OR EXISTS { (m)-[:PATROLS]->(:Grid)-[:PART_OF_COMMUNITY]->(x:Community) WHERE x.code IN $communities })";
    private static final String POSITION = """
            RETURN m.memberNumber AS member, m.name AS name, p.latitude AS latitude, p.longitude AS longitude,
                   p.resultTime AS at, p.observationId AS reportId, [(r:SourceRecord)-[:RESOLVES_TO]->(p) | r.uid] AS records""";
    static final String LATEST = """
            MATCH (m:PatrolMember) WHERE %s
            CALL (m) {
              MATCH (p:PatrolPositionReport)-[:POSITION_OF]->(m)
              RETURN p ORDER BY p.resultTime DESC, p.observationId DESC LIMIT 1
            }
            %s
            ORDER BY member""".formatted(IN_SCOPE, POSITION);
    static final String TRACK = """
            MATCH (m:PatrolMember) WHERE m.memberNumber = $member AND %s
            MATCH (p:PatrolPositionReport)-[:POSITION_OF]->(m) WHERE p.resultTime >= $from AND p.resultTime < $to
            %s
            ORDER BY at, reportId""".formatted(IN_SCOPE, POSITION);
    static final String REPORTS = """
            MATCH (p:PatrolPositionReport) WHERE p.resultTime >= $from AND p.resultTime < $to
            MATCH (p)-[:POSITION_OF]->(m:PatrolMember) WHERE %s
            %s
            ORDER BY at, reportId""".formatted(IN_SCOPE, POSITION);
    static final String GRIDS_OF_COMMUNITY = """
            MATCH (g:Grid)-[:PART_OF_COMMUNITY]->(c:Community {code: $community})
            WHERE $communities IS NULL OR c.code IN $communities
            RETURN c.code AS community, g.code AS grid, g.name AS name, g.boundary AS boundary ORDER BY grid""";
    static final String COMMUNITIES_OF_MEMBER = """
            MATCH (m:PatrolMember {memberNumber: $member})-[:PATROLS]->(:Grid)-[:PART_OF_COMMUNITY]->(c:Community)
            WHERE $communities IS NULL OR c.code IN $communities
            RETURN DISTINCT c.code AS community ORDER BY community""";
    static final String CASE_GRID = """
            MATCH (c:Case {caseNumber: $case})
            WHERE $communities IS NULL OR EXISTS { (c)-[:CONCERNS]->(:Address)-[:IN_BUILDING]->(:Building)-[:IN_GRID]->(:Grid)-[:PART_OF_COMMUNITY]->(x:Community) WHERE x.code IN $communities }
            RETURN head([(c)-[:CONCERNS]->(:Address)-[:IN_BUILDING]->(:Building)-[:IN_GRID]->(g:Grid) | [g.code, g.boundary]]) AS grid""";

    private final Reads reads;

    /** @param driver the hub's driver */
    public Patrols(Driver driver) {
        this(driver, null);
    }

    /**
     * @param driver  the hub's driver
     * @param timeout the longest one read may run (the server stops it after that), or null for the server's default
     */
    public Patrols(Driver driver, Duration timeout) {
        this.reads = new Reads(Objects.requireNonNull(driver, "driver"), timeout);
    }

    /**
     * @param scope the communities read
     * @return the latest position of every member in scope that has reported at all, by member number
     */
    public List<PatrolPosition> currentPositions(CommunityScope scope) {
        return positions(LATEST, Map.of(), scope);
    }

    /**
     * @param member the member's number
     * @param period the report times wanted
     * @param scope  the communities read
     * @return the member's reports in the period, oldest first (empty for an unknown member or one out of scope)
     */
    public List<PatrolPosition> track(String member, Period period, CommunityScope scope) {
        return positions(TRACK, Map.of("member", member, "from", utc(period.from()), "to", utc(period.to())), scope);
    }

    /**
     * Grid coverage of a community: which of its grids had a report of a member in scope inside its boundary.
     *
     * @param community the community division code
     * @param period    the report times counted (e.g. {@link Period#lastHours})
     * @param scope     the communities read
     * @return the coverage (no grids when the community is unknown or out of scope)
     * @throws IllegalArgumentException if a grid's boundary is not a WKT polygon
     */
    public GridCoverage communityCoverage(String community, Period period, CommunityScope scope) {
        return coverage(community, period, positions(REPORTS, Map.of("from", utc(period.from()), "to", utc(period.to())), scope), scope);
    }

    /**
     * Grid coverage by one member: for each community the member patrols a grid of, which of the community's grids
     * had one of the member's reports inside its boundary.
     *
     * @param member the member's number
     * @param period the report times counted
     * @param scope  the communities read
     * @return one coverage per community, by community code (empty for an unknown member or one out of scope)
     * @throws IllegalArgumentException if a grid's boundary is not a WKT polygon
     */
    public List<GridCoverage> memberCoverage(String member, Period period, CommunityScope scope) {
        List<PatrolPosition> reports = track(member, period, scope);
        List<String> communities = read(COMMUNITIES_OF_MEMBER, Map.of("member", member), scope, r -> r.get("community").asString());
        return communities.stream().map(c -> coverage(c, period, reports, scope)).toList();
    }

    /**
     * The available members nearest to a place.
     *
     * @param latitude  WGS 84 latitude of the place, decimal degrees
     * @param longitude WGS 84 longitude of the place, decimal degrees
     * @param now       the time availability is judged at
     * @param recency   how old a member's latest report may be for it to count as available
     * @param limit     how many members to return, at least 1
     * @param scope     the communities read
     * @return up to {@code limit} available members, nearest first (ties by member number)
     * @throws IllegalArgumentException if the coordinates are out of range or {@code limit} is below 1
     */
    public List<NearestPatrol> nearest(double latitude, double longitude, Instant now, Duration recency, int limit,
                                       CommunityScope scope) {
        if (!(latitude >= -90 && latitude <= 90) || !(longitude >= -180 && longitude <= 180)) {
            throw new IllegalArgumentException("position out of range: latitude " + latitude + ", longitude " + longitude);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
        Instant since = now.minus(recency);
        return currentPositions(scope).stream()
                .filter(p -> !p.at().isBefore(since) && !p.at().isAfter(now))
                .map(p -> new NearestPatrol(p, Haversine.metres(latitude, longitude, p.latitude(), p.longitude())))
                .sorted(Comparator.comparingDouble(NearestPatrol::distanceMetres).thenComparing(n -> n.position().member()))
                .limit(limit).toList();
    }

    /**
     * The available members nearest to a case. A case has no coordinates of its own: its place is the centroid of
     * the boundary of its grid (the grid of the building of the address it concerns).
     *
     * @param caseNumber the case number
     * @param now        the time availability is judged at
     * @param recency    how old a member's latest report may be
     * @param limit      how many members to return, at least 1
     * @param scope      the communities read (also the case's)
     * @return as {@link #nearest}
     * @throws IllegalArgumentException if the case is unknown or out of scope, or its grid is unknown or has no
     *                                  boundary
     */
    public List<NearestPatrol> nearestToCase(String caseNumber, Instant now, Duration recency, int limit, CommunityScope scope) {
        List<List<Object>> grids = read(CASE_GRID, Map.of("case", caseNumber), scope,
                r -> r.get("grid").isNull() ? null : r.get("grid").asList(v -> v.isNull() ? null : (Object) v.asString()));
        if (grids.isEmpty()) {
            throw new IllegalArgumentException("no case " + caseNumber);
        }
        List<Object> grid = grids.getFirst();
        if (grid == null) {
            throw new IllegalArgumentException("case " + caseNumber + " has no grid (no address in a building of a grid)");
        }
        Geometry boundary = GridBoundaries.parse((String) grid.get(0), (String) grid.get(1));
        if (boundary == null) {
            throw new IllegalArgumentException("case " + caseNumber + ": grid " + grid.get(0) + " has no boundary");
        }
        double[] c = GridBoundaries.centroid(boundary);
        return nearest(c[0], c[1], now, recency, limit, scope);
    }

    private GridCoverage coverage(String community, Period period, List<PatrolPosition> reports, CommunityScope scope) {
        Map<String, Object> params = Map.of("community", community);
        List<Record> grids = read(GRIDS_OF_COMMUNITY, params, scope, r -> r);
        Map<String, Geometry> shapes = new LinkedHashMap<>();
        Map<String, List<String>> inside = new LinkedHashMap<>();
        for (Record g : grids) {
            String code = g.get("grid").asString();
            shapes.put(code, GridBoundaries.parse(code, text(g.get("boundary"))));
            inside.put(code, new ArrayList<>());
        }
        for (PatrolPosition p : reports) {
            shapes.forEach((code, shape) -> {
                if (shape != null && GridBoundaries.covers(shape, p.latitude(), p.longitude())) {
                    inside.get(code).add(p.reportId());
                }
            });
        }
        List<GridVisit> visits = grids.stream().map(g -> {
            String code = g.get("grid").asString();
            List<String> ids = inside.get(code).stream().sorted().toList();
            return new GridVisit(code, text(g.get("name")), shapes.get(code) != null, ids.size(), ids);
        }).toList();
        int covered = (int) visits.stream().filter(GridVisit::covered).count();
        return new GridCoverage(community, period, covered, visits.size(), visits.isEmpty() ? 0 : (double) covered / visits.size(), visits);
    }

    private List<PatrolPosition> positions(String statement, Map<String, Object> params, CommunityScope scope) {
        return read(statement, params, scope, Patrols::position);
    }

    private <T> List<T> read(String statement, Map<String, Object> params, CommunityScope scope,
                             java.util.function.Function<Record, T> mapper) {
        Map<String, Object> all = new HashMap<>(params);
        all.put("communities", scope.parameter());
        return reads.list(statement, all, mapper);
    }

    private static PatrolPosition position(Record r) {
        return new PatrolPosition(r.get("member").asString(), text(r.get("name")), r.get("latitude").asDouble(),
                r.get("longitude").asDouble(), r.get("at").asZonedDateTime().toInstant(), text(r.get("reportId")),
                r.get("records").asList(Value::asString).stream().sorted().toList());
    }

    private static Object utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }

    private static String text(Value v) {
        return v.isNull() ? null : v.asString();
    }
}

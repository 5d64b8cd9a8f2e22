package org.jiedao.hub.app;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import org.jiedao.hub.analytics.CaseHotspots;
import org.jiedao.hub.analytics.CaseTrend;
import org.jiedao.hub.analytics.CommunityScope;
import org.jiedao.hub.analytics.GridCoverage;
import org.jiedao.hub.analytics.HotspotCell;
import org.jiedao.hub.analytics.NearestPatrol;
import org.jiedao.hub.analytics.PatrolPosition;
import org.jiedao.hub.analytics.Patrols;
import org.jiedao.hub.analytics.Period;
import org.jiedao.hub.analytics.RecurringAddress;
import org.jiedao.hub.graph.server.Neo4jConnection;
import org.neo4j.driver.Driver;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hub analytics hotspots|recurring|trends|patrols ...}: the governance analytics (docs/analytics.md) from the
 * command line, as human-readable tables or, with {@code --json}, one JSON document (the analytics' records, instants
 * as ISO 8601 text). Runs as the hub's operator: every community unless {@code --community} limits it. Times are
 * ISO 8601 with an offset ({@code 2026-11-02T00:00+08:00}). Connects to {@code NEO4J_URI} if set, else starts the
 * embedded Neo4j.
 *
 * <p>Exit status: 0 done, 1 bad input (a message on stderr).
 */
@Command(name = "analytics", mixinStandardHelpOptions = true,
        description = "Governance analytics: case hotspots, recurring complaints, trends, patrols, crowd density, parking, kindergarten places.",
        subcommands = {AnalyticsCommand.Hotspots.class, AnalyticsCommand.Recurring.class, AnalyticsCommand.Trends.class,
                AnalyticsCommand.PatrolsCommand.class, CrowdCommand.class, ParkingCommand.class, KindergartenCommand.class})
final class AnalyticsCommand {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new SimpleModule().addSerializer(Instant.class, new StdSerializer<>(Instant.class) {
                @Override
                public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                    gen.writeString(value.toString());
                }
            }).addSerializer(java.time.LocalDate.class, com.fasterxml.jackson.databind.ser.std.ToStringSerializer.instance));

    /** Options every analytics command shares, and how it connects and prints. */
    static final class Common {
        @Option(names = "--json", description = "print JSON instead of a table")
        boolean json;
        @Option(names = "--community", description = "limit to these community codes (repeatable); default every community")
        List<String> communities;

        /** Environment the settings are read from (tests point NEO4J_URI at their server). */
        Map<String, String> env = System.getenv();
        /** Where results go. */
        PrintStream stdout = System.out;
        /** Where errors go. */
        PrintStream stderr = System.err;

        CommunityScope scope() {
            return communities == null || communities.isEmpty() ? CommunityScope.ALL : CommunityScope.of(communities);
        }

        /** Runs a query against the hub's graph and prints its result as a table or as JSON. */
        <T> int run(Function<Driver, T> query, Function<T, String> table) {
            HubSettings settings = HubSettings.fromEnvironment(env);
            try (Neo4jConnection neo4j = Neo4jConnection.fromEnvironment(settings.env(), settings.embeddedNeo4j())) {
                T result = query.apply(neo4j.driver());
                stdout.println(json ? JSON.writeValueAsString(result) : table.apply(result));
                return 0;
            } catch (IllegalArgumentException e) {
                stderr.println("refused: " + e.getMessage());
                return 1;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** A period given by --from and --to. */
    static final class PeriodOptions {
        @Option(names = "--from", required = true, description = "first instant included, e.g. 2026-11-02T00:00+08:00")
        String from;
        @Option(names = "--to", required = true, description = "first instant excluded")
        String to;

        Period period() {
            return new Period(instant(from, "--from"), instant(to, "--to"));
        }
    }

    static Instant instant(String text, String option) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + ": not an ISO 8601 date-time with an offset: " + text, e);
        }
    }

    private static String area(org.jiedao.hub.analytics.Area a) {
        return a == null ? "-" : a.code() + (a.name() == null ? "" : " " + a.name());
    }

    @Command(name = "hotspots", mixinStandardHelpOptions = true, description = "Cases per grid (or community), category and ISO week.")
    static final class Hotspots implements Callable<Integer> {
        @Mixin
        Common common;
        @Mixin
        PeriodOptions period;

        @Override
        public Integer call() {
            return common.run(d -> new CaseHotspots(d, CaseHotspots.DEFAULT_ZONE).hotspots(period.period(), common.scope()),
                    cells -> Table.of(List.of("AREA", "CATEGORY", "WEEK", "CASES", "CASE NUMBERS"), cells.stream()
                            .map((HotspotCell h) -> List.of(area(h.area()), String.valueOf(h.category()), h.week(),
                                    Long.toString(h.cases()), String.join(",", h.caseNumbers()))).toList()));
        }
    }

    @Command(name = "recurring", mixinStandardHelpOptions = true, description = "Addresses with recurring complaints.")
    static final class Recurring implements Callable<Integer> {
        @Mixin
        Common common;
        @Mixin
        PeriodOptions period;
        @Option(names = "--min", defaultValue = "3", description = "least number of complaints (default ${DEFAULT-VALUE})")
        int min;

        @Override
        public Integer call() {
            return common.run(d -> new CaseHotspots(d, CaseHotspots.DEFAULT_ZONE).recurringComplaints(period.period(), min, common.scope()),
                    list -> Table.of(List.of("ADDRESS", "AREA", "COMPLAINTS", "CATEGORIES", "CASE NUMBERS"), list.stream()
                            .map((RecurringAddress r) -> List.of(r.address(), area(r.area()), Long.toString(r.cases()),
                                    r.categories().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")),
                                    String.join(",", r.caseNumbers()))).toList()));
        }
    }

    @Command(name = "trends", mixinStandardHelpOptions = true,
            description = "Cases per area and category against the previous period, with the least-squares slope per week.")
    static final class Trends implements Callable<Integer> {
        @Mixin
        Common common;
        @Mixin
        PeriodOptions period;

        @Override
        public Integer call() {
            return common.run(d -> new CaseHotspots(d, CaseHotspots.DEFAULT_ZONE).trends(period.period(), common.scope()),
                    list -> Table.of(List.of("AREA", "CATEGORY", "NOW", "BEFORE", "CHANGE", "SLOPE/WEEK", "WEEKS"), list.stream()
                            .map((CaseTrend t) -> List.of(area(t.area()), String.valueOf(t.category()), Long.toString(t.current()),
                                    Long.toString(t.previous()), String.format("%+d", t.change()),
                                    t.slopePerWeek() == null ? "-" : String.format(java.util.Locale.ROOT, "%+.2f", t.slopePerWeek()),
                                    t.weeks().stream().map(w -> Long.toString(w.cases())).collect(Collectors.joining(" ")))).toList()));
        }
    }

    @Command(name = "patrols", mixinStandardHelpOptions = true, description = "Patrol positions, tracks, grid coverage, nearest member.",
            subcommands = {PatrolsCommand.Positions.class, PatrolsCommand.Track.class, PatrolsCommand.Coverage.class,
                    PatrolsCommand.Nearest.class})
    static final class PatrolsCommand {
        private static String positions(List<PatrolPosition> list) {
            return Table.of(List.of("MEMBER", "NAME", "LATITUDE", "LONGITUDE", "AT", "REPORT"), list.stream()
                    .map(p -> List.of(p.member(), String.valueOf(p.name()), Double.toString(p.latitude()), Double.toString(p.longitude()),
                            p.at().toString(), String.valueOf(p.reportId()))).toList());
        }

        @Command(name = "positions", mixinStandardHelpOptions = true, description = "The latest position of every member.")
        static final class Positions implements Callable<Integer> {
            @Mixin
            Common common;

            @Override
            public Integer call() {
                return common.run(d -> new Patrols(d).currentPositions(common.scope()), PatrolsCommand::positions);
            }
        }

        @Command(name = "track", mixinStandardHelpOptions = true, description = "A member's positions in a period, oldest first.")
        static final class Track implements Callable<Integer> {
            @Mixin
            Common common;
            @Mixin
            PeriodOptions period;
            @Option(names = "--member", required = true, description = "the member number")
            String member;

            @Override
            public Integer call() {
                return common.run(d -> new Patrols(d).track(member, period.period(), common.scope()), PatrolsCommand::positions);
            }
        }

        @Command(name = "coverage", mixinStandardHelpOptions = true,
                description = "Grids with at least one report in the last hours: of a community, or of a member's communities.")
        static final class Coverage implements Callable<Integer> {
            @Mixin
            Common common;
            @ArgGroup(multiplicity = "1")
            Of of;
            @Option(names = "--hours", defaultValue = "8", description = "the window in hours (default ${DEFAULT-VALUE})")
            int hours;
            @Option(names = "--at", description = "the end of the window (default now)")
            String at;

            static final class Of {
                @Option(names = "--of-community", description = "a community code")
                String community;
                @Option(names = "--member", description = "a member number: only its reports count")
                String member;
            }

            @Override
            public Integer call() {
                return common.run(d -> {
                    Period p = Period.lastHours(hours, at == null ? Instant.now() : instant(at, "--at"));
                    Patrols patrols = new Patrols(d);
                    return of.member != null ? patrols.memberCoverage(of.member, p, common.scope())
                            : List.of(patrols.communityCoverage(of.community, p, common.scope()));
                }, list -> list.stream().map(Coverage::table).collect(Collectors.joining("\n")));
            }

            private static String table(GridCoverage c) {
                return "community " + c.community() + ": " + c.covered() + " of " + c.total() + " grids covered ("
                        + c.period().from() + " to " + c.period().to() + ")\n"
                        + Table.of(List.of("GRID", "NAME", "REPORTS", "REPORT IDS"), c.grids().stream()
                        .map(g -> List.of(g.grid(), String.valueOf(g.name()), g.located() ? Long.toString(g.reports()) : "no boundary",
                                String.join(",", g.reportIds()))).toList());
            }
        }

        @Command(name = "nearest", mixinStandardHelpOptions = true,
                description = "The available members nearest to a case (its grid's centroid) or a point.")
        static final class Nearest implements Callable<Integer> {
            @Mixin
            Common common;
            @Option(names = "--case", description = "a case number")
            String caseNumber;
            @Option(names = "--lat", description = "WGS 84 latitude")
            Double lat;
            @Option(names = "--lon", description = "WGS 84 longitude")
            Double lon;
            @Option(names = "--recency", defaultValue = "15", description = "minutes a latest report may be old (default ${DEFAULT-VALUE})")
            int recency;
            @Option(names = "--limit", defaultValue = "3", description = "members to list (default ${DEFAULT-VALUE})")
            int limit;
            @Option(names = "--at", description = "the time availability is judged at (default now)")
            String at;

            @Override
            public Integer call() {
                return common.run(d -> {
                    if ((caseNumber == null) == (lat == null || lon == null)) {
                        throw new IllegalArgumentException("give either --case or both --lat and --lon");
                    }
                    Instant now = at == null ? Instant.now() : instant(at, "--at");
                    Patrols patrols = new Patrols(d);
                    return caseNumber != null ? patrols.nearestToCase(caseNumber, now, Duration.ofMinutes(recency), limit, common.scope())
                            : patrols.nearest(lat, lon, now, Duration.ofMinutes(recency), limit, common.scope());
                }, list -> Table.of(List.of("MEMBER", "NAME", "DISTANCE M", "LAST REPORT"), list.stream()
                        .map((NearestPatrol n) -> List.of(n.position().member(), String.valueOf(n.position().name()),
                                String.format(java.util.Locale.ROOT, "%.0f", n.distanceMetres()), n.position().at().toString())).toList()));
            }
        }
    }

    /** A plain-text table: columns padded to their widest cell (by code points), two spaces apart. */
    static final class Table {
        private Table() {
        }

        static String of(List<String> header, List<List<String>> rows) {
            if (rows.isEmpty()) {
                return "(none)";
            }
            int[] widths = new int[header.size()];
            for (List<String> row : java.util.stream.Stream.concat(java.util.stream.Stream.of(header), rows.stream()).toList()) {
                for (int i = 0; i < row.size(); i++) {
                    widths[i] = Math.max(widths[i], width(row.get(i)));
                }
            }
            StringBuilder out = new StringBuilder();
            for (List<String> row : java.util.stream.Stream.concat(java.util.stream.Stream.of(header), rows.stream()).toList()) {
                for (int i = 0; i < row.size(); i++) {
                    out.append(row.get(i));
                    if (i < row.size() - 1) {
                        out.append(" ".repeat(widths[i] - width(row.get(i)) + 2));
                    }
                }
                out.append('\n');
            }
            return out.toString().stripTrailing();
        }

        /** Display width: a CJK character takes two columns. */
        private static int width(String s) {
            return s.codePoints().map(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN ? 2 : 1).sum();
        }
    }
}

package org.jiedao.hub.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.jiedao.hub.analytics.Area;
import org.jiedao.hub.analytics.ParkingArea;
import org.jiedao.hub.analytics.ParkingBalance;
import org.jiedao.hub.analytics.ParkingGeoJson;
import org.jiedao.hub.analytics.ParkingHour;
import org.jiedao.hub.analytics.ParkingMatch;
import org.jiedao.hub.analytics.ParkingReport;
import org.jiedao.hub.analytics.ParkingSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hub analytics parking --from --to [--hour H] [--kind GRID|COMMUNITY] [--area CODE] [--night 19-7]
 * [--percentile P] [--max-distance M] [--json | --geojson]}: parking supply and demand (docs/analytics.md#parking).
 * The table lists, for {@code --hour}, every area at that hour, else the short area-hours only, then the proposed
 * lots; {@code --json} prints the whole {@link ParkingReport}; {@code --geojson} the RFC 7946 FeatureCollection at
 * {@code --hour} ({@link ParkingGeoJson}). Exit status 0, or 1 for bad input.
 */
@Command(name = "parking", mixinStandardHelpOptions = true,
        description = "Parking supply, demand and gap per grid and community and hour; lots with idle spaces near short areas.")
final class ParkingCommand implements Callable<Integer> {
    @Mixin
    AnalyticsCommand.Common common;
    @Mixin
    AnalyticsCommand.PeriodOptions period;
    @Option(names = "--hour", description = "an hour of the day (0-23, Beijing time): every area at that hour; needed for --geojson")
    Integer hour;
    @Option(names = "--kind", description = "GRID or COMMUNITY (default both)")
    String kind;
    @Option(names = "--area", description = "one grid or community code")
    String area;
    @Option(names = "--night", defaultValue = "19-7", description = "night hours FROM-UNTIL, resident demand (default ${DEFAULT-VALUE})")
    String night;
    @Option(names = "--percentile", description = "occupancy statistic: this nearest-rank percentile instead of the mean")
    Double percentile;
    @Option(names = "--max-distance", defaultValue = "500", description = "metres from a short area to a proposed lot (default ${DEFAULT-VALUE})")
    double maxDistance;
    @Option(names = "--geojson", description = "print the GeoJSON FeatureCollection at --hour")
    boolean geojson;

    ParkingSettings settings() {
        String[] h = night.split("-");
        try {
            if (h.length != 2) {
                throw new NumberFormatException();
            }
            return new ParkingSettings(Integer.parseInt(h[0].strip()), Integer.parseInt(h[1].strip()), percentile, maxDistance);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--night: FROM-UNTIL in whole hours, e.g. 19-7, not " + night, e);
        }
    }

    private boolean wanted(Area a) {
        return (kind == null || a.kind().equalsIgnoreCase(kind)) && (area == null || a.code().equals(area));
    }

    @Override
    public Integer call() {
        if (geojson) {
            return common.run(d -> {
                if (hour == null) {
                    throw new IllegalArgumentException("--geojson needs --hour");
                }
                return ParkingGeoJson.of(new ParkingBalance(d).compute(period.period(), settings(), common.scope()), hour);
            }, node -> node.toPrettyString());
        }
        return common.run(d -> {
            if (kind != null && !kind.equalsIgnoreCase(Area.GRID) && !kind.equalsIgnoreCase(Area.COMMUNITY)) {
                throw new IllegalArgumentException("--kind: GRID or COMMUNITY, not " + kind);
            }
            if (hour != null && (hour < 0 || hour > 23)) {
                throw new IllegalArgumentException("--hour: 0-23, not " + hour);
            }
            ParkingReport r = new ParkingBalance(d).compute(period.period(), settings(), common.scope());
            return new ParkingReport(r.period(), r.settings(), r.areas().stream().filter(a -> wanted(a.area())).toList(), r.lots(),
                    r.matches().stream().filter(m -> wanted(m.area()) && (hour == null || m.hour() == hour)).toList());
        }, this::table);
    }

    private String table(ParkingReport r) {
        List<List<String>> rows = new ArrayList<>();
        for (ParkingArea a : r.areas()) {
            for (ParkingHour h : a.hours()) {
                if (hour != null ? h.hour() == hour : h.gap() > 0) {
                    rows.add(List.of(a.area().kind(), a.area().code() + (a.area().name() == null ? "" : " " + a.area().name()),
                            Integer.toString(h.hour()), Integer.toString(h.supply()), Integer.toString(h.residentDemand()),
                            num(h.observedDemand()), num(h.demand()), num(h.gap()), String.join(",", h.lots())));
                }
            }
        }
        String areas = (hour == null ? "short areas and hours" : "areas at " + hour + " h") + "\n"
                + AnalyticsCommand.Table.of(List.of("KIND", "AREA", "HOUR", "SUPPLY", "RESIDENT", "OBSERVED", "DEMAND", "GAP", "LOTS"), rows);
        String matches = AnalyticsCommand.Table.of(List.of("AREA", "HOUR", "GAP", "LOT", "LOT AREA", "DISTANCE M", "IDLE", "COVERABLE"),
                r.matches().stream().map((ParkingMatch m) -> List.of(m.area().code(), Integer.toString(m.hour()), num(m.gap()), m.lot(),
                        String.valueOf(m.lotArea()), String.format(Locale.ROOT, "%.0f", m.distanceMetres()), num(m.idle()),
                        num(m.coverable()))).toList());
        return areas + "\n\nproposed lots\n" + matches;
    }

    private static String num(double x) {
        return String.format(Locale.ROOT, "%.1f", x);
    }
}

package org.jiedao.hub.app;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.jiedao.hub.analytics.CrowdAlert;
import org.jiedao.hub.analytics.CrowdBucket;
import org.jiedao.hub.analytics.CrowdDensities;
import org.jiedao.hub.analytics.CrowdRecords;
import org.jiedao.hub.analytics.CrowdSettings;
import org.jiedao.hub.analytics.CrowdZone;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hub analytics crowd zones|density|alerts}: crowd density (docs/analytics.md, "Crowd density") from the
 * command line. The zones are those of {@code config/crowd.yaml} ({@code HUB_CROWD_CONFIG}); densities are computed
 * from the counters' observations in the graph, alerts are those the running hub's monitor raised.
 */
@Command(name = "crowd", mixinStandardHelpOptions = true, description = "Crowd density per zone and bucket, and its alerts.",
        subcommands = {CrowdCommand.Zones.class, CrowdCommand.Density.class, CrowdCommand.AlertsList.class})
final class CrowdCommand {
    private CrowdCommand() {
    }

    private static CrowdSettings settings(AnalyticsCommand.Common common) {
        CrowdSettings all = CrowdConfig.load(common.env).settings();
        return new CrowdSettings(all.bucket(), all.horizon(), all.season(), all.levelBuckets(), all.clearAfter(), all.carryForward(),
                all.grace(), all.zones().stream().filter(z -> common.scope().includes(z.community())).toList());
    }

    private static String number(double d) {
        return Double.isNaN(d) ? "-" : String.format(Locale.ROOT, "%.2f", d);
    }

    @Command(name = "zones", mixinStandardHelpOptions = true, description = "The monitoring zones, their thresholds and alert level now.")
    static final class Zones implements Callable<Integer> {
        @Mixin
        AnalyticsCommand.Common common;

        @Override
        public Integer call() {
            List<CrowdZone> zones = settings(common).zones();
            return common.run(driver -> {
                Map<String, CrowdRecords.ZoneLevel> levels = new CrowdRecords(driver, null).levels();
                return zones.stream().map(z -> Map.of("zone", z, "level", levels.containsKey(z.code()) ? levels.get(z.code()).level() : "-")).toList();
            }, rows -> rows.stream().map(r -> {
                CrowdZone z = (CrowdZone) r.get("zone");
                return String.format(Locale.ROOT, "%-9s %-24s %s  %7.0f m²  threshold %.2f  clear below %.2f  sensors %s  level %s",
                        z.code(), z.name(), z.community(), z.areaSquareMetres(), z.threshold(), z.clearBelow(), String.join(",", z.sensors()), r.get("level"));
            }).collect(Collectors.joining("\n")));
        }
    }

    @Command(name = "density", mixinStandardHelpOptions = true, description = "A zone's density per bucket, computed from its counters.")
    static final class Density implements Callable<Integer> {
        @Mixin
        AnalyticsCommand.Common common;
        @Mixin
        AnalyticsCommand.PeriodOptions period;
        @Option(names = "--zone", required = true, description = "zone code, e.g. XCJ-Z01")
        String zone;

        @Override
        public Integer call() {
            CrowdSettings settings;
            CrowdZone z;
            try {
                settings = settings(common);
                z = settings.zone(zone).orElseThrow(() -> new IllegalArgumentException("unknown crowd zone: " + zone));
                period.period();
            } catch (IllegalArgumentException e) {
                common.stderr.println("refused: " + e.getMessage());
                return 1;
            }
            return common.run(driver -> new CrowdDensities(driver, settings, null).buckets(z, period.period()),
                    (List<CrowdBucket> rows) -> rows.stream().map(b -> String.format(Locale.ROOT, "%s  people %8s  density %5s  observations %d%s",
                            b.start(), number(b.people()), number(b.density()), b.observations(),
                            b.missing().isEmpty() ? "" : "  missing " + String.join(",", b.missing()))).collect(Collectors.joining("\n")));
        }
    }

    @Command(name = "alerts", mixinStandardHelpOptions = true, description = "The alerts raised for buckets in a period.")
    static final class AlertsList implements Callable<Integer> {
        @Mixin
        AnalyticsCommand.Common common;
        @Mixin
        AnalyticsCommand.PeriodOptions period;

        @Override
        public Integer call() {
            List<String> zones = settings(common).zones().stream().map(CrowdZone::code).toList();
            return common.run(driver -> new CrowdRecords(driver, null).alerts(period.period(), zones),
                    (List<CrowdAlert> rows) -> rows.isEmpty() ? "no alerts" : rows.stream().map(CrowdAlert::message).collect(Collectors.joining("\n")));
        }
    }
}

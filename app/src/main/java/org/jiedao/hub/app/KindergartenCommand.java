package org.jiedao.hub.app;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.jiedao.hub.analytics.KindergartenForecast;
import org.jiedao.hub.analytics.KindergartenForecast.Backtest;
import org.jiedao.hub.analytics.KindergartenForecast.BacktestArea;
import org.jiedao.hub.analytics.KindergartenForecast.BacktestYear;
import org.jiedao.hub.analytics.KindergartenForecast.CohortForecast;
import org.jiedao.hub.analytics.KindergartenForecast.Forecast;
import org.jiedao.hub.analytics.KindergartenForecast.YearForecast;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hub analytics kindergartens forecast|backtest}: the kindergarten-places forecast and its backtest
 * ({@link KindergartenForecast}; docs/analytics.md "Kindergarten places") as tables or, with {@code --json}, the
 * analytic's records as JSON (days as ISO 8601 text). Runs as the operator, like the other analytics commands.
 *
 * <p>Exit status: 0 done, 1 bad input (a message on stderr).
 */
@Command(name = "kindergartens", mixinStandardHelpOptions = true,
        description = "Kindergarten places: forecast of children of kindergarten age, places within reach, shortfall; backtest.",
        subcommands = {KindergartenCommand.ForecastCommand.class, KindergartenCommand.BacktestCommand.class})
final class KindergartenCommand {
    /** The zone "today" is taken in. */
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private KindergartenCommand() {
    }

    static LocalDate day(String text, String option) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + ": not an ISO 8601 date (e.g. 2026-11-01): " + text, e);
        }
    }

    private static String number(double x) {
        return String.format(Locale.ROOT, "%.1f", x);
    }

    @Command(name = "forecast", mixinStandardHelpOptions = true,
            description = "Children of kindergarten age per community in the next school years, places within reach, shortfall, ranking.")
    static final class ForecastCommand implements Callable<Integer> {
        @Mixin
        AnalyticsCommand.Common common;
        @Option(names = "--as-of", description = "the as-of day: facts dated before it are used (default today, Beijing time)")
        String asOf;
        @Option(names = "--years", defaultValue = "3", description = "school years to forecast (default ${DEFAULT-VALUE})")
        int years;
        @Option(names = "--window", defaultValue = "5", description = "years of history the rates come from (default ${DEFAULT-VALUE})")
        int window;
        @Option(names = "--radius", defaultValue = "1000", description = "reach of a community in metres (default ${DEFAULT-VALUE})")
        double radius;

        @Override
        public Integer call() {
            return common.run(d -> new KindergartenForecast(d).forecast(asOf == null ? LocalDate.now(ZONE) : day(asOf, "--as-of"),
                    years, window, radius, common.scope()), ForecastCommand::table);
        }

        static String table(Forecast f) {
            List<List<String>> rows = new ArrayList<>();
            f.areas().forEach(a -> {
                for (YearForecast y : a.years()) {
                    List<String> row = new ArrayList<>(List.of(a.community(), String.valueOf(a.name()), Integer.toString(y.schoolYear())));
                    for (CohortForecast c : y.cohorts()) {
                        row.add(number(c.expected()) + " (" + c.registered() + ")");
                    }
                    row.addAll(List.of(number(y.demand()), Long.toString(y.capacity()), number(y.shortfall()),
                            a.kindergartens().stream().map(KindergartenForecast.ReachableKindergarten::code).collect(Collectors.joining(","))));
                    rows.add(row);
                }
            });
            return "as of " + f.asOf() + ", rates from " + f.windowYears() + " years, reach " + number(f.radiusMetres())
                    + " m; per class: forecast (registered now)\n"
                    + AnalyticsCommand.Table.of(List.of("COMMUNITY", "NAME", "YEAR", "小班", "中班", "大班", "DEMAND", "CAPACITY",
                            "SHORTFALL", "KINDERGARTENS"), rows)
                    + "\nranking for a new kindergarten (largest shortfall):\n"
                    + AnalyticsCommand.Table.of(List.of("RANK", "COMMUNITY", "NAME", "YEAR", "SHORTFALL", "DEMAND", "CAPACITY"),
                            f.ranking().stream().map(r -> List.of(Integer.toString(r.rank()), r.community(), String.valueOf(r.name()),
                                    Integer.toString(r.schoolYear()), number(r.shortfall()), number(r.demand()),
                                    Long.toString(r.capacity()))).toList());
        }
    }

    @Command(name = "backtest", mixinStandardHelpOptions = true,
            description = "The forecast as of 1 September Y-3 against the registered children of kindergarten age on 1 September Y; MAPE.")
    static final class BacktestCommand implements Callable<Integer> {
        @Mixin
        AnalyticsCommand.Common common;
        @Option(names = "--year", description = "a school year to test (repeatable; default the last three that have started)")
        List<Integer> schoolYears;
        @Option(names = "--window", defaultValue = "5", description = "years of history the rates come from (default ${DEFAULT-VALUE})")
        int window;

        @Override
        public Integer call() {
            List<Integer> ys = schoolYears;
            if (ys == null || ys.isEmpty()) {
                int now = KindergartenForecast.schoolYearOf(LocalDate.now(ZONE));
                ys = List.of(now - 2, now - 1, now);
            }
            List<Integer> years = ys;
            return common.run(d -> new KindergartenForecast(d).backtest(years, window, common.scope()), BacktestCommand::table);
        }

        static String table(Backtest b) {
            List<String> header = new ArrayList<>(List.of("COMMUNITY", "NAME"));
            b.schoolYears().forEach(y -> header.add(y + " FORECAST/ACTUAL"));
            header.add("MAPE %");
            List<List<String>> rows = new ArrayList<>();
            for (BacktestArea a : b.areas()) {
                List<String> row = new ArrayList<>(List.of(a.community(), String.valueOf(a.name())));
                for (BacktestYear y : a.years()) {
                    row.add(number(y.forecast()) + "/" + y.actual());
                }
                row.add(a.mape() == null ? "-" : number(a.mape()));
                rows.add(row);
            }
            return AnalyticsCommand.Table.of(header, rows) + "\noverall MAPE "
                    + (b.mape() == null ? "-" : number(b.mape()) + " %") + " (community-years with actual 0 left out: "
                    + b.zeroActuals() + ")";
        }
    }
}

package org.jiedao.hub.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** The crowd monitor's forecast and hysteresis rules on constructed series. */
class SeasonalNaiveForecastTest {
    private static final CrowdZone ZONE = new CrowdZone("Z", "广场", "110102001027", 100, java.util.List.of("S"), 2.0, 1.5);

    @Test
    void aDayLikeYesterdayIsForecastAsYesterday() {
        int season = 12;
        double[] history = new double[season + 4];
        for (int i = 0; i < history.length; i++) {
            history[i] = i % season; // yesterday 0..11, today 0..3
        }
        double[] f = SeasonalNaiveForecast.forecast(history, season, 3, 2);
        assertThat(f).containsExactly(4, 5, 6);
    }

    @Test
    void aBusierDayIsForecastWithItsLevel() {
        int season = 12;
        double[] history = new double[season + 4];
        for (int i = 0; i < history.length; i++) {
            history[i] = (i % season) + (i >= season ? 0.5 : 0); // today runs 0.5 above yesterday
        }
        double[] f = SeasonalNaiveForecast.forecast(history, season, 2, 3);
        assertThat(f[0]).isCloseTo(4.5, within(1e-9));
        assertThat(f[1]).isCloseTo(5.5, within(1e-9));
    }

    @Test
    void noSeasonalValueMeansNoForecast() {
        double[] history = {1, 2, 3};
        double[] f = SeasonalNaiveForecast.forecast(history, 12, 2, 2);
        assertThat(Arrays.stream(f).allMatch(Double::isNaN)).isTrue();
        assertThat(SeasonalNaiveForecast.max(f)).isNaN();
    }

    @Test
    void unknownPairsAreLeftOutOfTheLevel() {
        int season = 4;
        double[] history = {1, 1, 1, 1, 2, Double.NaN, 2};
        // pairs (t, t-S): (2, 1) and (NaN, 1) and (2, 1): level +1 from the two known pairs
        double[] f = SeasonalNaiveForecast.forecast(history, season, 1, 3);
        assertThat(f[0]).isCloseTo(2, within(1e-9));
    }

    @Test
    void aDensityWaveringAroundTheThresholdRaisesOneAlert() {
        CrowdState s = CrowdState.NORMAL;
        StringBuilder alerts = new StringBuilder();
        double[] densities = {1.0, 2.1, 1.9, 2.1, 1.9, 2.05, 1.6, 1.4, 1.6, 1.4, 1.3, 1.0};
        for (double d : densities) {
            CrowdState.Step step = s.step(d, Double.NaN, ZONE, 2);
            s = step.next();
            if (step.alert() != null) {
                alerts.append(step.alert()).append(' ');
            }
        }
        // 1.4 then 1.6 restarts the calm count; 1.4, 1.3 clears
        assertThat(alerts.toString().trim()).isEqualTo("CROWD_DENSITY_EXCEEDED CROWD_DENSITY_CLEARED");
        assertThat(s).isEqualTo(CrowdState.NORMAL);
    }

    @Test
    void aForecastAboveTheThresholdWarnsFirst() {
        CrowdState.Step warn = CrowdState.NORMAL.step(1.2, 2.3, ZONE, 2);
        assertThat(warn.alert()).isEqualTo("CROWD_DENSITY_FORECAST");
        CrowdState.Step hold = warn.next().step(1.8, 2.4, ZONE, 2);
        assertThat(hold.alert()).isNull();
        CrowdState.Step over = hold.next().step(2.2, 2.4, ZONE, 2);
        assertThat(over.alert()).isEqualTo("CROWD_DENSITY_EXCEEDED");
        assertThat(over.next().step(Double.NaN, Double.NaN, ZONE, 2).next()).as("a bucket without counts changes nothing")
                .isEqualTo(over.next());
    }
}

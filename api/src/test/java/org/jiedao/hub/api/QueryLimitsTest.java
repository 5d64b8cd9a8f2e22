package org.jiedao.hub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The limits as the environment sets them. */
class QueryLimitsTest {

    @Test
    void unsetOrBlankVariablesKeepTheDefaults() {
        assertThat(QueryLimits.fromEnvironment(Map.of())).isEqualTo(QueryLimits.DEFAULTS);
        assertThat(QueryLimits.fromEnvironment(Map.of("HUB_GRAPHQL_MAX_DEPTH", " "))).isEqualTo(QueryLimits.DEFAULTS);
        assertThat(QueryLimits.DEFAULTS).isEqualTo(new QueryLimits(10, Duration.ofSeconds(30), 10_000, 30, 6, 100));
    }

    @Test
    void eachLimitIsReadFromItsVariable() {
        QueryLimits l = QueryLimits.fromEnvironment(Map.of("HUB_GRAPHQL_MAX_DEPTH", "12", "HUB_GRAPHQL_MAX_COMPLEXITY", "50_000",
                "HUB_GRAPHQL_MAX_ALIASES", "0", "HUB_GRAPHQL_TIMEOUT_SECONDS", " 5 "));
        assertThat(l).isEqualTo(new QueryLimits(12, Duration.ofSeconds(5), 50_000, 0, 6, 100));
    }

    @Test
    void aBadValueNamesTheVariableTheRangeAndTheValue() {
        assertThatThrownBy(() -> QueryLimits.fromEnvironment(Map.of("HUB_GRAPHQL_MAX_DEPTH", "ten")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("HUB_GRAPHQL_MAX_DEPTH must be a whole number from 1 to 100, was 'ten'");
        assertThatThrownBy(() -> QueryLimits.fromEnvironment(Map.of("HUB_GRAPHQL_TIMEOUT_SECONDS", "0")))
                .hasMessage("HUB_GRAPHQL_TIMEOUT_SECONDS must be a whole number from 1 to 3600, was '0'");
        assertThatThrownBy(() -> QueryLimits.fromEnvironment(Map.of("HUB_GRAPHQL_MAX_COMPLEXITY", "99999999999")))
                .hasMessageStartingWith("HUB_GRAPHQL_MAX_COMPLEXITY must be a whole number from 1 to 1000000");
        assertThatThrownBy(() -> QueryLimits.fromEnvironment(Map.of("HUB_GRAPHQL_MAX_ALIASES", "-1")))
                .hasMessageStartingWith("HUB_GRAPHQL_MAX_ALIASES must be a whole number from 0 to 1000");
    }
}

package org.jiedao.hub.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.jiedao.hub.api.QueryLimits;
import org.junit.jupiter.api.Test;

/** The GraphQL limits come from HUB_GRAPHQL_* and a bad value stops the hub before anything starts. */
class HubSettingsLimitsTest {

    @Test
    void theLimitsComeFromTheEnvironment() {
        HubSettings s = HubSettings.fromEnvironment(Map.of("HUB_GRAPHQL_MAX_DEPTH", "8", "HUB_GRAPHQL_TIMEOUT_SECONDS", "5"));
        assertThat(s.queryLimits()).isEqualTo(QueryLimits.DEFAULTS.withMaxDepth(8).withTimeout(Duration.ofSeconds(5)));
        assertThat(HubSettings.fromEnvironment(Map.of()).queryLimits()).isEqualTo(QueryLimits.DEFAULTS);
    }

    @Test
    void aBadLimitIsRefusedWhenTheSettingsAreRead() {
        assertThatThrownBy(() -> HubSettings.fromEnvironment(Map.of("HUB_GRAPHQL_MAX_ALIASES", "lots")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HUB_GRAPHQL_MAX_ALIASES");
    }
}

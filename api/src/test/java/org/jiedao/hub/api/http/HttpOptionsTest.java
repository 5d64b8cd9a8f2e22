package org.jiedao.hub.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP settings as an operator writes them in the environment. */
class HttpOptionsTest {
    @Test
    void anEmptyEnvironmentGivesOneMebibyteNoCorsAndClientRegistration() {
        HttpOptions o = HttpOptions.fromEnvironment(Map.of());
        assertThat(o.maxBodyBytes()).isEqualTo(1024 * 1024);
        assertThat(o.corsOrigins()).isEmpty();
        assertThat(o.persistedOnly()).isFalse();
        assertThat(o.apqCacheSize()).isEqualTo(1000);
    }

    @Test
    void everySettingIsRead(@TempDir Path dir) {
        HttpOptions o = HttpOptions.fromEnvironment(Map.of("HUB_GRAPHQL_MAX_BODY_BYTES", "65536",
                "HUB_CORS_ORIGINS", " https://a.example.org, http://localhost:5173 ,", "HUB_GRAPHQL_PERSISTED_QUERIES_DIR", dir.toString(),
                "HUB_GRAPHQL_PERSISTED_ONLY", "true", "HUB_GRAPHQL_APQ_CACHE_SIZE", "10"));
        assertThat(o.maxBodyBytes()).isEqualTo(65536);
        assertThat(o.corsOrigins()).containsExactly("https://a.example.org", "http://localhost:5173");
        assertThat(o.persistedQueriesDir()).isEqualTo(dir.toAbsolutePath().normalize());
        assertThat(o.persistedOnly()).isTrue();
        assertThat(o.apqCacheSize()).isEqualTo(10);
    }

    @Test
    void aMalformedSettingIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> HttpOptions.fromEnvironment(Map.of("HUB_GRAPHQL_MAX_BODY_BYTES", "1MB")))
                .hasMessageContaining("HUB_GRAPHQL_MAX_BODY_BYTES");
        assertThatThrownBy(() -> HttpOptions.fromEnvironment(Map.of("HUB_CORS_ORIGINS", "https://a.example.org/app")))
                .hasMessageContaining("origin");
        assertThatThrownBy(() -> HttpOptions.fromEnvironment(Map.of("HUB_GRAPHQL_PERSISTED_QUERIES_DIR", dir.resolve("missing").toString())))
                .hasMessageContaining("HUB_GRAPHQL_PERSISTED_QUERIES_DIR");
        assertThatThrownBy(() -> HttpOptions.fromEnvironment(Map.of("HUB_GRAPHQL_PERSISTED_ONLY", "sometimes")))
                .hasMessageContaining("HUB_GRAPHQL_PERSISTED_ONLY");
        assertThatThrownBy(() -> HttpOptions.DEFAULTS.withPersistedOnly(true)).hasMessageContaining("folder");
        assertThat(HttpOptions.DEFAULTS.withCorsOrigins(List.of()).corsOrigins()).isEmpty();
    }
}

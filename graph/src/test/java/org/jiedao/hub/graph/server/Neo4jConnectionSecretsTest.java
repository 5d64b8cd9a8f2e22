package org.jiedao.hub.graph.server;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * A NEO4J_URI that carries {@code user:password@} never shows the password in an error message (which the hub
 * prints and logs).
 */
class Neo4jConnectionSecretsTest {
    private static final String PASSWORD = "s3cret-in-uri-4471";

    @Test
    void anUnreachableUriWithCredentialsIsReportedWithoutThem() {
        assertThatThrownBy(() -> Neo4jConnection.fromEnvironment(Map.of(Neo4jConnection.ENV_URI, "bolt://hub:" + PASSWORD + "@127.0.0.1:1",
                Neo4jConnection.ENV_MAX_RETRY_SECONDS, "0"), null))
                .isInstanceOf(RuntimeException.class)
                .hasMessageContaining("127.0.0.1:1")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void aMalformedUriWithCredentialsIsReportedWithoutThem() {
        assertThatThrownBy(() -> Neo4jConnection.fromEnvironment(Map.of(Neo4jConnection.ENV_URI, "bolt://hub:" + PASSWORD + "@bad host:7687"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Neo4jConnection.ENV_URI)
                .hasMessageNotContaining(PASSWORD);
    }
}

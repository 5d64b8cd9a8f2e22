package org.jiedao.hub.loaders.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PlaceholdersTest {
    private static final String NESTED = "${VEHICLES_JDBC_URL:jdbc:h2:file:${HUB_DATA_DIR:data}/silos/vehicles/vehicle_registry}";

    @Test
    void aSettingReplacesItsPlaceholderAndItsDefault() {
        Placeholders p = new Placeholders(Map.of("HUB_DATA_DIR", "/srv/hub", "DB.USER", "reader"));
        assertThat(p.resolve("${HUB_DATA_DIR}/silos")).isEqualTo("/srv/hub/silos");
        assertThat(p.resolve("${HUB_DATA_DIR:data}/silos")).isEqualTo("/srv/hub/silos");
        assertThat(p.resolve("${DB.USER}@${HUB_DATA_DIR}")).isEqualTo("reader@/srv/hub");
    }

    @Test
    void theDefaultIsUsedWhenTheSettingIsAbsentAndMayBeEmpty() {
        Placeholders p = new Placeholders(Map.of());
        assertThat(p.resolve("${HUB_DATA_DIR:data}/silos")).isEqualTo("data/silos");
        assertThat(p.resolve("[${PASSWORD:}]")).isEqualTo("[]");
        assertThat(p.resolve("${URL:jdbc:h2:mem:x}")).isEqualTo("jdbc:h2:mem:x");
    }

    @Test
    void anEmptySettingIsAValueNotAbsence() {
        assertThat(new Placeholders(Map.of("PASSWORD", "")).resolve("[${PASSWORD:changeit}]")).isEqualTo("[]");
    }

    @Test
    void defaultsNest() {
        assertThat(new Placeholders(Map.of()).resolve(NESTED)).isEqualTo("jdbc:h2:file:data/silos/vehicles/vehicle_registry");
        assertThat(new Placeholders(Map.of("HUB_DATA_DIR", "/srv/hub")).resolve(NESTED))
                .isEqualTo("jdbc:h2:file:/srv/hub/silos/vehicles/vehicle_registry");
        assertThat(new Placeholders(Map.of("VEHICLES_JDBC_URL", "jdbc:postgresql://db/traffic", "HUB_DATA_DIR", "/srv/hub"))
                .resolve(NESTED)).isEqualTo("jdbc:postgresql://db/traffic");
    }

    @Test
    void anUnusedDefaultNeedsNoValueForItsOwnPlaceholders() {
        Placeholders p = new Placeholders(Map.of("DB_URL", "jdbc:postgresql://db/x"));
        assertThat(p.resolve("${DB_URL:jdbc:h2:file:${DATA_DIR}/db}")).isEqualTo("jdbc:postgresql://db/x");
        assertThatThrownBy(() -> new Placeholders(Map.of()).resolve("${DB_URL:jdbc:h2:file:${DATA_DIR}/db}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("${DATA_DIR}");
    }

    @Test
    void aMissingPlaceholderWithoutDefaultFailsNamingIt() {
        assertThatThrownBy(() -> new Placeholders(Map.of("OTHER", "x")).resolve("jdbc:${VEHICLES_JDBC_URL}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("${VEHICLES_JDBC_URL}")
                .hasMessageContaining("not set");
    }

    @Test
    void valuesAreInsertedLiterallyAndNotExpandedAgain() {
        Map<String, String> settings = new HashMap<>();
        settings.put("PASSWORD", "p@$$w0rd\\1${NOT_A_SETTING}");
        settings.put("LOOP", "${LOOP}x");
        Placeholders p = new Placeholders(settings);
        assertThat(p.resolve("${PASSWORD}")).isEqualTo("p@$$w0rd\\1${NOT_A_SETTING}");
        assertThat(p.resolve("${LOOP}")).isEqualTo("${LOOP}x");
    }

    @Test
    void textWithoutPlaceholdersIsUnchangedAndNullStaysNull() {
        Placeholders p = new Placeholders(Map.of("A", "1"));
        assertThat(p.resolve("jdbc:h2:mem:test;MODE=PostgreSQL")).isEqualTo("jdbc:h2:mem:test;MODE=PostgreSQL");
        assertThat(p.resolve("cost: $5 {braces} $")).isEqualTo("cost: $5 {braces} $");
        assertThat(p.resolve("")).isEmpty();
        assertThat(p.resolve(null)).isNull();
    }

    @Test
    void anUnclosedPlaceholderIsAnErrorNotLeftInTheText() {
        Placeholders p = new Placeholders(Map.of("HUB_DATA_DIR", "/srv/hub"));
        assertThatThrownBy(() -> p.resolve("${HUB_DATA_DIR/silos"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("${HUB_DATA_DIR/silos");
        assertThatThrownBy(() -> p.resolve("${DB_URL:jdbc:h2:file:${HUB_DATA_DIR}/db"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not closed");
    }

    @Test
    void theSettingsAreCopied() {
        Map<String, String> settings = new HashMap<>(Map.of("A", "1"));
        Placeholders p = new Placeholders(settings);
        settings.put("A", "2");
        assertThat(p.resolve("${A}")).isEqualTo("1");
    }
}

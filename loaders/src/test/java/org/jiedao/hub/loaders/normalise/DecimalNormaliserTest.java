package org.jiedao.hub.loaders.normalise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The {@code decimal} normaliser on values as positioning devices and counters send them. */
class DecimalNormaliserTest {
    private static Object n(String raw) throws NormalisationException {
        return Normalisers.byName("decimal").normalise(raw);
    }

    @Test
    void readsPlainDecimalsIncludingFullWidthDigits() throws Exception {
        assertThat(n("39.915301")).isEqualTo(39.915301);
        assertThat(n(" 116.3650 ")).isEqualTo(116.365);
        assertThat(n("-0.5")).isEqualTo(-0.5);
        assertThat(n("12")).isEqualTo(12.0);
        assertThat(n("３９．５")).isEqualTo(39.5);
        assertThat(n("")).isNull();
    }

    @Test
    void refusesWhatIsNotAPlainDecimal() {
        assertThatThrownBy(() -> n("39,9")).isInstanceOf(NormalisationException.class).hasMessageContaining("not a decimal");
        assertThatThrownBy(() -> n("1e5")).isInstanceOf(NormalisationException.class);
        assertThatThrownBy(() -> n("N39.9")).isInstanceOf(NormalisationException.class);
        assertThatThrownBy(() -> n("NaN")).isInstanceOf(NormalisationException.class);
    }
}

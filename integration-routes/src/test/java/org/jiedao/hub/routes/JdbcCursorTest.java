package org.jiedao.hub.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

/** The stored form of a JDBC cursor: every value type read over JDBC comes back as a parameter of its own type. */
class JdbcCursorTest {

    private static JdbcCursor roundTrip(Object watermark, Object key) {
        JdbcCursor c = new JdbcCursor("updated_at", "record_id", JdbcCursor.normalise(watermark, "updated_at"),
                JdbcCursor.normalise(key, "record_id"));
        return JdbcCursor.parse(c.toText(), "updated_at", "record_id").orElseThrow();
    }

    @Test
    void timestampsKeepTheirMicrosecondsAndBindAsTimestamps() {
        Timestamp t = Timestamp.valueOf(LocalDateTime.of(2026, 3, 1, 9, 30, 15, 123_456_000));
        JdbcCursor c = roundTrip(t, 42);
        assertThat(c.watermarkParameter()).isEqualTo(t);
        assertThat(c.keyParameter()).isEqualTo(42L);
        assertThat(c.describe()).isEqualTo("updated_at=2026-03-01T09:30:15.123456, record_id=42");
    }

    @Test
    void datesDecimalsTextAndOffsetTimesRoundTrip() {
        assertThat(roundTrip(java.sql.Date.valueOf("2026-03-01"), "A-7").watermarkParameter())
                .isEqualTo(java.sql.Date.valueOf(LocalDate.of(2026, 3, 1)));
        assertThat(roundTrip(new BigDecimal("12345678901234567890.5"), 1L).watermarkParameter())
                .isEqualTo(new BigDecimal("12345678901234567890.5"));
        assertThat(roundTrip(OffsetDateTime.parse("2026-03-01T09:30:00+08:00"), 1L).watermarkParameter())
                .isEqualTo(OffsetDateTime.parse("2026-03-01T09:30:00+08:00"));
        assertThat(roundTrip(7L, "京A12345").keyParameter()).isEqualTo("京A12345");
    }

    @Test
    void aCursorOfOtherColumnsIsIgnoredSoTheSourceIsReadFromTheStart() {
        String text = new JdbcCursor("updated_at", "record_id", 5L, 6L).toText();
        assertThat(JdbcCursor.parse(text, "changed_on", "record_id")).isEmpty();
        assertThat(JdbcCursor.parse(null, "updated_at", "record_id")).isEmpty();
    }

    @Test
    void aNullWatermarkValueIsAnErrorNamingTheColumn() {
        assertThatThrownBy(() -> JdbcCursor.normalise(null, "updated_at")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("updated_at");
        assertThatThrownBy(() -> JdbcCursor.parse("not json", "updated_at", "record_id"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not json");
    }
}

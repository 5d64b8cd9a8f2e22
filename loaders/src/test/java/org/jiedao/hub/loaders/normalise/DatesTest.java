package org.jiedao.hub.loaders.normalise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The date, partialDate and datetime normalisers, through {@link Normalisers#byName(String, ZoneId)}. */
class DatesTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ZoneId URUMQI = ZoneId.of("Asia/Urumqi");

    private static Object n(String name, String raw) throws NormalisationException {
        return Normalisers.byName(name, SHANGHAI).normalise(raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1985-03-07", "1985/3/7", "1985.3.7", "19850307", "1985年3月7日", "1985年03月07日",
        "１９８５年３月７日", "１９８５－０３－０７", "1985 年 3 月 7 日", "1985年3月7", "1985年3月7号", " 1985/03/07 ",
        "1985/3/7 0:00", "1985-03-07 00:00:00"})
    void fullDatesInEveryCommonForm(String raw) throws Exception {
        assertThat(n("date", raw)).isEqualTo(LocalDate.of(1985, 3, 7));
        assertThat(n("partialDate", raw)).isEqualTo(LocalDate.of(1985, 3, 7));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2020年3月   | 2020-03",
        "2020年03月  | 2020-03",
        "2020-03     | 2020-03",
        "2020/3      | 2020-03",
        "2020.3      | 2020-03",
        "202003      | 2020-03",
        "２０２０年１２月 | 2020-12",
        "2020年      | 2020",
        "2020        | 2020"})
    void partialDatesKeepTheirPrecision(String raw, String expected) throws Exception {
        Object v = n("partialDate", raw);
        assertThat(v).isEqualTo(expected); // ISO 8601 reduced precision, never a LocalDate on the 1st
    }

    @ParameterizedTest
    @ValueSource(strings = {"2020年3月", "2020-03", "2020年", "2020"})
    void aFullDateFieldRefusesAPartialDateInsteadOfInventingTheDay(String raw) {
        assertThatThrownBy(() -> n("date", raw)).isInstanceOf(NormalisationException.class)
                .hasMessageContaining("is partial").hasMessageContaining("不完整").hasMessageContaining("partialDate");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2021-02-29     | 2021-02 has no day 29",
        "1985-02-30     | 1985-02 has no day 30",
        "19851301       | there is no month 13",
        "1985年13月1日  | there is no month 13",
        "2020年13月     | there is no month 13",
        "2020-00        | there is no month 0",
        "1985-3/7       | not in a known form",
        "85-03-07       | not in a known form",
        "March 7        | not in a known form"})
    void impossibleOrUnknownDatesAreErrorsNamingTheValue(String raw, String reason) {
        for (String name : new String[] {"date", "partialDate"}) {
            assertThatThrownBy(() -> n(name, raw)).as(name)
                    .isInstanceOf(NormalisationException.class)
                    .hasMessageContaining(reason)
                    .hasMessageContaining(raw.strip());
        }
    }

    @Test
    void aDateWithATimeOfDayIsNotADate() {
        assertThatThrownBy(() -> n("date", "1985-03-07 14:22")).hasMessageContaining("has a time of day");
    }

    @Test
    void leapDays() throws Exception {
        assertThat(n("date", "2000/2/29")).isEqualTo(LocalDate.of(2000, 2, 29));
        assertThat(n("date", "2024年2月29日")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThatThrownBy(() -> n("date", "1900-02-29")).hasMessageContaining("has no day 29");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2024-03-01 08:30:00      | 2024-03-01T08:30+08:00",
        "2024-03-01T08:30:00      | 2024-03-01T08:30+08:00",
        "2024/3/1 8:30            | 2024-03-01T08:30+08:00",
        "2024年3月1日 8时30分     | 2024-03-01T08:30+08:00",
        "2024年3月1日8点30分15秒  | 2024-03-01T08:30:15+08:00",
        "2024年3月1日 14:22       | 2024-03-01T14:22+08:00",
        "２０２４－０３－０１　０８：３０：００ | 2024-03-01T08:30+08:00",
        "2024-03-01 08:30:00.123  | 2024-03-01T08:30:00.123+08:00",
        "2024-03-01               | 2024-03-01T00:00+08:00",
        "20240301                 | 2024-03-01T00:00+08:00"})
    void timestampsWithoutOffsetAreReadInTheSourceZone(String raw, String expected) throws Exception {
        assertThat(n("datetime", raw)).isEqualTo(OffsetDateTime.parse(expected));
    }

    @Test
    void theSameLocalTimeInAnotherZoneIsAnotherInstant() throws Exception {
        OffsetDateTime shanghai = (OffsetDateTime) Normalisers.byName("datetime", SHANGHAI).normalise("2024-03-01 08:30");
        OffsetDateTime urumqi = (OffsetDateTime) Normalisers.byName("datetime", URUMQI).normalise("2024-03-01 08:30");
        assertThat(urumqi).isEqualTo(OffsetDateTime.parse("2024-03-01T08:30+06:00"));
        assertThat(urumqi.toInstant()).isEqualTo(shanghai.toInstant().plusSeconds(2 * 3600));
        // the one-argument form reads in Asia/Shanghai
        assertThat(Normalisers.byName("datetime").normalise("2024-03-01 08:30")).isEqualTo(shanghai);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2024-03-01T00:30:00Z       | 2024-03-01T00:30Z",
        "2024-03-01T08:30:00+08:00  | 2024-03-01T08:30+08:00",
        "2024-03-01 02:30:00+0200   | 2024-03-01T02:30+02:00",
        "2024-03-01T09:30+09        | 2024-03-01T09:30+09:00"})
    void timestampsWithAnOffsetKeepTheirInstant(String raw, String expected) throws Exception {
        OffsetDateTime v = (OffsetDateTime) Normalisers.byName("datetime", URUMQI).normalise(raw);
        assertThat(v).isEqualTo(OffsetDateTime.parse(expected));
        assertThat(v.toInstant()).isEqualTo(OffsetDateTime.parse(expected).toInstant());
    }

    @Test
    void epochMillisecondsAreAnInstant() throws Exception {
        // 1709253000000 ms = 2024-03-01T00:30:00Z
        assertThat(n("datetime", "1709253000000")).isEqualTo(OffsetDateTime.parse("2024-03-01T08:30+08:00"));
    }

    @Test
    void shanghaiDaylightSavingOf1988IsHonoured() throws Exception {
        // China kept summer time 1986-1991; on 1988-04-17 clocks went from 02:00 to 03:00 (IANA tz database)
        assertThat(n("datetime", "1988-07-01 12:00")).isEqualTo(OffsetDateTime.parse("1988-07-01T12:00+09:00"));
        assertThatThrownBy(() -> n("datetime", "1988-04-17 02:30")).hasMessageContaining("does not exist in zone");
    }

    @Test
    void impossibleTimestampsAreErrors() {
        assertThatThrownBy(() -> n("datetime", "2026-11-03 24:00")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> n("datetime", "2026-11-31 10:00")).hasMessageContaining("2026-11 has no day 31");
        assertThatThrownBy(() -> n("datetime", "2026-11-03 10")).hasMessageContaining("not in a known form");
        assertThatThrownBy(() -> n("datetime", "2026-11")).hasMessageContaining("not in a known form");
        assertThatThrownBy(() -> n("datetime", "2026-11-03T10:00+19:00")).hasMessageContaining("offset");
        assertThatThrownBy(() -> n("datetime", "170925300000")).hasMessageContaining("not in a known form");
    }
}

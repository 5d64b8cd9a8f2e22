package org.jiedao.hub.loaders.normalise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The phone normaliser: E.164 via libphonenumber, service numbers kept. */
class PhoneNumbersTest {

    private static Object phone(String raw) throws NormalisationException {
        return Normalisers.byName("phone").normalise(raw);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "13912345678          | +8613912345678",
        "139 1234 5678        | +8613912345678",
        "139-1234-5678        | +8613912345678",
        "+86 139 1234 5678    | +8613912345678",
        "+8613912345678       | +8613912345678",
        "8613912345678        | +8613912345678",
        "0086 13912345678     | +8613912345678",
        "+86-139-1234-5678    | +8613912345678",
        "１３９１２３４５６７８ | +8613912345678",
        "19912345678          | +8619912345678"})
    void mainlandMobiles(String raw, String e164) throws Exception {
        assertThat(phone(raw)).isEqualTo(e164);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "010-12345678         | +861012345678",
        "(010)12345678        | +861012345678",
        "（010）12345678      | +861012345678",
        "01012345678          | +861012345678",
        "010 6601 2345        | +861066012345",
        "+86 10 6601 2345     | +861066012345",
        "0086-10-66012345     | +861066012345",
        "0755-12345678        | +8675512345678",
        "0571-12345678        | +8657112345678"})
    void landlinesWithTheirAreaCode(String raw, String e164) throws Exception {
        assertThat(phone(raw)).isEqualTo(e164);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "010-66012345 转 123   | +861066012345;ext=123",
        "010-66012345转8001    | +861066012345;ext=8001",
        "010-66012345-123      | +861066012345;ext=123",
        "010-66012345 ext. 12  | +861066012345;ext=12",
        "(010)66012345 分机 5  | +861066012345;ext=5"})
    void landlineExtensionsAreKeptAsInRfc3966(String raw, String expected) throws Exception {
        assertThat(phone(raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"12345, 12345", "１２３４５, 12345", "110, 110", "120, 120", "12315, 12315", "95588, 95588",
        "10086, 10086"})
    void serviceNumbersAreKeptAsDialled(String raw, String expected) throws Exception {
        assertThat(phone(raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1 650 253 0000", "+44 20 7946 0958"})
    void foreignNumbersWithTheirCountryCodeAreKept(String raw) throws Exception {
        assertThat((String) phone(raw)).startsWith("+").doesNotContain(" ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12800138000", "1380013800", "139123456789", "66012345", "0571-1234567", "99999",
        "tel 13912345678", "139 1234 5678 ext 12", "N/A", "+86"})
    void invalidNumbersAreErrorsInBothLanguages(String raw) {
        assertThatThrownBy(() -> phone(raw)).isInstanceOf(NormalisationException.class)
                .hasMessageContaining("phone number").hasMessageContaining("电话号码");
    }
}

package org.jiedao.hub.loaders.normalise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdNumberTest {

    /**
     * Rows of id_test_vectors.csv whose {@code source_asserts} is not a plain "valid"/"invalid", and what
     * GB 11643 says about them. {@code true} = accepted.
     */
    private static final Map<String, Boolean> DECIDED_HERE = Map.of(
            // "valid (hutool)": 15-digit, 19 + 200403 = 1920-04-03 is a real date; GB 11643 agrees.
            "330102200403064", true,
            // "valid (hutool)": 15 digits carry no check character; 1911-11-11 is a real date and the address code
            // 111111 is unknown, which the data README says is a warning for the caller, not a rejection. Accepted,
            // like hutool; the weakness of 15-digit validation is inherent in GB 11643-1989.
            "111111111111111", true,
            // "invalid when case-strict": we are deliberately case-insensitive (sources write x); canonical is X.
            "33010219200403064x", true,
            // "regex-only": the check character is wrong (should be 5) -> rejected.
            "622223199912051311", false,
            // "regex-only": the check character is wrong (should be 6) -> rejected.
            "12345619991205131x", false,
            // "regex-only": 15-digit, 1999-10-10 is a real date, address 123456 unknown (warning only) -> accepted.
            "123456991010193", true);

    /** 15 -> 18 conversions stated in the vectors file. */
    private static final Map<String, String> CONVERSIONS = Map.of(
            "150102880730303", "150102198807303035",
            "330102200403064", "33010219200403064X");

    static Stream<Arguments> vectors() {
        return Vectors.read("id_test_vectors.csv").stream()
                .map(r -> Arguments.of(r.get("id_number"), r.get("source_asserts"), r));
    }

    private static boolean expectedValid(String id, String asserts) {
        if (DECIDED_HERE.containsKey(id)) {
            return DECIDED_HERE.get(id);
        }
        return switch (asserts) {
            case "valid", "valid by construction" -> true;
            case "invalid" -> false;
            default -> throw new AssertionError("row " + id + " (" + asserts + ") needs a decision in DECIDED_HERE");
        };
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("vectors")
    void everyVectorRow(String id, String asserts, CSVRecord row) throws Exception {
        if (!row.get("computed_check_char").isEmpty() && id.substring(0, 17).chars().allMatch(Character::isDigit)) {
            assertThat(IdNumber.checkCharacter(id.substring(0, 17)))
                    .as("check character of %s", id).isEqualTo(row.get("computed_check_char").charAt(0));
        }
        if (expectedValid(id, asserts)) {
            IdNumber n = IdNumber.parse(id);
            assertThat(n.value()).hasSize(18);
            assertThat(n.convertedFrom15()).isEqualTo(id.length() == 15);
            if (id.length() == 18) {
                assertThat(n.value()).isEqualTo(id.toUpperCase());
            } else {
                String expected = CONVERSIONS.getOrDefault(id, null);
                String first17 = id.substring(0, 6) + "19" + id.substring(6);
                assertThat(n.value()).isEqualTo(first17 + IdNumber.checkCharacter(first17));
                if (expected != null) {
                    assertThat(n.value()).isEqualTo(expected);
                }
            }
        } else {
            assertThatThrownBy(() -> IdNumber.parse(id))
                    .isInstanceOf(NormalisationException.class)
                    .hasMessageContaining(id.toUpperCase());
        }
    }

    @Test
    void vectorFileIsComplete() {
        assertThat(Vectors.read("id_test_vectors.csv")).hasSize(23);
    }

    @Test
    void exposesTheFieldsOfTheNumber() throws Exception {
        IdNumber n = IdNumber.parse("321083197812162119");
        assertThat(n.addressCode()).isEqualTo("321083");
        assertThat(n.birthDate()).isEqualTo(LocalDate.of(1978, 12, 16));
        assertThat(n.genderCode()).isEqualTo("1");
        assertThat(n.convertedFrom15()).isFalse();
        assertThat(n.masked()).isEqualTo("321083********2119");
        assertThat(n.toString()).isEqualTo(n.masked());

        IdNumber f = IdNumber.parse("11010219851231002X");
        assertThat(f.genderCode()).isEqualTo("2");
        assertThat(f.masked()).isEqualTo("110102********002X");
    }

    @Test
    void convertsTheOld15DigitForm() throws Exception {
        IdNumber n = IdNumber.parse("150102880730303");
        assertThat(n.value()).isEqualTo("150102198807303035");
        assertThat(n.convertedFrom15()).isTrue();
        assertThat(n.birthDate()).isEqualTo(LocalDate.of(1988, 7, 30));
        assertThat(n.genderCode()).isEqualTo("1");
        assertThat(n).isEqualTo(IdNumber.parse("150102198807303035"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "１１０１０２１９９００１０１００１１", // full-width digits
        " 110102199001010011 ", // surrounding spaces
        "110102 19900101 0011", // grouped
        "110102\u300019900101\u30000011", // ideographic spaces
        "\t110102199001010011\n"})
    void acceptsFullWidthAndSpaces(String raw) throws Exception {
        assertThat(IdNumber.parse(raw).value()).isEqualTo("110102199001010011");
    }

    @Test
    void acceptsLowerCaseAndFullWidthX() throws Exception {
        assertThat(IdNumber.parse("11010219851231002x").value()).isEqualTo("11010219851231002X");
        assertThat(IdNumber.parse("11010219851231002Ｘ").value()).isEqualTo("11010219851231002X");
        assertThat(IdNumber.parse("11010219851231002ｘ").value()).isEqualTo("11010219851231002X");
    }

    @Test
    void wrongCheckCharacterSaysWhichIsRight() {
        assertThatThrownBy(() -> IdNumber.parse("11010219900101001X"))
                .isInstanceOf(NormalisationException.class)
                .hasMessage("ID number 11010219900101001X: check character should be 1 (GB 11643-1999)");
    }

    @Test
    void rejectsBadShapes() {
        assertThatThrownBy(() -> IdNumber.parse("11010219900101001")).hasMessageContaining("found 17");
        assertThatThrownBy(() -> IdNumber.parse("1101021990010100111")).hasMessageContaining("found 19");
        assertThatThrownBy(() -> IdNumber.parse("1101021990010100X1")).hasMessageContaining("must be a digit");
        assertThatThrownBy(() -> IdNumber.parse("11010219900101001Y")).hasMessageContaining("digit or X");
        assertThatThrownBy(() -> IdNumber.parse("11010290010100X")).hasMessageContaining("digits only");
        assertThatThrownBy(() -> IdNumber.parse("  ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> IdNumber.parse(null)).isInstanceOf(NormalisationException.class);
    }

    @Test
    void rejectsImpossibleBirthDates() {
        // 1990-02-30, 1900-02-29 (not a leap year), month 13; check characters are valid so only the date fails
        for (String first17 : new String[] {"11010219900230001", "11010219000229001", "11010219901301001"}) {
            String id = first17 + IdNumber.checkCharacter(first17);
            assertThatThrownBy(() -> IdNumber.parse(id)).hasMessageContaining("does not exist");
        }
        String old = "11010218000101001"; // before the plausibility bound
        assertThatThrownBy(() -> IdNumber.parse(old + IdNumber.checkCharacter(old))).hasMessageContaining("implausible");
    }

    @Test
    void rejectsFutureBirthDates() throws Exception {
        Clock today = Clock.fixed(Instant.parse("2026-11-29T04:00:00Z"), ZoneId.of("Asia/Shanghai"));
        assertThat(IdNumber.parse("110102202611290019", today).birthDate()).isEqualTo(LocalDate.of(2026, 11, 29));
        assertThatThrownBy(() -> IdNumber.parse("110102202611300010", today))
                .hasMessage("ID number 110102202611300010: birth date 2026-11-30 is in the future");
    }

    @Test
    void checkCharacterFollowsIso7064() {
        assertThat(IdNumber.checkCharacter("11010219900101001")).isEqualTo('1');
        assertThat(IdNumber.checkCharacter("33010219200403064")).isEqualTo('X');
        assertThat(IdNumber.checkCharacter("11111119111111111")).isEqualTo('3');
        assertThatThrownBy(() -> IdNumber.checkCharacter("1101021990010100")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IdNumber.checkCharacter("1101021990010100A")).isInstanceOf(IllegalArgumentException.class);
    }
}

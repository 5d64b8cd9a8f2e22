package org.jiedao.hub.loaders.normalise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PlateTest {

    /**
     * Rows of plate_test_vectors.csv decided differently from {@code source_asserts}, with the reason.
     * {@code true} = accepted.
     */
    private static final Map<String, Boolean> DECIDED_HERE = Map.of(
            // source: invalid because Z is not an assigned authority letter for 鲁. That is a semantic check against
            // a per-province authority table; the tables in circulation are incomplete (e.g. they lack 苏U, Suzhou),
            // so Plate checks the GA 36-2018 syntax only and accepts the plate rather than reject real ones.
            "鲁Z12345", true);

    static Stream<Arguments> vectors() {
        return Vectors.read("plate_test_vectors.csv").stream()
                .map(r -> Arguments.of(r.get("plate"), r.get("source_asserts"), r));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("vectors")
    void everyVectorRow(String plate, String asserts, CSVRecord row) throws Exception {
        boolean valid = DECIDED_HERE.getOrDefault(plate, switch (asserts) {
            case "valid" -> true;
            case "invalid" -> false;
            default -> throw new AssertionError("row " + plate + " needs a decision");
        });
        if (valid) {
            Plate p = Plate.parse(plate);
            assertThat(p.value()).isEqualTo(plate);
            // 8 characters = new-energy (京AA92035 is labelled "7+1?" in the file: it is a small new-energy plate whose
            // serial starts with A, a pure-electric letter since the 2021 extension of GA 36-2018).
            assertThat(p.newEnergy()).as("new energy").isEqualTo(plate.length() == 8);
            if (row.get("category").contains("new-energy")) {
                assertThat(p.newEnergy()).isTrue();
            }
        } else {
            assertThatThrownBy(() -> Plate.parse(plate))
                    .isInstanceOf(NormalisationException.class)
                    .hasMessageContaining("GA 36-2018");
        }
    }

    @Test
    void vectorFileIsComplete() {
        assertThat(Vectors.read("plate_test_vectors.csv")).hasSize(23);
    }

    @ParameterizedTest
    @ValueSource(strings = {"京A·12345", "京A 12345", "京a12345", "京Ａ１２３４５", "京Ａ・１２３４５", "京A•12345",
        "京A.12345", "京A-12345", "京A．12345", " 京 A 1 2 3 4 5 ", "京A\u300012345", "京ａ·12345"})
    void acceptsSeparatorsCaseAndFullWidth(String raw) throws Exception {
        Plate p = Plate.parse(raw);
        assertThat(p.value()).isEqualTo("京A12345");
        assertThat(p.display()).isEqualTo("京A·12345");
        assertThat(p.newEnergy()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "京AD12345, 京AD12345, 京A·D12345, true",
        "京a·df1234, 京ADF1234, 京A·DF1234, true",
        "京A12345D, 京A12345D, 京A·12345D, true",
        "粤B·12345F, 粤B12345F, 粤B·12345F, true",
        "京A1234警, 京A1234警, 京A·1234警, false",
        "冀A·1234挂, 冀A1234挂, 冀A·1234挂, false",
        "京A1234学, 京A1234学, 京A·1234学, false",
        "粤Z·1234港, 粤Z1234港, 粤Z·1234港, false",
        "粤Z1234澳, 粤Z1234澳, 粤Z·1234澳, false",
        "沪A·1234领, 沪A1234领, 沪A·1234领, false",
        "闽20401领, 闽20401领, 闽20401领, false",
        "使014·578, 使014578, 使014578, false",
        "鲁O12345, 鲁O12345, 鲁O·12345, false"})
    void acceptsTheGa36Forms(String raw, String value, String display, boolean newEnergy) throws Exception {
        Plate p = Plate.parse(raw);
        assertThat(p.value()).isEqualTo(value);
        assertThat(p.display()).isEqualTo(display);
        assertThat(p.newEnergy()).isEqualTo(newEnergy);
    }

    @Test
    void rejectsWithAReason() {
        assertThatThrownBy(() -> Plate.parse("京A12O45")).hasMessageContaining("letter O is never used");
        assertThatThrownBy(() -> Plate.parse("京AI12345")).hasMessageContaining("letter I is never used");
        assertThatThrownBy(() -> Plate.parse("港A12345")).hasMessageContaining("not a province abbreviation");
        assertThatThrownBy(() -> Plate.parse("A12345")).hasMessageContaining("not a province abbreviation");
        assertThatThrownBy(() -> Plate.parse("京AL12345")).hasMessageContaining("new-energy");
        assertThatThrownBy(() -> Plate.parse("京A1234D5")).hasMessageContaining("new-energy");
        assertThatThrownBy(() -> Plate.parse("使12345")).hasMessageContaining("使 followed by 6 digits");
        assertThatThrownBy(() -> Plate.parse("京A1234车")).hasMessageContaining("警 挂 学 港 澳 领");
        assertThatThrownBy(() -> Plate.parse("")).hasMessageContaining("empty");
        // two province abbreviations (a typing slip or a plate of the old double-character form) are refused
        assertThatThrownBy(() -> Plate.parse("京京A12345")).hasMessageContaining("letter of the issuing authority");
        assertThatThrownBy(() -> Plate.parse("京沪A1234")).hasMessageContaining("letter of the issuing authority");
        assertThatThrownBy(() -> Plate.parse("京A·DI1234")).hasMessageContaining("letter I is never used");
        assertThatThrownBy(() -> Plate.parse("京A1234O")).hasMessageContaining("letter O is never used");
        assertThatThrownBy(() -> Plate.parse("京A123456")).hasMessageContaining("new-energy");
        assertThatThrownBy(() -> Plate.parse("京A1234567")).hasMessageContaining("too long");
        assertThatThrownBy(() -> Plate.parse("京A1234")).hasMessageContaining("too short");
        assertThatThrownBy(() -> Plate.parse("·")).isInstanceOf(NormalisationException.class);
    }
}

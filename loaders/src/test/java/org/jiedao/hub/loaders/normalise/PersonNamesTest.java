package org.jiedao.hub.loaders.normalise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The name and nameKey normalisers. */
class PersonNamesTest {

    private static Object n(String name, String raw) throws NormalisationException {
        return Normalisers.byName(name).normalise(raw);
    }

    /** Every middle-dot look-alike seen in registers between the parts of 阿依古丽·买买提. */
    @ParameterizedTest
    @ValueSource(strings = {"阿依古丽·买买提", "阿依古丽•买买提", "阿依古丽.买买提", "阿依古丽．买买提", "阿依古丽・买买提",
        "阿依古丽･买买提", "阿依古丽‧买买提", "阿依古丽·买买提", "阿依古丽∙买买提", "阿依古丽⋅买买提", "阿依古丽⸱买买提",
        "阿依古丽ㆍ买买提", "阿依古丽 · 买买提", "阿依古丽 ·· 买买提", "　阿依古丽·买买提　"})
    void middleDotsBecomeU00B7(String raw) throws Exception {
        assertThat(n("name", raw)).isEqualTo("阿依古丽\u00B7买买提");
        assertThat(n("nameKey", raw)).isEqualTo("阿依古丽买买提");
    }

    @ParameterizedTest
    @CsvSource({"'張 偉', 張偉, 张伟", "'张伟', 张伟, 张伟", "'張偉', 張偉, 张伟", "'歐陽 修遠', 歐陽修遠, 欧阳修远",
        "'鍾 麗華', 鍾麗華, 钟丽华", "'ＬＩ  Ｍｉｎｇ', LI Ming, LIMING", "'J. R. Smith', J. R. Smith, J.R.SMITH"})
    void traditionalNamesAreKeptAsFoundWithASimplifiedKey(String raw, String name, String key) throws Exception {
        assertThat(n("name", raw)).isEqualTo(name);
        assertThat(n("nameKey", raw)).isEqualTo(key);
    }

    @Test
    void theSamePersonWrittenTwoWaysHasOneKey() throws Exception {
        assertThat(n("nameKey", "買買提·艾力")).isEqualTo(n("nameKey", "买买提 艾力"));
        assertThat(n("name", "買買提·艾力")).isNotEqualTo(n("name", "买买提 艾力"));
    }

    @Test
    void aNameOfSeparatorsOnlyHasNoKey() {
        assertThatThrownBy(() -> n("nameKey", "··")).isInstanceOf(NormalisationException.class)
                .hasMessageContaining("nothing but separators");
    }
}

package org.jiedao.hub.loaders.normalise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class NormalisersTest {

    private static Object n(String name, String raw) throws NormalisationException {
        return Normalisers.byName(name).normalise(raw);
    }

    static java.util.Set<String> allNames() {
        return Normalisers.names();
    }

    @Test
    void knowsItsNames() {
        assertThat(Normalisers.names()).containsExactly("text", "name", "nameKey", "idNumber", "plate", "date",
                "partialDate", "datetime", "gender", "relationToHead", "address", "addressRoad", "addressNumber",
                "addressBuilding", "addressUnit", "addressRoom", "addressDivision", "addressCommunity", "phone",
                "integer", "code", "decimal", "pinyin");
        assertThatThrownBy(() -> Normalisers.byName("phone", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Normalisers.byName("idnumber"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown normaliser 'idnumber'")
                .hasMessageContaining("idNumber, plate");
        assertThatThrownBy(() -> Normalisers.byName(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Normalisers.names().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @MethodSource("allNames")
    void blankIsMissingNeverAnError(String name) throws Exception {
        assertThat(n(name, null)).isNull();
        assertThat(n(name, "")).isNull();
        assertThat(n(name, "  \t ")).isNull();
        assertThat(n(name, "\u3000")).isNull(); // ideographic space
    }

    @Test
    void textIsNfkcWithWhitespaceCollapsed() throws Exception {
        assertThat(n("text", "  Ｈｅｌｌｏ　　ｗｏｒｌｄ １２３ ")).isEqualTo("Hello world 123");
        assertThat(n("text", "府右街\n\t 12号")).isEqualTo("府右街 12号");
        assertThat(n("text", "（北京）")).isEqualTo("(北京)");
    }

    @ParameterizedTest
    @CsvSource({
        "'张 三', 张三",
        "' 张　三 ', 张三",
        "'欧阳 修远', 欧阳修远",
        "'买买提·艾力', 买买提·艾力",
        "'买买提•艾力', 买买提·艾力",
        "'买买提.艾力', 买买提·艾力",
        "'买买提．艾力', 买买提·艾力",
        "'买买提・艾力', 买买提·艾力",
        "'买买提 · 艾力', 买买提·艾力",
        "'阿卜杜拉··艾合买提', 阿卜杜拉·艾合买提",
        "'ＬＩ  Ｍｉｎｇ', LI Ming",
        "'J. R. Smith', J. R. Smith"})
    void names(String raw, String expected) throws Exception {
        assertThat(n("name", raw)).isEqualTo(expected);
    }

    @Test
    void idNumberAndPlateGiveCanonicalStrings() throws Exception {
        assertThat(n("idNumber", "１１０１０２１９８５１２３１００２ｘ")).isEqualTo("11010219851231002X");
        assertThat(n("idNumber", "150102880730303")).isEqualTo("150102198807303035");
        assertThatThrownBy(() -> n("idNumber", "110102199001010012"))
                .isInstanceOf(NormalisationException.class)
                .hasMessage("ID number 110102199001010012: check character should be 1 (GB 11643-1999)");
        assertThat(n("plate", "京ａ·１２３４５")).isEqualTo("京A12345");
        assertThatThrownBy(() -> n("plate", "哈A12345")).isInstanceOf(NormalisationException.class);
    }

    @ParameterizedTest
    @CsvSource({"男, 1", "男性, 1", "M, 1", "m, 1", "Male, 1", "MALE, 1", "1, 1", "１, 1", "Ｍ, 1",
        "女, 2", "女性, 2", "F, 2", "female, 2", "2, 2",
        "未知, 0", "0, 0", "未说明, 9", "9, 9", "' 男 ', 1"})
    void gender(String raw, String code) throws Exception {
        assertThat(n("gender", raw)).isEqualTo(code);
    }

    @ParameterizedTest
    @ValueSource(strings = {"X", "3", "男女", "unknown"})
    void unknownGenderIsRejected(String raw) {
        assertThatThrownBy(() -> n("gender", raw)).hasMessageContaining("GB/T 2261.1-2003");
    }

    @ParameterizedTest
    @CsvSource({"户主, 户主", "本人, 户主", "配偶, 配偶", "妻, 配偶", "妻子, 配偶", "夫, 配偶", "丈夫, 配偶",
        "子, 子", "儿子, 子", "长子, 子", "次子, 子", "女, 女", "女儿, 女", "长女, 女", "次女, 女",
        "父亲, 父亲", "父, 父亲", "母亲, 母亲", "母, 母亲", "孙子, 孙子", "孙女, 孙女",
        "兄, 兄", "弟, 弟", "兄弟, 兄弟姐妹", "姐, 姐姐", "妹, 妹妹", "姐妹, 兄弟姐妹",
        "儿媳, 儿媳", "女婿, 女婿", "祖父, 祖父", "祖母, 祖母", "其他, 其他", "' 妻 子 ', 配偶",
        "02, 户主", "10, 配偶", "12, 配偶", "22, 子", "52, 母亲"})
    void relationToHead(String raw, String term) throws Exception {
        assertThat(n("relationToHead", raw)).isEqualTo(term);
    }

    @ParameterizedTest
    @ValueSource(strings = {"朋友", "老板", "03", "head"})
    void unknownRelationIsRejected(String raw) {
        assertThatThrownBy(() -> n("relationToHead", raw)).hasMessageContaining("GB/T 4761-2008");
    }

    @Test
    void familyRelationCodes() throws Exception {
        assertThat(FamilyRelation.of("户主").code()).isEqualTo("02");
        assertThat(FamilyRelation.of("配偶").code()).isEqualTo("10");
        assertThat(FamilyRelation.of("子").code()).isEqualTo("20");
        assertThat(FamilyRelation.of("女").code()).isEqualTo("30");
        assertThat(FamilyRelation.of("孙子").code()).isEqualTo("41");
        assertThat(FamilyRelation.of("孙女").code()).isEqualTo("42");
        assertThat(FamilyRelation.of("父亲").code()).isEqualTo("51");
        assertThat(FamilyRelation.of("母亲").code()).isEqualTo("52");
        assertThat(FamilyRelation.of("兄").code()).isEqualTo("71");
        assertThat(FamilyRelation.of("弟").code()).isEqualTo("73");
        assertThat(FamilyRelation.of("非亲属").code()).isEqualTo("99");
    }

    @Test
    void integers() throws Exception {
        assertThat(n("integer", "42")).isEqualTo(42L);
        assertThat(n("integer", " -7 ")).isEqualTo(-7L);
        assertThat(n("integer", "+7")).isEqualTo(7L);
        assertThat(n("integer", "１２３")).isEqualTo(123L);
        assertThat(n("integer", "1,234,567")).isEqualTo(1234567L);
        assertThatThrownBy(() -> n("integer", "1.5")).hasMessageContaining("not an integer");
        assertThatThrownBy(() -> n("integer", "12,34")).hasMessageContaining("not an integer");
        assertThatThrownBy(() -> n("integer", "三")).hasMessageContaining("not an integer");
        assertThatThrownBy(() -> n("integer", "99999999999999999999")).hasMessageContaining("out of range");
    }

    @Test
    void codes() throws Exception {
        assertThat(n("code", " 110102001 ")).isEqualTo("110102001");
        assertThat(n("code", "ａｂ１２")).isEqualTo("AB12");
        assertThat(n("code", "hh0042")).isEqualTo("HH0042");
        assertThatThrownBy(() -> n("code", "1101-02")).hasMessageContaining("only letters A-Z and digits");
        assertThatThrownBy(() -> n("code", "1101 02")).isInstanceOf(NormalisationException.class);
        assertThatThrownBy(() -> n("code", "户123")).isInstanceOf(NormalisationException.class);
    }
}

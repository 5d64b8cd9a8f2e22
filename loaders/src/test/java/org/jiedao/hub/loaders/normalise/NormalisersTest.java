package org.jiedao.hub.loaders.normalise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
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
        assertThat(Normalisers.names()).containsExactly("text", "name", "idNumber", "plate", "date", "datetime",
                "gender", "relationToHead", "address", "phone", "integer", "code", "decimal");
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
    @ValueSource(strings = {"1985-03-07", "1985/3/7", "1985.3.7", "19850307", "1985年3月7日", "1985年03月07日",
        "１９８５年３月７日", "１９８５－０３－０７", "1985 年 3 月 7 日", "1985年3月7", " 1985/03/07 ", "1985/3/7 0:00",
        "1985-03-07 00:00:00"})
    void dates(String raw) throws Exception {
        assertThat(n("date", raw)).isEqualTo(LocalDate.of(1985, 3, 7));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1985-02-30 | 1985-02 has no day 30",
        "1985/2/29  | 1985-02 has no day 29",
        "19851301   | there is no month 13",
        "1985年13月1日 | there is no month 13",
        "1985-3/7   | not in a known form",
        "85-03-07   | not in a known form",
        "1985-03-07 14:22 | has a time of day",
        "March 7    | not in a known form"})
    void impossibleOrUnknownDatesAreRejectedWithTheReason(String raw, String reason) {
        assertThatThrownBy(() -> n("date", raw))
                .isInstanceOf(NormalisationException.class)
                .hasMessageContaining(reason)
                .hasMessageContaining(raw);
    }

    @Test
    void leapDay() throws Exception {
        assertThat(n("date", "2000/2/29")).isEqualTo(LocalDate.of(2000, 2, 29));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2026-11-03 14:22:05     | 2026-11-03T14:22:05",
        "2026-11-03T14:22:05     | 2026-11-03T14:22:05",
        "2026/11/3 14:22         | 2026-11-03T14:22",
        "2026年11月3日 14:22      | 2026-11-03T14:22",
        "2026年11月3日14:22       | 2026-11-03T14:22",
        "２０２６－１１－０３　１４：２２：０５ | 2026-11-03T14:22:05",
        "2026-11-03 14:22:05.123 | 2026-11-03T14:22:05.123",
        "2026-11-03              | 2026-11-03T00:00",
        "20261103                | 2026-11-03T00:00"})
    void dateTimes(String raw, String expected) throws Exception {
        assertThat(n("datetime", raw)).isEqualTo(LocalDateTime.parse(expected));
    }

    @Test
    void impossibleDateTimesAreRejected() {
        assertThatThrownBy(() -> n("datetime", "2026-11-03 24:00")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> n("datetime", "2026-11-31 10:00")).hasMessageContaining("2026-11 has no day 31");
        assertThatThrownBy(() -> n("datetime", "2026-11-03 10")).hasMessageContaining("not in a known form");
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
    void addressesWithAndWithoutPrefixesAreEqual() throws Exception {
        String expected = "府右街12号院3号楼2单元401";
        assertThat(n("address", "北京市西城区 府右街１２号院3号楼2单元401室")).isEqualTo(expected);
        assertThat(n("address", "西城区府右街12号院3号楼2单元401")).isEqualTo(expected);
        assertThat(n("address", "北京西城区西长安街街道府右街12号院 3号楼 2单元 401室")).isEqualTo(expected);
        assertThat(n("address", "北京市市辖区西城区府右街１２号院３号楼２单元４０１")).isEqualTo(expected);
        assertThat(n("address", "府右街12号院3号楼2单元401室")).isEqualTo(expected);
    }

    @Test
    void addressKeepsChineseNumeralsAndInnerText() throws Exception {
        assertThat(n("address", "西城区府右街十二号院三号楼")).isEqualTo("府右街十二号院三号楼");
        assertThat(n("address", "北京市西城区")).isEqualTo("西城区"); // nothing left to strip to
        assertThat(n("address", "金融街小区1号楼101室")).isEqualTo("金融街小区1号楼101");
        assertThat(n("address", "府右街12号会议室")).isEqualTo("府右街12号会议室"); // 室 not after a number
    }

    @ParameterizedTest
    @CsvSource({
        "13800138000, 13800138000",
        "138 0013 8000, 13800138000",
        "138-0013-8000, 13800138000",
        "+86 138 0013 8000, 13800138000",
        "+8613800138000, 13800138000",
        "8613800138000, 13800138000",
        "0086 13800138000, 13800138000",
        "１３８００１３８０００, 13800138000",
        "010-66012345, 01066012345",
        "(010) 6601 2345, 01066012345",
        "+86 10 6601 2345, 01066012345",
        "0755-12345678, 075512345678",
        "0571-1234567, 05711234567"})
    void phones(String raw, String expected) throws Exception {
        assertThat(n("phone", raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12800138000", "1380013800", "66012345", "12345", "138001380001", "tel 13800138000",
        "138 0013 8000 ext 12"})
    void badPhonesAreRejected(String raw) {
        assertThatThrownBy(() -> n("phone", raw)).isInstanceOf(NormalisationException.class)
                .hasMessageContaining("phone number");
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

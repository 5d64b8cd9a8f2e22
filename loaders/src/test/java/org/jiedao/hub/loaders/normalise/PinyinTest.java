package org.jiedao.hub.loaders.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pinyin normaliser (search text of names and addresses) and the query tokens matched against it. */
class PinyinTest {

    private static String pinyin(String raw) throws NormalisationException {
        return (String) Normalisers.byName("pinyin").normalise(raw);
    }

    @Test
    void aNameGivesItsSyllablesTheirJoinsAndItsInitials() throws Exception {
        assertThat(pinyin("林晓雨")).isEqualTo("lin xiao yu linxiao xiaoyu linxiaoyu lxy");
    }

    @Test
    void traditionalCharactersAndFullWidthFormsGiveTheSameText() throws Exception {
        assertThat(pinyin("林曉雨")).isEqualTo(pinyin("林晓雨"));
        assertThat(pinyin(" 林 晓 雨 ")).contains("lin xiao yu");
    }

    /** Every way a resident types the name finds it: all query tokens are tokens of the stored text. */
    @ParameterizedTest
    @ValueSource(strings = {"linxiaoyu", "lin xiao yu", "Lin Xiaoyu", "LXY", "xiaoyu", "Lín Xiǎoyǔ", "林xiaoyu", "ｌｉｎ　ｘｉａｏｙｕ"})
    void everyTypedFormOfTheNameIsMatchedTokenByToken(String typed) throws Exception {
        List<String> stored = List.of(pinyin("林晓雨").split(" "));
        assertThat(Pinyin.queryTerms(typed)).isNotEmpty().allSatisfy(t -> assertThat(stored).contains(t));
    }

    @Test
    void addressesKeepTheirNumbersAsTokens() throws Exception {
        String text = pinyin("府右街12号3号楼2单元301");
        assertThat(text.split(" ")).contains("fu", "you", "jie", "fuyoujie", "fyj", "12", "hao", "3", "lou", "2", "danyuan", "301");
        assertThat(Pinyin.queryTerms("fuyoujie12hao")).containsExactly("fuyoujie", "12", "hao");
    }

    @Test
    void minorityNamesAreSplitAtTheSeparator() throws Exception {
        String text = pinyin("阿依古丽·买买提");
        assertThat(text.split(" ")).contains("ayiguli", "maimaiti", "aygl", "mmt").doesNotContain("ayigulimaimaiti");
    }

    @Test
    void querySyntaxIsDroppedNotPassedOn() {
        assertThat(Pinyin.queryTerms("title:* \"lin\" AND (xiao~ OR yu^2) \\")).containsExactly("title", "lin", "and", "xiao", "or", "yu", "2");
        assertThat(Pinyin.queryTerms("*:\"()")).isEmpty();
    }

    @Test
    void blankOrSymbolOnlyValuesHaveNoSearchText() throws Exception {
        assertThat(pinyin("  ")).isNull();
        assertThat(pinyin("·—·")).isNull();
    }

    /** The documented limit: the most common reading of a character with several readings. */
    @Test
    void polyphonicSurnamesGetTheirCommonReading() throws Exception {
        assertThat(pinyin("单田芳")).startsWith("dan tian fang");
        assertThat(pinyin("曾小贤")).startsWith("ceng xiao xian");
    }
}

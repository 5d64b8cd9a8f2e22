package org.jiedao.hub.api.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Lucene queries built from typed text carry only quoted phrases and plain terms. */
class FulltextQueriesTest {

    @Test
    void hanWordsArePhrasesAsTypedOrSimplified() {
        assertThat(FulltextQueries.han("林曉雨")).isEqualTo("+(\"林曉雨\" OR \"林晓雨\")");
        assertThat(FulltextQueries.han("府右街 12号")).isEqualTo("+(\"府右街\") +(\"12号\")");
    }

    @Test
    void pinyinTermsAreAllRequired() {
        assertThat(FulltextQueries.pinyin("Lin Xiaoyu")).isEqualTo("+lin +xiaoyu");
        assertThat(FulltextQueries.pinyin("林xiaoyu")).isEqualTo("+lin +xiaoyu");
    }

    @Test
    void querySyntaxNeverSurvives() {
        assertThat(FulltextQueries.han("林晓雨\" OR name:*")).isEqualTo("+(\"林晓雨\") +(\"OR\" OR \"or\") +(\"name\")");
        assertThat(FulltextQueries.pinyin("title:* AND \"x\"")).isEqualTo("+title +and +x");
        assertThat(FulltextQueries.han("*:\"()")).isNull();
        assertThat(FulltextQueries.pinyin("*:\"()")).isNull();
        assertThat(FulltextQueries.escape("a\"b\\c:*")).isEqualTo("a\\\"b\\\\c\\:\\*");
    }

    @Test
    void theScriptDecidesTheIndexes() {
        assertThat(FulltextQueries.hasHan("林 xiaoyu")).isTrue();
        assertThat(FulltextQueries.hasLatinOrDigit("林 xiaoyu")).isTrue();
        assertThat(FulltextQueries.hasLatinOrDigit("林晓雨")).isFalse();
        assertThat(FulltextQueries.hasHan("lxy")).isFalse();
    }
}

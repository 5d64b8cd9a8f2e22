package org.jiedao.hub.graph.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.jiedao.hub.ontology.Ontology;
import org.junit.jupiter.api.Test;

/** Full-text indexes derived from the ontology: Han text with the CJK analyzer, pinyin in an index of its own. */
class FulltextIndexesTest {
    private final GraphSchema schema = new GraphSchema(Ontology.bundled());

    @Test
    void namesAndAddressesHaveAHanAndAPinyinIndex() {
        List<FulltextIndex> indexes = schema.fulltextIndexes();
        assertThat(indexes).contains(
                new FulltextIndex("Person_fulltext", "Person", FulltextIndex.Script.HAN, List.of("name")),
                new FulltextIndex("Person_pinyin", "Person", FulltextIndex.Script.LATIN, List.of("namePinyin")),
                new FulltextIndex("Address_fulltext", "Address", FulltextIndex.Script.HAN, List.of("text")),
                new FulltextIndex("Address_pinyin", "Address", FulltextIndex.Script.LATIN, List.of("textPinyin")),
                new FulltextIndex("Community_pinyin", "Community", FulltextIndex.Script.LATIN, List.of("namePinyin")));
    }

    @Test
    void thePinyinIndexKeepsStopWordSyllables() {
        // the English stop-word list of the standard analyzer would drop the syllables a, an, no...
        assertThat(schema.statements()).anyMatch(s -> s.startsWith("CREATE FULLTEXT INDEX Person_pinyin IF NOT EXISTS FOR (n:Person) ON EACH [n.namePinyin]")
                && s.contains("'standard-no-stop-words'"));
        assertThat(schema.statements()).anyMatch(s -> s.startsWith("CREATE FULLTEXT INDEX Person_fulltext") && s.contains("'cjk'"));
    }
}

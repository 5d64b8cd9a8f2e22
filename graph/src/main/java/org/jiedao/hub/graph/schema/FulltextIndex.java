package org.jiedao.hub.graph.schema;

import java.util.List;

/**
 * A Neo4j full-text index derived from the ontology's {@code hub:fulltext} properties of one node label.
 *
 * @param name       index name: {@code <Label>_fulltext} (Han text) or {@code <Label>_pinyin} (Latin text)
 * @param label      the node label it covers, e.g. {@code Person}
 * @param script     which text it holds, hence its analyzer
 * @param properties the property names it covers, in the type's property order
 */
public record FulltextIndex(String name, String label, Script script, List<String> properties) {
    /** The text an index holds. */
    public enum Script {
        /** Chinese text, Lucene's CJK analyzer (bigrams of Han characters: 晓雨 finds 林晓雨). */
        HAN("cjk"),
        /**
         * Pinyin (properties with the {@code pinyin} normaliser), the standard analyzer without stop words: the
         * English stop-word list would drop the syllables a, an, no...
         */
        LATIN("standard-no-stop-words");

        private final String analyzer;

        Script(String analyzer) {
            this.analyzer = analyzer;
        }

        /** @return the Neo4j analyzer name ({@code db.index.fulltext.listAvailableAnalyzers}) */
        public String analyzer() {
            return analyzer;
        }
    }
}

package org.jiedao.hub.api.query;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.jiedao.hub.loaders.normalise.NormalisationException;
import org.jiedao.hub.loaders.normalise.Normalisers;
import org.jiedao.hub.loaders.normalise.Pinyin;

/**
 * Turns what a user typed into Lucene queries (classic query-parser syntax, which Neo4j's
 * {@code db.index.fulltext.queryNodes} reads) for the two kinds of full-text index: Han text with the CJK analyzer,
 * pinyin with the standard analyzer. Only letters and digits of the input reach a query, each as a quoted phrase or
 * a plain term, and what is left is escaped as the Lucene query parser requires, so query syntax typed by a user
 * ({@code title:*}, {@code "}, {@code AND}) is searched for as text or dropped, never interpreted.
 */
public final class FulltextQueries {
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{IsHan}\\p{L}\\p{N}]+");
    /** Characters the Lucene classic query parser treats as syntax (QueryParserBase.escape). */
    private static final String SPECIAL = "\\+-!():^[]\"{}~*?|&/";

    private FulltextQueries() {
    }

    /** @return whether the text has a Han character (then the CJK index is searched) */
    public static boolean hasHan(String text) {
        return text.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }

    /** @return whether the text has a letter or digit outside Han (then the pinyin index is searched) */
    public static boolean hasLatinOrDigit(String text) {
        return text.codePoints().anyMatch(cp -> Character.isLetterOrDigit(cp) && Character.UnicodeScript.of(cp) != Character.UnicodeScript.HAN);
    }

    /**
     * The query for a CJK index: every word of the text (a run of Han characters, letters and digits) must occur
     * as a phrase, as typed or in simplified characters (林曉雨 finds 林晓雨).
     *
     * @param text what the user typed
     * @return e.g. {@code +("林曉雨" OR "林晓雨")}, or null when the text has no letter or digit
     */
    public static String han(String text) {
        List<String> clauses = new ArrayList<>();
        for (String word : NOT_WORD.split(text)) {
            if (word.isEmpty()) {
                continue;
            }
            Set<String> forms = new LinkedHashSet<>(List.of(word));
            try {
                Object simplified = Normalisers.byName("nameKey").normalise(word);
                if (simplified != null) {
                    forms.add(simplified.toString().toLowerCase(java.util.Locale.ROOT));
                }
            } catch (NormalisationException e) {
                // a word of letters and digits always has a key; keep the word as typed
            }
            clauses.add("+(" + String.join(" OR ", forms.stream().map(f -> "\"" + escape(f) + "\"").toList()) + ")");
        }
        return clauses.isEmpty() ? null : String.join(" ", clauses);
    }

    /**
     * The query for a pinyin index: every token of {@link Pinyin#queryTerms(String)} required.
     *
     * @param text what the user typed, e.g. {@code Lin Xiaoyu}
     * @return e.g. {@code +lin +xiaoyu}, or null when the text has no letter or digit
     */
    public static String pinyin(String text) {
        List<String> terms = Pinyin.queryTerms(text);
        return terms.isEmpty() ? null : String.join(" ", terms.stream().map(t -> "+" + escape(t)).toList());
    }

    /**
     * @param term a term or phrase content
     * @return the term with every query-parser special character preceded by a backslash
     */
    static String escape(String term) {
        StringBuilder out = new StringBuilder(term.length());
        for (char c : term.toCharArray()) {
            if (SPECIAL.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}

package org.jiedao.hub.loaders.normalise;

import com.ibm.icu.text.Transliterator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Pinyin search text for Chinese names and addresses, so that 林晓雨 is found by {@code linxiaoyu},
 * {@code lin xiao yu}, {@code Lin Xiaoyu} or {@code lxy}.
 *
 * <p>Each Han character is transliterated on its own with ICU4J's {@code Han-Latin} transform (CLDR data, 汉语拼音
 * with the most common reading of the character), then {@code Latin-ASCII} (tone marks dropped, ü becomes u) and
 * lower case. Traditional characters give the same syllables as simplified ones (林曉雨 and 林晓雨 both give
 * {@code lin xiao yu}). Runs of Latin letters and of digits in the text are kept as tokens of their own, split where
 * letters meet digits ({@code 12号} gives {@code 12 hao}).
 *
 * <p>{@link #searchText(String)} is the value stored in the derived {@code ...Pinyin} properties: the tokens in
 * reading order, then for every run of adjacent Han characters the syllables of 2 to {@value #MAX_JOINED}
 * neighbouring characters written together and the whole run written together, then the run's initials, each token
 * once: 林晓雨 gives {@code lin xiao yu linxiao xiaoyu linxiaoyu lxy}. A query is matched token by token
 * ({@link #queryTerms(String)}), all tokens required, so {@code Lin Xiaoyu} matches through {@code lin} and
 * {@code xiaoyu}.
 *
 * <p>Known limit: a character with several readings always gets its most common one, also where a name or place
 * reads it otherwise (the surnames 单 Shàn and 曾 Zēng give {@code dan} and {@code ceng}; 长安 gives
 * {@code zhang an}). ü is written {@code u}, not {@code v}.
 */
public final class Pinyin {
    /** The longest group of neighbouring syllables written together, besides the whole run. */
    public static final int MAX_JOINED = 4;

    private static final ThreadLocal<Transliterator> HAN_TO_ASCII =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Han-Latin; Latin-ASCII; Lower"));
    private static final ThreadLocal<Transliterator> TO_ASCII =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Latin-ASCII; Lower"));
    /**
     * Syllable of each Han character seen, by code point: the transform costs some 30 µs a character, and names and
     * addresses use a few thousand characters. Bounded by the Han code points of Unicode (about 100,000).
     */
    private static final java.util.Map<Integer, String> SYLLABLES = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.regex.Pattern LATIN_OR_DIGITS = java.util.regex.Pattern.compile("[a-z]+|[0-9]+");

    private Pinyin() {
    }

    /**
     * The derived search text of a name or an address.
     *
     * @param raw the value of the property it is derived from (any written form: NFKC is applied first)
     * @return the tokens separated by single spaces, e.g. {@code lin xiao yu linxiao xiaoyu linxiaoyu lxy};
     *         {@code null} for a blank value or one without letters or digits
     */
    public static String searchText(String raw) {
        String s = Text.nfkcTrim(raw);
        if (s == null) {
            return null;
        }
        List<List<String>> runs = runs(s);
        Set<String> tokens = new LinkedHashSet<>();
        runs.forEach(tokens::addAll);
        for (List<String> run : runs) {
            if (run.size() < 2 || !isHanRun(run)) {
                continue;
            }
            for (int width = 2; width <= Math.min(MAX_JOINED, run.size()); width++) {
                for (int i = 0; i + width <= run.size(); i++) {
                    tokens.add(String.join("", run.subList(i, i + width)));
                }
            }
            tokens.add(String.join("", run));
        }
        for (List<String> run : runs) {
            if (run.size() >= 2 && isHanRun(run)) {
                StringBuilder initials = new StringBuilder();
                run.forEach(syllable -> initials.append(syllable.charAt(0)));
                tokens.add(initials.toString());
            }
        }
        return tokens.isEmpty() ? null : String.join(" ", tokens);
    }

    /**
     * The tokens of a search query for the pinyin index: Han characters as their syllables (so mixed input such as
     * {@code 林xiaoyu} works), Latin letters without tone marks in lower case, digits; everything else separates
     * tokens and is dropped, so no query syntax survives.
     *
     * @param query what the user typed, e.g. {@code Lin Xiaoyu}, {@code lxy}, {@code Lín Xiǎoyǔ}
     * @return the tokens, each {@code [a-z]+} or {@code [0-9]+}, in order; empty for a blank query
     */
    public static List<String> queryTerms(String query) {
        String s = Text.nfkcTrim(query);
        List<String> out = new ArrayList<>();
        if (s != null) {
            runs(s).forEach(out::addAll);
        }
        return out;
    }

    /** Marker: a run of Han syllables (not Latin or digit tokens). */
    private static final class HanRun extends ArrayList<String> {
    }

    private static boolean isHanRun(List<String> run) {
        return run instanceof HanRun;
    }

    /** Splits text into runs: adjacent Han characters as one run of syllables; each Latin or digit token alone. */
    private static List<List<String>> runs(String s) {
        List<List<String>> runs = new ArrayList<>();
        HanRun han = new HanRun();
        StringBuilder other = new StringBuilder();
        int[] cps = s.codePoints().toArray();
        for (int cp : cps) {
            if (Text.isHan(cp) && Character.isLetter(cp)) {
                flushOther(other, runs);
                String syllable = SYLLABLES.computeIfAbsent(cp,
                        c -> HAN_TO_ASCII.get().transliterate(new String(Character.toChars(c))).replaceAll("[^a-z]", ""));
                if (!syllable.isEmpty()) {
                    han.add(syllable);
                    continue;
                }
                flushHan(han, runs);
                han = new HanRun();
            } else if (Character.isLetterOrDigit(cp)) {
                if (!han.isEmpty()) {
                    flushHan(han, runs);
                    han = new HanRun();
                }
                other.appendCodePoint(cp);
            } else {
                flushOther(other, runs);
                if (!han.isEmpty()) {
                    flushHan(han, runs);
                    han = new HanRun();
                }
            }
        }
        flushOther(other, runs);
        flushHan(han, runs);
        return runs;
    }

    private static void flushHan(HanRun han, List<List<String>> runs) {
        if (!han.isEmpty()) {
            runs.add(han);
        }
    }

    private static void flushOther(StringBuilder other, List<List<String>> runs) {
        if (other.isEmpty()) {
            return;
        }
        String text = other.toString();
        String ascii = text.chars().allMatch(c -> c < 128) ? text.toLowerCase(java.util.Locale.ROOT) : TO_ASCII.get().transliterate(text);
        other.setLength(0);
        java.util.regex.Matcher m = LATIN_OR_DIGITS.matcher(ascii);
        while (m.find()) {
            runs.add(List.of(m.group()));
        }
    }
}

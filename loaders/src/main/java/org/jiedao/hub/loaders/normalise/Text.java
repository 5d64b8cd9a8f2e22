package org.jiedao.hub.loaders.normalise;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.Transliterator;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/** Shared text helpers for the normalisers (package-private). */
final class Text {

    private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();

    /** Any Unicode white space (after NFKC, U+3000 and U+00A0 are already U+0020, but be safe). */
    static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Z}\\u200B\\uFEFF]+", Pattern.UNICODE_CHARACTER_CLASS);

    /** Copies of the transform that run at once: the processors, at least 2. */
    static final int MAX_SIMPLIFIERS = Math.max(2, Runtime.getRuntime().availableProcessors());
    /** ICU4J's {@code Traditional-Simplified} transform (CLDR data: phrase rules, then characters), as registered. */
    private static final Transliterator SIMPLIFIER = Transliterator.getInstance("Traditional-Simplified");
    private static final String SIMPLIFIED_RULES = SIMPLIFIER.toRules(false);
    /**
     * Transforms built from the same rules, each with its own compiled copy. The instances that
     * {@code Transliterator.getInstance} returns share one compiled rule set and lock it while transliterating, so the
     * threads of a parallel run would wait on each other. A caller borrows one from here and gives it back; at most
     * {@link #MAX_SIMPLIFIERS} are built (some 60 ms each, on first use), and a caller finding none free uses
     * {@link #SIMPLIFIER} (virtual threads do not each build one).
     */
    private static final ArrayBlockingQueue<Transliterator> SIMPLIFIERS = new ArrayBlockingQueue<>(Text.MAX_SIMPLIFIERS);
    private static final AtomicInteger SIMPLIFIERS_BUILT = new AtomicInteger();

    private Text() {
    }

    /**
     * Traditional characters to simplified ones (ICU4J {@code Traditional-Simplified}, CLDR data, phrase rules
     * included): 張偉 gives 张伟. Thread-safe; up to {@link #MAX_SIMPLIFIERS} threads run it at once.
     *
     * @param s the text, not null
     * @return the simplified text
     */
    static String toSimplified(String s) {
        Transliterator t = SIMPLIFIERS.poll();
        if (t == null && SIMPLIFIERS_BUILT.getAndUpdate(n -> n < MAX_SIMPLIFIERS ? n + 1 : n) < MAX_SIMPLIFIERS) {
            t = Transliterator.createFromRules("Traditional-Simplified", SIMPLIFIED_RULES, Transliterator.FORWARD);
        }
        if (t == null) {
            return toSimplifiedByTransform(s);
        }
        try {
            return t.transliterate(s);
        } finally {
            SIMPLIFIERS.offer(t);
        }
    }

    /**
     * The same with the registered transform itself, shared by all threads (what {@link #toSimplified(String)} falls
     * back to, and the reference its tests compare with).
     *
     * @param s the text, not null
     * @return the simplified text
     */
    static String toSimplifiedByTransform(String s) {
        synchronized (SIMPLIFIER) {
            return SIMPLIFIER.transliterate(s);
        }
    }

    /**
     * Applies Unicode NFKC (UAX #15) via ICU4J and strips leading/trailing white space.
     *
     * @param raw the raw value, may be {@code null}
     * @return the normalised, trimmed text, or {@code null} if {@code raw} is {@code null} or blank
     */
    static String nfkcTrim(String raw) {
        if (raw == null) {
            return null;
        }
        String s = WHITESPACE.matcher(NFKC.normalize(raw)).replaceAll(" ").strip();
        return s.isEmpty() ? null : s;
    }

    /** Removes every white-space character. */
    static String removeWhitespace(String s) {
        return WHITESPACE.matcher(s).replaceAll("");
    }

    /** Collapses every run of white space to one U+0020. */
    static String collapseWhitespace(String s) {
        return WHITESPACE.matcher(s).replaceAll(" ");
    }

    /** Whether {@code cp} is a Han ideograph. */
    static boolean isHan(int cp) {
        return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
    }
}

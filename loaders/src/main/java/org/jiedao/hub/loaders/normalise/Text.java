package org.jiedao.hub.loaders.normalise;

import com.ibm.icu.text.Normalizer2;
import java.util.regex.Pattern;

/** Shared text helpers for the normalisers (package-private). */
final class Text {

    private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();

    /** Any Unicode white space (after NFKC, U+3000 and U+00A0 are already U+0020, but be safe). */
    static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Z}\\u200B\\uFEFF]+", Pattern.UNICODE_CHARACTER_CLASS);

    private Text() {
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

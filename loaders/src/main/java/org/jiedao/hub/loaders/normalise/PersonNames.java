package org.jiedao.hub.loaders.normalise;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Person names as registers write them.
 *
 * <p>{@link #name(String)} gives the name as found, cleaned: Unicode NFKC (full-width letters become ASCII), white
 * space between Han characters and around separators removed, and, in names containing Han characters, the
 * look-alikes of the middle dot that separates the parts of minority and foreign names written in Chinese
 * (阿依古丽·买买提) made U+00B7 MIDDLE DOT, the character GB 18030 and the 《少数民族人名汉字译写规范》 practice use:
 * U+2022 BULLET, U+002E FULL STOP (and U+FF0E, which NFKC makes U+002E), U+30FB KATAKANA MIDDLE DOT (and U+FF65),
 * U+2027 HYPHENATION POINT, U+0387 GREEK ANO TELEIA, U+2219 BULLET OPERATOR, U+22C5 DOT OPERATOR, U+2E31 WORD
 * SEPARATOR MIDDLE DOT, U+318D HANGUL LETTER ARAEA (U+119E after NFKC), U+16EB RUNIC SINGLE PUNCTUATION and U+00B7 itself. Traditional
 * characters are kept as found (張偉 stays 張偉).
 *
 * <p>{@link #nameKey(String)} gives a key for matching the same name across sources: the cleaned name converted to
 * simplified characters with ICU4J's {@code Traditional-Simplified} transliterator (character by character, CLDR
 * transform data), every separator and space removed, Latin letters upper-cased: 張 偉 and 张伟 give 张伟,
 * 阿依古丽·买买提 gives 阿依古丽买买提. The conversion is character-level, so a rare one-to-many character (乾 of
 * 乾隆 becomes 干) maps every source the same way: the key is for matching, never for display.
 */
final class PersonNames {

    private static final Pattern DOTS = Pattern.compile("[·•.・\\u2027\\u0387\\u2219\\u22C5\\u2E31\\u318D\\u119E\\u16EB]");
    private static final Pattern SEPARATOR_RUN = Pattern.compile("\\s*(?:·\\s*)+");
    private static final Pattern KEY_DROPPED = Pattern.compile("[·\\s\\-'’]");
    private PersonNames() {
    }

    /**
     * The cleaned name, as found.
     *
     * @param raw the raw value
     * @return the name, or {@code null} for a blank value; names without Han characters only have NFKC and
     *         collapsed white space applied
     */
    static String name(String raw) {
        String s = Text.nfkcTrim(raw);
        if (s == null) {
            return null;
        }
        if (s.codePoints().noneMatch(Text::isHan)) {
            return s;
        }
        s = DOTS.matcher(s).replaceAll("·");
        s = SEPARATOR_RUN.matcher(s).replaceAll("·");
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' && i > 0 && i + 1 < s.length()
                    && Text.isHan(s.codePointBefore(i)) && Text.isHan(s.codePointAt(i + 1))) {
                continue;
            }
            b.append(c);
        }
        return b.toString();
    }

    /**
     * The matching key of a name.
     *
     * @param raw the raw value
     * @return simplified characters without separators or spaces, Latin letters upper-case; {@code null} for a
     *         blank value
     * @throws NormalisationException if nothing but separators is left
     */
    static String nameKey(String raw) throws NormalisationException {
        String s = name(raw);
        if (s == null) {
            return null;
        }
        String key = KEY_DROPPED.matcher(Text.toSimplified(s)).replaceAll("").toUpperCase(Locale.ROOT);
        if (key.isEmpty()) {
            throw new NormalisationException("姓名 '" + s + "' 只有分隔符 / name '" + s + "' has nothing but separators");
        }
        return key;
    }
}

package org.jiedao.hub.graph.resolution;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Person names, Chinese or Latin, from two fields the caller fills with the loaders' normalisers: a <em>name key</em>
 * (simplified characters, separators removed: 張偉 and 张伟 both give 张伟; {@code Normalisers.byName("nameKey")}) and
 * the name's <em>pinyin syllables</em> in reading order, separated by spaces ({@code Pinyin.queryTerms}: 林晓雨 gives
 * {@code lin xiao yu}; a Latin name gives its words).
 *
 * <p>Levels:
 * <ol start="0">
 *   <li>{@code exact}: the same key (so traditional/simplified variants and minority-name dots, {@code ·}, {@code •},
 *       {@code ．}, {@code .}, which are also dropped here, never count as differences);</li>
 *   <li>{@code pinyin}: the same syllables, in any order: a homophone typed for a character (王伟, 王玮), surname first
 *       or last ({@code Lin Xiaoyu}, {@code Xiaoyu Lin}), the parts of a minority name swapped;</li>
 *   <li>{@code close}: one character inserted, deleted or replaced in a key of three or more characters, or
 *       Jaro-Winkler similarity of the joined syllables of at least 0.93;</li>
 *   <li>{@code different}.</li>
 * </ol>
 * Agreement on the key is adjusted by the key's frequency ({@link TermFrequencies}): 王伟 is weaker evidence than a
 * rare name.
 *
 * @param name        the comparison's name, e.g. {@code name}
 * @param keyField    the field with the name key
 * @param pinyinField the field with the pinyin syllables, or {@code null}
 */
public record NameComparator(String name, String keyField, String pinyinField) implements FieldComparator {

    private static final List<String> LEVELS = List.of("exact", "pinyin", "close", "different");
    private static final Pattern SEPARATORS = Pattern.compile("[·•．.・\\s\\-'’]");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final String SEPARATOR_CHARS = "·•．.・-'’";

    @Override
    public List<String> levels() {
        return LEVELS;
    }

    @Override
    public List<String> fields() {
        return pinyinField == null ? List.of(keyField) : List.of(keyField, pinyinField);
    }

    @Override
    public String termFrequencyField() {
        return keyField;
    }

    @Override
    public int compare(ResolutionRecord a, ResolutionRecord b) {
        String ka = key(a.get(keyField));
        String kb = key(b.get(keyField));
        String pa = pinyinField == null ? null : a.get(pinyinField);
        String pb = pinyinField == null ? null : b.get(pinyinField);
        if ((ka == null || kb == null) && (pa == null || pb == null)) {
            return MISSING;
        }
        if (ka != null && kb != null && ka.equals(kb)) {
            return 0;
        }
        if (pa != null && pb != null) {
            if (pa.equals(pb)) {
                return ka == null || kb == null ? 0 : 1;
            }
            String[] sa = SPACES.split(pa.strip());
            String[] sb = SPACES.split(pb.strip());
            if (sa.length == sb.length) {
                Arrays.sort(sa);
                Arrays.sort(sb);
                if (Arrays.equals(sa, sb)) {
                    return 1;
                }
            }
            if (StringComparator.similarity(pa.replace(" ", ""), pb.replace(" ", "")) >= 0.93) {
                return 2;
            }
        }
        if (ka != null && kb != null && Math.max(ka.length(), kb.length()) >= 3 && oneEdit(ka, kb)) {
            return 2;
        }
        return 3;
    }

    private static String key(String s) {
        if (s == null) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            if (SEPARATOR_CHARS.indexOf(s.charAt(i)) >= 0 || Character.isWhitespace(s.charAt(i))) {
                String k = SEPARATORS.matcher(s).replaceAll("");
                return k.isEmpty() ? null : k;
            }
        }
        return s;
    }

    /** Whether the strings differ by exactly one inserted, deleted or replaced character (UTF-16 units). */
    static boolean oneEdit(String a, String b) {
        if (a.length() < b.length()) {
            String t = a;
            a = b;
            b = t;
        }
        if (a.length() - b.length() > 1) {
            return false;
        }
        int i = 0;
        while (i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (a.length() == b.length()) {
            return i < a.length() && a.substring(i + 1).equals(b.substring(i + 1));
        }
        return a.substring(i + 1).equals(b.substring(i));
    }
}

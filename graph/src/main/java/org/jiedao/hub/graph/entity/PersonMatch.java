package org.jiedao.hub.graph.entity;

import java.util.HashMap;
import java.util.Map;

import org.jiedao.hub.graph.resolution.ResolutionRecord;

/**
 * The match fields of a person as the record-linkage engine compares them, read from values already normalised by
 * the loaders (as stored on a {@code Person} node or a record link). The field names are those of the loaders'
 * {@code PersonMatchFields}, so the same {@link org.jiedao.hub.graph.resolution.ResolutionSettings} serve the
 * benchmark and the graph:
 * {@code name} (the name key: simplified, no separators), {@code namePinyin} (the syllables, one per character),
 * {@code surnamePinyin}, {@code idNumber} and {@code idDigits} (the canonical 18-character number, GB 11643-1999),
 * {@code birthDate} and {@code birthYear} (from the ID number when no date is given), {@code gender} (GB/T 2261.1
 * code, from the ID number's 17th digit when not given), {@code phone} (E.164) and {@code address} (the normalised
 * address text).
 */
public final class PersonMatch {

    private PersonMatch() {
    }

    /**
     * @param id      the record id to give the engine (an entity id or a record uid)
     * @param source  the source, or {@code graph} for an entity
     * @param values  the person's normalised values by ontology property name ({@code nameKey}, {@code namePinyin},
     *                {@code idNumber}, {@code birthDate}, {@code gender}, {@code phone}); others are ignored
     * @param address the normalised text of the person's address, or null
     * @return the engine's record
     */
    public static ResolutionRecord of(String id, String source, Map<String, ?> values, String address) {
        Map<String, String> m = new HashMap<>();
        String nameKey = text(values.get("nameKey"));
        if (nameKey == null) {
            nameKey = text(values.get("name"));
        }
        if (nameKey != null) {
            m.put("name", nameKey);
            String pinyin = text(values.get("namePinyin"));
            if (pinyin != null) {
                // the stored search text starts with one syllable per character: "lin xiao yu linxiao ... lxy"
                String[] tokens = pinyin.split(" ");
                int n = Math.min(tokens.length, nameKey.codePointCount(0, nameKey.length()));
                if (n > 0) {
                    m.put("namePinyin", String.join(" ", java.util.Arrays.copyOf(tokens, n)));
                    m.put("surnamePinyin", tokens[0]);
                }
            }
        }
        String id18 = text(values.get("idNumber"));
        if (id18 != null) {
            m.put("idNumber", id18);
            m.put("idDigits", id18);
        }
        String birth = text(values.get("birthDate"));
        if (birth == null && id18 != null && id18.length() == 18) {
            birth = id18.substring(6, 10) + "-" + id18.substring(10, 12) + "-" + id18.substring(12, 14);
        }
        if (birth != null) {
            m.put("birthDate", birth);
            m.put("birthYear", birth.substring(0, Math.min(4, birth.length())));
        }
        String gender = text(values.get("gender"));
        if ((gender == null || gender.equals("0") || gender.equals("9")) && id18 != null && id18.length() == 18) {
            gender = (id18.charAt(16) - '0') % 2 == 1 ? "1" : "2";
        }
        if (gender != null) {
            m.put("gender", gender);
        }
        String phone = text(values.get("phone"));
        if (phone != null) {
            m.put("phone", phone);
        }
        if (address != null && !address.isBlank()) {
            m.put("address", address);
        }
        return new ResolutionRecord(id, source, m);
    }

    private static String text(Object v) {
        if (v == null) {
            return null;
        }
        String s = v.toString().trim();
        return s.isEmpty() ? null : s;
    }
}

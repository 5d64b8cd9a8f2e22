package org.jiedao.hub.graph.resolution;

import java.util.Objects;
import java.util.function.Function;

/**
 * One blocking pass: a key computed from a record; only records with the same key are compared in this pass. The
 * candidate pairs are the union over all passes (Christen, "Data Matching", Springer 2012, ch. 4), so a pair missed
 * by one key (a typo in the surname) is still found by another (the phone). A record without a key (a value it
 * needs is missing) takes no part in that pass.
 *
 * @param name the pass's name, reported with its pair count, e.g. {@code surnameBirthYear}
 * @param key  the key of a record, or {@code null} when the record has none
 */
public record BlockingRule(String name, Function<ResolutionRecord, String> key) {

    /**
     * @param name the name, not null
     * @param key  the key function, not null
     */
    public BlockingRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
    }

    /**
     * A pass on the values of some fields, all required.
     *
     * @param name   the pass's name
     * @param fields the fields whose values together form the key
     * @return the rule; a record missing any of the fields has no key
     */
    public static BlockingRule onFields(String name, String... fields) {
        String[] f = fields.clone();
        return new BlockingRule(name, r -> {
            StringBuilder b = new StringBuilder();
            for (String field : f) {
                String v = r.get(field);
                if (v == null) {
                    return null;
                }
                b.append(v).append('\u001F');
            }
            return b.toString();
        });
    }

    /**
     * A pass on the first {@code length} characters of a field (e.g. the year of an ISO date), with other fields whole.
     *
     * @param name   the pass's name
     * @param field  the field whose prefix is used
     * @param length characters of its prefix; a shorter value has no key
     * @param others further fields, whole
     * @return the rule
     */
    public static BlockingRule onPrefix(String name, String field, int length, String... others) {
        BlockingRule rest = onFields(name, others);
        return new BlockingRule(name, r -> {
            String v = r.get(field);
            if (v == null || v.length() < length) {
                return null;
            }
            String k = rest.key().apply(r);
            return k == null ? null : v.substring(0, length) + '\u001F' + k;
        });
    }
}

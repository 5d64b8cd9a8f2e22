package org.jiedao.hub.api.audit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.ibm.icu.text.Normalizer2;

import org.jiedao.hub.loaders.normalise.IdNumber;
import org.jiedao.hub.loaders.normalise.NormalisationException;

/**
 * Pseudonyms of personal values in the audit trail: {@code HMAC-SHA256(key, normalised value)}, 32 hex digits
 * ({@link AuditKey#pseudonym}). The same value always gives the same pseudonym under one key, so {@code hub audit
 * search} finds it; nobody without the key can read it back.
 *
 * <p>Normalisation, so that the forms a caller may type meet: Unicode NFKC (full-width to half-width), white space
 * trimmed; a value shaped like a resident ID number (15 digits, or 17 digits and a digit or X, spaces allowed) that
 * is a valid one (GB 11643-1999) becomes its 18-character form, exactly as the loaders and the GraphQL key
 * arguments store it. So {@code person(idNumber: "110102490907122")} and a result holding
 * {@code 110102194909071225} give one pseudonym.
 *
 * <p>What is hashed (the simple rule of the audit design, docs/security/audit.md): every string in the request's
 * variables (whatever the schema says of the argument it feeds: enum names are strings in variables and are hashed
 * too), every string literal in the document's arguments, and every key of a returned entity. Numbers, booleans
 * and null stay as they are.
 */
public final class Pseudonyms {
    private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();
    private static final Pattern ID_SHAPE = Pattern.compile("\\d{15}|\\d{17}[\\dXx]");
    private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}]+");
    private final AuditKey key;

    /**
     * @param key the audit key
     */
    public Pseudonyms(AuditKey key) {
        this.key = key;
    }

    /**
     * @param value any text a caller sent or the graph returned
     * @return the form it is hashed in: NFKC, trimmed; an ID number in its 18-character form
     */
    public static String normalise(String value) {
        String s = NFKC.normalize(value).strip();
        String compact = SPACES.matcher(s).replaceAll("");
        if (ID_SHAPE.matcher(compact).matches()) {
            try {
                return IdNumber.parse(compact).value();
            } catch (NormalisationException e) {
                // not a valid ID number: hashed as text
            }
        }
        return s;
    }

    /**
     * @param value a value
     * @return its pseudonym, 32 hex digits
     */
    public String of(String value) {
        return key.pseudonym(normalise(value));
    }

    /**
     * @param label the entity's node label (the type it is merged on, e.g. {@code Person})
     * @param key   its key value as stored
     * @return {@code <label>:<pseudonym of the key>}, e.g. {@code Person:3f2a...}
     */
    public String ref(String label, Object key) {
        return label + ":" + of(String.valueOf(key));
    }

    /**
     * @param refs entity references
     * @return their {@link #ref}s, distinct and sorted
     */
    public List<String> refs(Collection<EntityRef> refs) {
        TreeSet<String> out = new TreeSet<>();
        refs.forEach(r -> out.add(ref(r.label(), r.key())));
        return List.copyOf(out);
    }

    /**
     * @param values texts
     * @return their pseudonyms, distinct and sorted
     */
    public List<String> values(Collection<String> values) {
        TreeSet<String> out = new TreeSet<>();
        values.forEach(v -> out.add(of(v)));
        return List.copyOf(out);
    }

    /**
     * @param value a JSON-like value: a map, a list, a string, a number, a boolean or null
     * @return the same shape with every string replaced by its pseudonym (map keys, which are names, stay)
     */
    public Object hashStrings(Object value) {
        return switch (value) {
            case null -> null;
            case String s -> of(s);
            case Map<?, ?> m -> {
                Map<String, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> out.put(String.valueOf(k), hashStrings(v)));
                yield out;
            }
            case Collection<?> c -> {
                List<Object> out = new ArrayList<>();
                c.forEach(v -> out.add(hashStrings(v)));
                yield out;
            }
            case Number n -> n;
            case Boolean b -> b;
            default -> of(value.toString());
        };
    }
}

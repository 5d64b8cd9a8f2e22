package org.jiedao.hub.loaders.normalise;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The normalised values entity resolution compares for a person, from raw source values, with the loaders'
 * normalisers. The field names are the keys of the returned map:
 * <ul>
 *   <li>{@value #NAME}: the name key ({@code nameKey}: simplified characters, minority-name dots and spaces removed,
 *       Latin letters upper-case: 張 偉 and 张伟 give 张伟);</li>
 *   <li>{@value #NAME_PINYIN}: the name's syllables in reading order ({@link Pinyin#queryTerms(String)}: 林曉雨 gives
 *       {@code lin xiao yu}); {@value #SURNAME_PINYIN}: the first of them;</li>
 *   <li>{@value #ID_NUMBER}: the canonical 18-character ID number (GB 11643-1999, 15-digit numbers converted), only
 *       when valid; {@value #ID_DIGITS}: the number as written (NFKC, spaces removed, upper case; converted to 18
 *       characters when valid), also when invalid, for comparison by similarity;</li>
 *   <li>{@value #BIRTH_DATE} ({@code yyyy-MM-dd}, or a partial date {@code yyyy-MM}/{@code yyyy}) and
 *       {@value #BIRTH_YEAR}; {@value #GENDER} (GB/T 2261.1 code). Where the source gives none but the ID number is
 *       valid, they are taken from the ID number;</li>
 *   <li>{@value #PHONE}: E.164; {@value #ADDRESS}: the address key (the text of the {@code Address} node, without
 *       division prefixes).</li>
 * </ul>
 * A value that fails its normaliser is left out (missing), never an error: resolution works with what is there.
 * For many records, {@link Memo} gives the same fields, normalising each distinct name, phone and address once.
 */
public final class PersonMatchFields {
    /** Field: name key. */
    public static final String NAME = "name";
    /** Field: pinyin syllables of the name. */
    public static final String NAME_PINYIN = "namePinyin";
    /** Field: pinyin of the first character (the surname of most Han names). */
    public static final String SURNAME_PINYIN = "surnamePinyin";
    /** Field: valid canonical ID number. */
    public static final String ID_NUMBER = "idNumber";
    /** Field: the ID number as written, valid or not. */
    public static final String ID_DIGITS = "idDigits";
    /** Field: date of birth. */
    public static final String BIRTH_DATE = "birthDate";
    /** Field: year of birth. */
    public static final String BIRTH_YEAR = "birthYear";
    /** Field: gender code. */
    public static final String GENDER = "gender";
    /** Field: phone number. */
    public static final String PHONE = "phone";
    /** Field: address key. */
    public static final String ADDRESS = "address";

    private static final Normaliser NAME_KEY = Normalisers.byName("nameKey");
    private static final Normaliser PHONE_N = Normalisers.byName("phone");
    private static final Normaliser GENDER_N = Normalisers.byName("gender");
    private static final Normaliser ADDRESS_N = Normalisers.byName("address");
    private static final Normaliser PARTIAL_DATE = Normalisers.byName("partialDate");

    private PersonMatchFields() {
    }

    /**
     * The match fields of one person record.
     *
     * @param name      the name as written, or null
     * @param idNumber  the ID number as written (18 or 15 characters, full-width allowed), or null
     * @param birthDate the date of birth as written (any form the {@code date} normaliser reads), or null
     * @param gender    the gender as written (男/女/M/F/1/2...), or null
     * @param phone     the phone number as written, or null
     * @param address   the address as written, or null
     * @return field name to value; missing and invalid values are absent
     */
    public static Map<String, String> of(String name, String idNumber, String birthDate, String gender, String phone,
                                         String address) {
        return of(name, idNumber, birthDate, gender, phone, address, PersonMatchFields::nameFields,
                PersonMatchFields::phoneKey, PersonMatchFields::addressKey);
    }

    private static Map<String, String> of(String name, String idNumber, String birthDate, String gender, String phone,
                                          String address, Function<String, String[]> names,
                                          Function<String, String> phones, Function<String, String> addresses) {
        Map<String, String> m = new HashMap<>();
        if (name != null) {
            String[] n = names.apply(name);
            put(m, NAME, n[0]);
            put(m, NAME_PINYIN, n[1]);
            put(m, SURNAME_PINYIN, n[2]);
        }
        IdNumber id = null;
        String written = Text.nfkcTrim(idNumber);
        if (written != null) {
            try {
                id = IdNumber.parse(written);
                m.put(ID_NUMBER, id.value());
                m.put(ID_DIGITS, id.value());
            } catch (NormalisationException e) {
                m.put(ID_DIGITS, Text.removeWhitespace(written).toUpperCase(Locale.ROOT));
            }
        }
        Object birth = null;
        try {
            birth = Normalisers.byName("date").normalise(birthDate);
        } catch (NormalisationException e) {
            birth = quietly(PARTIAL_DATE, birthDate);
        }
        if (birth == null && id != null) {
            birth = id.birthDate();
        }
        if (birth != null) {
            String b = birth.toString();
            m.put(BIRTH_DATE, b);
            m.put(BIRTH_YEAR, b.substring(0, 4));
        }
        String g = quietly(GENDER_N, gender);
        if ((g == null || g.equals("0") || g.equals("9")) && id != null) {
            g = id.genderCode();
        }
        put(m, GENDER, g);
        put(m, PHONE, phone == null ? null : phones.apply(phone));
        put(m, ADDRESS, address == null ? null : addresses.apply(address));
        return m;
    }

    /** The name key, the pinyin syllables and the first syllable of a name; each null when missing or invalid. */
    private static String[] nameFields(String name) {
        String key = quietly(NAME_KEY, name);
        if (key == null) {
            return new String[3];
        }
        List<String> syllables = Pinyin.queryTerms(PersonNames.name(name));
        return syllables.isEmpty() ? new String[] {key, null, null}
                : new String[] {key, String.join(" ", syllables), syllables.getFirst()};
    }

    private static String phoneKey(String phone) {
        return quietly(PHONE_N, phone);
    }

    private static String addressKey(String address) {
        return quietly(ADDRESS_N, address);
    }

    /**
     * Match fields for many records, with the normalised name, phone and address remembered per distinct value as
     * written, so a value repeated across records (household members share an address; a resident appears in several
     * systems) is normalised once. The fields are those of {@link PersonMatchFields#of}, value for value: the
     * normalisers are deterministic, and a value that failed before fails again (it is remembered as missing).
     *
     * <p>Bounded: each of the three tables keeps at most {@code maxEntries} values; further values are normalised
     * without being remembered. Thread-safe, for parallel streams. Keep one per batch or run, not for ever.
     */
    public static final class Memo {
        private final int maxEntries;
        private final ConcurrentHashMap<String, String[]> names = new ConcurrentHashMap<>();
        private final ConcurrentHashMap<String, String[]> phones = new ConcurrentHashMap<>();
        private final ConcurrentHashMap<String, String[]> addresses = new ConcurrentHashMap<>();

        /**
         * @param maxEntries values remembered per field (name, phone, address), at least 0; about 200 bytes each
         * @throws IllegalArgumentException if negative
         */
        public Memo(int maxEntries) {
            if (maxEntries < 0) {
                throw new IllegalArgumentException("maxEntries must be 0 or more: " + maxEntries);
            }
            this.maxEntries = maxEntries;
        }

        /**
         * The match fields of one person record, as {@link PersonMatchFields#of} gives them.
         *
         * @param name      the name as written, or null
         * @param idNumber  the ID number as written, or null
         * @param birthDate the date of birth as written, or null
         * @param gender    the gender as written, or null
         * @param phone     the phone number as written, or null
         * @param address   the address as written, or null
         * @return field name to value; missing and invalid values are absent
         */
        public Map<String, String> of(String name, String idNumber, String birthDate, String gender, String phone,
                                      String address) {
            return PersonMatchFields.of(name, idNumber, birthDate, gender, phone, address,
                    n -> remembered(names, n, PersonMatchFields::nameFields),
                    p -> remembered(phones, p, v -> new String[] {phoneKey(v)})[0],
                    a -> remembered(addresses, a, v -> new String[] {addressKey(v)})[0]);
        }

        /** @return the distinct values remembered: names + phones + addresses */
        public int size() {
            return names.size() + phones.size() + addresses.size();
        }

        private String[] remembered(ConcurrentHashMap<String, String[]> table, String raw,
                                    Function<String, String[]> normalise) {
            String[] known = table.get(raw);
            if (known != null) {
                return known;
            }
            String[] v = normalise.apply(raw);
            if (table.size() < maxEntries) {
                table.putIfAbsent(raw, v);
            }
            return v;
        }
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    private static String quietly(Normaliser n, String raw) {
        try {
            Object v = n.normalise(raw);
            return v == null ? null : v.toString();
        } catch (NormalisationException | RuntimeException e) {
            return null;
        }
    }
}

package org.jiedao.hub.loaders.normalise;

import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standard normalisers, looked up by the name used in source mappings.
 *
 * <p>Every normaliser first applies Unicode NFKC (UAX #15, ICU4J {@code Normalizer2.getNFKCInstance()}), so
 * full-width letters, digits and punctuation become ASCII and U+3000 becomes a space, then trims; a
 * {@code null} or blank value gives {@code null} (missing) and is never an error. Invalid values throw
 * {@link NormalisationException} with a user-facing reason.
 *
 * <table>
 *   <caption>Normalisers</caption>
 *   <tr><th>name</th><th>result</th><th>rule</th></tr>
 *   <tr><td>{@code text}</td><td>{@code String}</td><td>white-space runs collapsed to one space</td></tr>
 *   <tr><td>{@code name}</td><td>{@code String}</td><td>person name as found ({@link PersonNames}): white space
 *       between Han characters removed; in names with Han characters the middle-dot look-alikes become U+00B7
 *       '·'; traditional characters kept</td></tr>
 *   <tr><td>{@code nameKey}</td><td>{@code String}</td><td>matching key of a name: simplified characters (ICU4J
 *       Traditional-Simplified), no separators or spaces, Latin upper-case, e.g. 張 偉 → 张伟</td></tr>
 *   <tr><td>{@code idNumber}</td><td>{@code String}</td><td>{@link IdNumber#parse(String)}, 18 characters
 *       (GB 11643-1999)</td></tr>
 *   <tr><td>{@code plate}</td><td>{@code String}</td><td>{@link Plate#parse(String)}, e.g. {@code 京A12345}
 *       (GA 36-2018)</td></tr>
 *   <tr><td>{@code date}</td><td>{@code LocalDate}</td><td>a full date ({@link Dates}): {@code 1985-03-07},
 *       {@code 1985/3/7}, {@code 1985.3.7}, {@code 19850307}, {@code 1985年3月7日}; a trailing midnight time is
 *       ignored; a partial date is an error</td></tr>
 *   <tr><td>{@code partialDate}</td><td>{@code LocalDate} or {@code String}</td><td>a full date as above, or a
 *       partial one kept at its precision as ISO 8601 reduced-precision text: {@code 2020年3月} → {@code "2020-03"}
 *       (xsd:gYearMonth), {@code 2020年} → {@code "2020"} (xsd:gYear)</td></tr>
 *   <tr><td>{@code datetime}</td><td>{@code OffsetDateTime}</td><td>an instant ({@link Dates}): a date, then
 *       {@code T} or a space and {@code H:mm[:ss[.fraction]]} or {@code H时mm分[ss秒]}, optionally an offset;
 *       without one it is read in the source's zone ({@link #byName(String, ZoneId)}); 13-digit epoch
 *       milliseconds; a date alone is the start of that day</td></tr>
 *   <tr><td>{@code gender}</td><td>{@code String}</td><td>GB/T 2261.1-2003 code: {@code 1} male
 *       (男 男性 M male), {@code 2} female (女 女性 F female), {@code 0} unknown (未知 未知的性别),
 *       {@code 9} not stated (未说明 未说明的性别)</td></tr>
 *   <tr><td>{@code relationToHead}</td><td>{@code String}</td><td>the GB/T 4761-2008 term of
 *       {@link FamilyRelation#of(String)}, e.g. 妻子 → 配偶</td></tr>
 *   <tr><td>{@code address}</td><td>{@code String}</td><td>{@link AddressParser.Parts#text()}: simplified, NFKC,
 *       no white space, counting numerals as digits, division prefixes and a final {@code 室} removed</td></tr>
 *   <tr><td>{@code addressRoad}, {@code addressNumber}, {@code addressBuilding}, {@code addressUnit},
 *       {@code addressRoom}</td><td>{@code String}</td><td>that part of the address ({@link AddressParser}), or
 *       missing when the address does not state it</td></tr>
 *   <tr><td>{@code addressDivision}, {@code addressCommunity}</td><td>{@code String}</td><td>the most specific
 *       division code named in the address, and the community's 12-digit code, from the bundled 西城区 table
 *       ({@link org.jiedao.hub.loaders.reference.DivisionCodes#xicheng()})</td></tr>
 *   <tr><td>{@code phone}</td><td>{@code String}</td><td>E.164 ({@link PhoneNumbers}, libphonenumber):
 *       {@code +8613800138000}, {@code +861066012345}, {@code +861066012345;ext=12}; service numbers as dialled
 *       ({@code 12345})</td></tr>
 *   <tr><td>{@code integer}</td><td>{@code Long}</td><td>optional sign, digits, optional {@code ,} thousands
 *       separators</td></tr>
 *   <tr><td>{@code code}</td><td>{@code String}</td><td>upper-case; ASCII letters and digits only (division
 *       codes, household numbers)</td></tr>
 *   <tr><td>{@code pinyin}</td><td>{@code String}</td><td>pinyin search text of a name or address
 *       ({@link Pinyin#searchText(String)}, ICU4J Han-Latin): 林晓雨 → {@code lin xiao yu linxiao xiaoyu linxiaoyu
 *       lxy}; the ontology derives it ({@code hub:derivedFrom})</td></tr>
 * </table>
 */
public final class Normalisers {

    /** The zone of timestamps without an offset when the caller names none: China Standard Time. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    private static final Map<String, Function<ZoneId, Normaliser>> BY_NAME;

    static {
        Map<String, Function<ZoneId, Normaliser>> m = new LinkedHashMap<>();
        put(m, "text", Text::nfkcTrim);
        put(m, "name", PersonNames::name);
        put(m, "nameKey", PersonNames::nameKey);
        put(m, "idNumber", raw -> Text.nfkcTrim(raw) == null ? null : IdNumber.parse(raw).value());
        put(m, "plate", raw -> Text.nfkcTrim(raw) == null ? null : Plate.parse(raw).value());
        put(m, "date", Dates::date);
        put(m, "partialDate", Dates::partialDate);
        m.put("datetime", zone -> raw -> Dates.timestamp(raw, zone));
        put(m, "gender", Normalisers::gender);
        put(m, "relationToHead", raw -> Text.nfkcTrim(raw) == null ? null : FamilyRelation.of(raw).term());
        put(m, "address", address(AddressParser.Parts::text));
        put(m, "addressRoad", address(AddressParser.Parts::road));
        put(m, "addressNumber", address(AddressParser.Parts::number));
        put(m, "addressBuilding", address(AddressParser.Parts::building));
        put(m, "addressUnit", address(AddressParser.Parts::unit));
        put(m, "addressRoom", address(AddressParser.Parts::room));
        put(m, "addressDivision", address(AddressParser.Parts::divisionCode));
        put(m, "addressCommunity", address(AddressParser.Parts::communityCode));
        put(m, "phone", PhoneNumbers::phone);
        put(m, "integer", Normalisers::integer);
        put(m, "code", Normalisers::code);
        put(m, "decimal", Normalisers::decimal);
        put(m, "pinyin", Pinyin::searchText);
        BY_NAME = Collections.unmodifiableMap(m);
    }

    private Normalisers() {
    }

    private static void put(Map<String, Function<ZoneId, Normaliser>> m, String name, Normaliser n) {
        m.put(name, zone -> n);
    }

    private static Normaliser address(Function<AddressParser.Parts, String> part) {
        return raw -> {
            AddressParser.Parts parts = AddressParser.xicheng().parse(raw);
            return parts == null ? null : part.apply(parts);
        };
    }

    /**
     * Returns the normaliser of that name, reading timestamps without an offset in {@link #DEFAULT_ZONE}.
     *
     * @param name one of {@link #names()}, case-sensitive, e.g. {@code "idNumber"}
     * @return the normaliser (stateless, thread-safe)
     * @throws IllegalArgumentException if the name is unknown or {@code null}; the message lists the known names
     */
    public static Normaliser byName(String name) {
        return byName(name, DEFAULT_ZONE);
    }

    /**
     * Returns the normaliser of that name for a source whose timestamps without an offset are local times of
     * {@code zone} ({@code SourceDefinition.zoneId()}); only {@code datetime} depends on the zone.
     *
     * @param name one of {@link #names()}, case-sensitive, e.g. {@code "datetime"}
     * @param zone the source's zone, e.g. {@code Asia/Shanghai}
     * @return the normaliser (stateless, thread-safe)
     * @throws IllegalArgumentException if the name is unknown or {@code null}; the message lists the known names
     * @throws NullPointerException     if {@code zone} is {@code null}
     */
    public static Normaliser byName(String name, ZoneId zone) {
        java.util.Objects.requireNonNull(zone, "zone");
        Function<ZoneId, Normaliser> n = name == null ? null : BY_NAME.get(name);
        if (n == null) {
            throw new IllegalArgumentException("unknown normaliser '" + name + "'; known normalisers: "
                    + String.join(", ", BY_NAME.keySet()));
        }
        return n.apply(zone);
    }

    /**
     * The normaliser that gives a property's canonical form, as the ontology names it ({@code hub:normaliser};
     * {@code text} when it names none). API arguments go through it, so that any written form of a key finds
     * the node the loaders wrote.
     *
     * @param property an ontology property
     * @return its normaliser
     * @throws IllegalArgumentException if the ontology names an unknown normaliser
     */
    public static Normaliser forProperty(org.jiedao.hub.ontology.PropertyDef property) {
        return byName(property.normaliser() == null ? "text" : property.normaliser());
    }

    /**
     * The names accepted by {@link #byName(String)}.
     *
     * @return an unmodifiable set in documentation order: text, name, nameKey, idNumber, plate, date, partialDate,
     *         datetime, gender, relationToHead, address, addressRoad, addressNumber, addressBuilding, addressUnit,
     *         addressRoom, addressDivision, addressCommunity, phone, integer, code, decimal, pinyin
     */
    public static Set<String> names() {
        return BY_NAME.keySet();
    }

    // ---------------------------------------------------------------- gender

    private static final Map<String, String> GENDER = Map.ofEntries(
            Map.entry("男", "1"), Map.entry("男性", "1"), Map.entry("m", "1"), Map.entry("male", "1"),
            Map.entry("1", "1"),
            Map.entry("女", "2"), Map.entry("女性", "2"), Map.entry("f", "2"), Map.entry("female", "2"),
            Map.entry("2", "2"),
            Map.entry("未知", "0"), Map.entry("未知的性别", "0"), Map.entry("0", "0"),
            Map.entry("未说明", "9"), Map.entry("未说明的性别", "9"), Map.entry("9", "9"));

    private static String gender(String raw) throws NormalisationException {
        String s = Text.nfkcTrim(raw);
        if (s == null) {
            return null;
        }
        String code = GENDER.get(Text.removeWhitespace(s).toLowerCase(Locale.ROOT));
        if (code == null) {
            throw new NormalisationException("gender '" + s + "' is not one of 男/M/1, 女/F/2, 未知/0, 未说明/9"
                    + " (GB/T 2261.1-2003)");
        }
        return code;
    }

    // ---------------------------------------------------------------- integer, code

    private static final Pattern INTEGER = Pattern.compile("[+-]?(?:\\d+|\\d{1,3}(?:,\\d{3})+)");

    private static Long integer(String raw) throws NormalisationException {
        String s = Text.nfkcTrim(raw);
        if (s == null) {
            return null;
        }
        if (!INTEGER.matcher(s).matches()) {
            throw new NormalisationException("'" + s + "' is not an integer");
        }
        try {
            return Long.valueOf(s.replace(",", "").replaceFirst("^\\+", ""));
        } catch (NumberFormatException e) {
            throw new NormalisationException("integer '" + s + "' is out of range (at most 19 digits)");
        }
    }

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)");

    /**
     * A decimal number written in plain notation (xsd:decimal lexical form, XML Schema 1.1 part 2 section 3.3.3, after
     * NFKC so full-width digits pass): {@code 39.915}, {@code -0.5}, {@code 12}; no exponent, no grouping.
     *
     * @return the value as a Double (stored as xsd:decimal), or null for an empty value
     * @throws NormalisationException if the text is not such a number
     */
    private static Double decimal(String raw) throws NormalisationException {
        String s = Text.nfkcTrim(raw);
        if (s == null) {
            return null;
        }
        if (!DECIMAL.matcher(s).matches()) {
            throw new NormalisationException("'" + s + "' is not a decimal number");
        }
        return Double.valueOf(s);
    }

    private static final Pattern CODE = Pattern.compile("[0-9A-Z]+");

    private static String code(String raw) throws NormalisationException {
        String s = Text.nfkcTrim(raw);
        if (s == null) {
            return null;
        }
        s = s.toUpperCase(Locale.ROOT);
        if (!CODE.matcher(s).matches()) {
            throw new NormalisationException("code '" + s + "' may contain only letters A-Z and digits");
        }
        return s;
    }
}

package org.jiedao.hub.loaders.normalise;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
 *   <tr><td>{@code name}</td><td>{@code String}</td><td>person name: white space between Han characters and
 *       around separators removed; for names containing Han characters, the separators
 *       {@code · • . ． ・} (U+00B7, U+2022, U+002E, U+FF0E, U+30FB) become U+00B7 '·'</td></tr>
 *   <tr><td>{@code idNumber}</td><td>{@code String}</td><td>{@link IdNumber#parse(String)}, 18 characters
 *       (GB 11643-1999)</td></tr>
 *   <tr><td>{@code plate}</td><td>{@code String}</td><td>{@link Plate#parse(String)}, e.g. {@code 京A12345}
 *       (GA 36-2018)</td></tr>
 *   <tr><td>{@code date}</td><td>{@code LocalDate}</td><td>{@code 1985-03-07}, {@code 1985/3/7},
 *       {@code 1985.3.7}, {@code 19850307}, {@code 1985年3月7日}; a trailing midnight time
 *       ({@code 00:00[:00]}, as spreadsheets export dates) is ignored</td></tr>
 *   <tr><td>{@code datetime}</td><td>{@code LocalDateTime}</td><td>a date as above, then {@code T} or a space
 *       and {@code H:mm[:ss[.fraction]]}; a date alone is the start of that day</td></tr>
 *   <tr><td>{@code gender}</td><td>{@code String}</td><td>GB/T 2261.1-2003 code: {@code 1} male
 *       (男 男性 M male), {@code 2} female (女 女性 F female), {@code 0} unknown (未知 未知的性别),
 *       {@code 9} not stated (未说明 未说明的性别)</td></tr>
 *   <tr><td>{@code relationToHead}</td><td>{@code String}</td><td>the GB/T 4761-2008 term of
 *       {@link FamilyRelation#of(String)}, e.g. 妻子 → 配偶</td></tr>
 *   <tr><td>{@code address}</td><td>{@code String}</td><td>all white space removed; leading province,
 *       {@code 市辖区}, Beijing district and {@code …街道} sub-district names removed; a final {@code 室} after a
 *       room number removed; Chinese numerals kept</td></tr>
 *   <tr><td>{@code phone}</td><td>{@code String}</td><td>digits only: mobile {@code 1[3-9]} + 9 digits
 *       ({@code +86}/{@code 86}/{@code 0086} removed) or landline with area code, e.g. {@code 01066012345}</td></tr>
 *   <tr><td>{@code integer}</td><td>{@code Long}</td><td>optional sign, digits, optional {@code ,} thousands
 *       separators</td></tr>
 *   <tr><td>{@code code}</td><td>{@code String}</td><td>upper-case; ASCII letters and digits only (division
 *       codes, household numbers)</td></tr>
 * </table>
 */
public final class Normalisers {

    private static final Map<String, Normaliser> BY_NAME;

    static {
        Map<String, Normaliser> m = new LinkedHashMap<>();
        m.put("text", Text::nfkcTrim);
        m.put("name", Normalisers::name);
        m.put("idNumber", raw -> Text.nfkcTrim(raw) == null ? null : IdNumber.parse(raw).value());
        m.put("plate", raw -> Text.nfkcTrim(raw) == null ? null : Plate.parse(raw).value());
        m.put("date", Normalisers::date);
        m.put("datetime", Normalisers::dateTime);
        m.put("gender", Normalisers::gender);
        m.put("relationToHead", raw -> Text.nfkcTrim(raw) == null ? null : FamilyRelation.of(raw).term());
        m.put("address", Normalisers::address);
        m.put("phone", Normalisers::phone);
        m.put("integer", Normalisers::integer);
        m.put("code", Normalisers::code);
        m.put("decimal", Normalisers::decimal);
        BY_NAME = Collections.unmodifiableMap(m);
    }

    private Normalisers() {
    }

    /**
     * Returns the normaliser of that name.
     *
     * @param name one of {@link #names()}, case-sensitive, e.g. {@code "idNumber"}
     * @return the normaliser (stateless, thread-safe)
     * @throws IllegalArgumentException if the name is unknown or {@code null}; the message lists the known names
     */
    public static Normaliser byName(String name) {
        Normaliser n = name == null ? null : BY_NAME.get(name);
        if (n == null) {
            throw new IllegalArgumentException("unknown normaliser '" + name + "'; known normalisers: "
                    + String.join(", ", BY_NAME.keySet()));
        }
        return n;
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
     * @return an unmodifiable set in documentation order: text, name, idNumber, plate, date, datetime, gender,
     *         relationToHead, address, phone, integer, code
     */
    public static Set<String> names() {
        return BY_NAME.keySet();
    }

    // ---------------------------------------------------------------- name

    private static final Pattern NAME_SEPARATOR = Pattern.compile("[·•.・\\u2027\\u0387]");
    private static final Pattern SEPARATOR_RUN = Pattern.compile("\\s*(?:·\\s*)+");

    private static String name(String raw) {
        String s = Text.nfkcTrim(raw);
        if (s == null) {
            return null;
        }
        if (!s.codePoints().anyMatch(Text::isHan)) {
            return s;
        }
        s = NAME_SEPARATOR.matcher(s).replaceAll("·");
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

    // ---------------------------------------------------------------- dates

    /** Groups 1-4: yyyy sep M sep d; 5-7: yyyy年M月d日; 8-10: yyyyMMdd. */
    private static final String DATE = "(?:(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})"
            + "|(\\d{4}) ?年 ?(\\d{1,2}) ?月 ?(\\d{1,2}) ?日?"
            + "|(\\d{4})(\\d{2})(\\d{2}))";
    /** Groups 11-14: H, mm, ss, fraction. */
    private static final String TIME = "(?:(?:T| |(?<=日))(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?";
    private static final Pattern DATE_TIME = Pattern.compile(DATE + TIME);

    private static LocalDate date(String raw) throws NormalisationException {
        LocalDateTime t = parseDateTime(raw, "date");
        if (t == null) {
            return null;
        }
        if (!t.toLocalTime().equals(LocalTime.MIDNIGHT)) {
            throw new NormalisationException("date '" + Text.nfkcTrim(raw) + "' has a time of day; expected a date"
                    + " such as 1985-03-07, 1985/3/7, 1985.3.7, 19850307 or 1985年3月7日");
        }
        return t.toLocalDate();
    }

    private static LocalDateTime dateTime(String raw) throws NormalisationException {
        return parseDateTime(raw, "date-time");
    }

    private static LocalDateTime parseDateTime(String raw, String what) throws NormalisationException {
        String s = Text.nfkcTrim(raw);
        if (s == null) {
            return null;
        }
        Matcher m = DATE_TIME.matcher(s);
        if (!m.matches()) {
            throw new NormalisationException(what + " '" + s + "' is not in a known form (1985-03-07, 1985/3/7,"
                    + " 1985.3.7, 19850307, 1985年3月7日" + (what.equals("date") ? "" : ", then T or a space and 14:22[:05]")
                    + ")");
        }
        int base = m.group(1) != null ? 1 : m.group(5) != null ? 5 : 8;
        int year = Integer.parseInt(m.group(base));
        int month = Integer.parseInt(m.group(base == 1 ? 3 : base + 1));
        int day = Integer.parseInt(m.group(base == 1 ? 4 : base + 2));
        if (month < 1 || month > 12) {
            throw new NormalisationException(what + " '" + s + "': there is no month " + month);
        }
        YearMonth ym = YearMonth.of(year, month);
        if (day < 1 || day > ym.lengthOfMonth()) {
            throw new NormalisationException(what + " '" + s + "': " + ym + " has no day " + day);
        }
        LocalDate date = ym.atDay(day);
        if (m.group(11) == null) {
            return date.atStartOfDay();
        }
        int hour = Integer.parseInt(m.group(11));
        int minute = Integer.parseInt(m.group(12));
        int second = m.group(13) == null ? 0 : Integer.parseInt(m.group(13));
        int nano = m.group(14) == null ? 0 : Integer.parseInt((m.group(14) + "00000000").substring(0, 9));
        try {
            return date.atTime(hour, minute, second, nano);
        } catch (DateTimeException e) {
            throw new NormalisationException(what + " '" + s + "': time of day out of range (00:00:00 to 23:59:59)");
        }
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

    // ---------------------------------------------------------------- address

    private static final Pattern ADDRESS_PROVINCE = Pattern.compile("^(?:北京市?|天津市?|上海市?|重庆市?"
            + "|河北省|山西省|辽宁省|吉林省|黑龙江省|江苏省|浙江省|安徽省|福建省|江西省|山东省|河南省|湖北省|湖南省"
            + "|广东省|海南省|四川省|贵州省|云南省|陕西省|甘肃省|青海省|台湾省"
            + "|内蒙古自治区|广西壮族自治区|西藏自治区|宁夏回族自治区|新疆维吾尔自治区"
            + "|香港特别行政区|澳门特别行政区)");
    private static final Pattern ADDRESS_CITY_PLACEHOLDER = Pattern.compile("^(?:市辖区)");
    private static final Pattern ADDRESS_DISTRICT = Pattern.compile("^(?:东城区|西城区|朝阳区|丰台区|石景山区"
            + "|海淀区|门头沟区|房山区|通州区|顺义区|昌平区|大兴区|怀柔区|平谷区|密云区|延庆区"
            + "|崇文区|宣武区|密云县|延庆县)");
    private static final Pattern ADDRESS_SUBDISTRICT = Pattern.compile("^\\p{IsHan}{1,10}?街道(?:办事处)?");
    private static final Pattern ADDRESS_ROOM = Pattern.compile("(\\d)室$");

    private static String address(String raw) {
        String s = Text.nfkcTrim(raw);
        if (s == null) {
            return null;
        }
        s = Text.removeWhitespace(s);
        for (Pattern p : new Pattern[] {ADDRESS_PROVINCE, ADDRESS_CITY_PLACEHOLDER, ADDRESS_DISTRICT,
                ADDRESS_SUBDISTRICT}) {
            Matcher m = p.matcher(s);
            if (m.find() && m.end() < s.length()) {
                s = s.substring(m.end());
            }
        }
        return ADDRESS_ROOM.matcher(s).replaceFirst("$1");
    }

    // ---------------------------------------------------------------- phone

    private static final Pattern PHONE_ALLOWED = Pattern.compile("\\+?[0-9 ()\\-]+");
    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    private static final Pattern LANDLINE = Pattern.compile("(?:010|02\\d)\\d{8}|0[3-9]\\d{2}\\d{7,8}");

    private static String phone(String raw) throws NormalisationException {
        String s = Text.nfkcTrim(raw);
        if (s == null) {
            return null;
        }
        if (!PHONE_ALLOWED.matcher(s).matches()) {
            throw new NormalisationException("phone number '" + s + "' may contain only digits, spaces, '-', '('"
                    + " and ')' after an optional '+'");
        }
        String d = s.replaceAll("[^0-9]", "");
        boolean international = false;
        if (d.startsWith("0086")) {
            d = d.substring(4);
            international = true;
        } else if (s.startsWith("+86") || (d.startsWith("86") && d.length() == 13)) {
            d = d.substring(2);
            international = true;
        }
        if (international && !MOBILE.matcher(d).matches() && !d.startsWith("0")) {
            d = "0" + d; // +86 10 6601 2345 -> 010 6601 2345
        }
        if (MOBILE.matcher(d).matches() || LANDLINE.matcher(d).matches()) {
            return d;
        }
        throw new NormalisationException("phone number '" + s + "' is neither a mainland mobile number"
                + " (11 digits starting 13-19) nor a landline with its area code (e.g. 010-66012345)");
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

package org.jiedao.hub.loaders.normalise;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jiedao.hub.loaders.reference.DivisionCodes;
import org.jiedao.hub.loaders.reference.DivisionCodes.Division;

/**
 * Parses a free-text mainland address of the sub-district into its parts, following the order of the address
 * elements in GB/T 23705-2009 《数字城市地理信息公共平台地名/地址编码规则》 and the door-plate practice of Beijing
 * (行政区划 &gt; 街路巷 &gt; 门牌号 &gt; 楼号 &gt; 单元号 &gt; 户室号):
 * {@code 北京市西城区西长安街街道府右街社区府右街17号3号楼2单元301室} gives division 西长安街街道 (110102001), road 府右街,
 * number 17, building 3, unit 2, room 301.
 *
 * <p>Before parsing, the text is cleaned: Unicode NFKC (full-width digits and letters become ASCII), white space
 * removed, traditional and variant characters made simplified with ICU4J's {@code Traditional-Simplified}
 * transliterator (號→号, 樓→楼, 單元→单元, 區→区, 衚衕→胡同), and Chinese numerals that count door plates, buildings,
 * units, floors and rooms (before 号 单元 栋 幢 座 层 楼 室 门) written in digits: 三号楼→3号楼, 十二号→12号,
 * 三〇一室→301室. Numerals in names (东四十二条, 三里河) are kept.
 *
 * <p>Divisions: the province (北京市), the placeholder 市辖区, a Beijing district, a sub-district ({@code …街道},
 * {@code …街道办事处}) and a community ({@code …社区}, {@code …社区居委会}, {@code …居委会}) at the start are removed
 * from the text; the district, sub-district and community are looked up by name in the division table given to
 * the parser, and {@link Parts#divisionCode()} is the most specific code found (a community found under another
 * sub-district than the one named is not taken). Division names not in the table are still removed from the text,
 * so that the same address written with or without them gives the same {@link Parts#text()}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class AddressParser {

    /**
     * The parts of an address; each is {@code null} when the address does not state it.
     *
     * @param text          the normalised address text without division prefixes, and without the {@code 室} after
     *                      a room number: the key of an {@code Address} node, e.g. {@code 府右街17号3号楼2单元301}
     * @param divisionCode  the most specific statistical division code found (6, 9 or 12 digits)
     * @param communityCode the 12-digit code of the community, if one was found
     * @param road          the road, street, lane or hutong (街路巷), e.g. {@code 府右街}, {@code 某某胡同}
     * @param number        the door-plate number (门牌号), e.g. {@code 17}, {@code 12-3}
     * @param building      the building number (楼号), e.g. {@code 3}, {@code A}
     * @param unit          the unit or entrance number (单元号), e.g. {@code 2}
     * @param room          the room or flat number (户室号), e.g. {@code 301}
     */
    public record Parts(String text, String divisionCode, String communityCode, String road, String number,
                        String building, String unit, String room) {
        /**
         * @param text          the normalised text, never null
         * @param divisionCode  the division code or null
         * @param communityCode the community code or null
         * @param road          the road or null
         * @param number        the door-plate number or null
         * @param building      the building number or null
         * @param unit          the unit number or null
         * @param room          the room number or null
         */
        public Parts {
            Objects.requireNonNull(text, "text");
        }
    }

    private static volatile AddressParser xicheng;

    private static final Pattern PROVINCE = Pattern.compile("^(?:北京市?|天津市?|上海市?|重庆市?"
            + "|河北省|山西省|辽宁省|吉林省|黑龙江省|江苏省|浙江省|安徽省|福建省|江西省|山东省|河南省|湖北省|湖南省"
            + "|广东省|海南省|四川省|贵州省|云南省|陕西省|甘肃省|青海省|台湾省"
            + "|内蒙古自治区|广西壮族自治区|西藏自治区|宁夏回族自治区|新疆维吾尔自治区"
            + "|香港特别行政区|澳门特别行政区)");
    private static final Pattern CITY_PLACEHOLDER = Pattern.compile("^市辖区");
    private static final Pattern DISTRICT = Pattern.compile("^(?:东城区|西城区|朝阳区|丰台区|石景山区"
            + "|海淀区|门头沟区|房山区|通州区|顺义区|昌平区|大兴区|怀柔区|平谷区|密云区|延庆区"
            + "|崇文区|宣武区|密云县|延庆县)");
    private static final Pattern SUBDISTRICT = Pattern.compile("^(\\p{IsHan}{1,10}?街道)(?:办事处)?");
    private static final Pattern COMMUNITY = Pattern.compile("^(\\p{IsHan}{1,12}?)(?:社区居委会|社区居民委员会|社区|居委会|居民委员会)");
    private static final Pattern NUMERAL = Pattern.compile("([〇零一二两三四五六七八九十百]+)(?=号|单元|栋|幢|座|层|楼|室|门)");
    private static final Pattern NUMBER = Pattern.compile("([0-9]+(?:-[0-9]+)?)号(?!楼)(院)?");
    private static final Pattern BUILDING = Pattern.compile("([0-9]+|[A-Z])(?:号楼|栋|幢|座)");
    private static final Pattern UNIT = Pattern.compile("([0-9]+)(?:单元|门)");
    private static final Pattern ROOM = Pattern.compile("(?:^|[^0-9])([0-9]{1,5})室?$");
    private static final Pattern ROOM_SUFFIX = Pattern.compile("([0-9])室$");
    private static final Pattern ROAD = Pattern.compile("(\\p{IsHan}+?(?:胡同|大街|小街|街|路|巷|条|里|夹道|道|弄|沿))$");
    private static final Pattern DASHES = Pattern.compile("[‐‑‒–—―]");
    private final Map<String, Division> districts = new HashMap<>();
    private final Map<String, Division> streets = new HashMap<>();
    private final Map<String, Division> communities = new HashMap<>();

    /**
     * @param divisions the division table whose districts, streets and communities are recognised by name
     */
    public AddressParser(DivisionCodes divisions) {
        for (Division d : divisions.all()) {
            switch (d.level()) {
                case "district" -> districts.put(d.name(), d);
                case "street" -> streets.put(d.name(), d);
                case "community" -> communities.put(communityCore(d.name()), d);
                default -> { }
            }
        }
    }

    /**
     * The parser for the bundled 西城区 table ({@link DivisionCodes#xicheng()}), built once.
     *
     * @return the shared parser
     */
    public static AddressParser xicheng() {
        AddressParser p = xicheng;
        if (p == null) {
            synchronized (AddressParser.class) {
                p = xicheng;
                if (p == null) {
                    p = new AddressParser(DivisionCodes.xicheng());
                    xicheng = p;
                }
            }
        }
        return p;
    }

    /**
     * Parses an address.
     *
     * @param raw the address as written
     * @return its parts, or {@code null} for a blank value
     * @throws NormalisationException if the text has no Chinese character (a mainland address always has one), so
     *         that values such as {@code N/A} or {@code ???} are refused
     */
    public Parts parse(String raw) throws NormalisationException {
        String s = Text.nfkcTrim(raw);
        if (s == null) {
            return null;
        }
        s = Text.removeWhitespace(s);
        if (s.codePoints().noneMatch(Text::isHan)) {
            throw new NormalisationException("地址 '" + s + "' 不含汉字，不是地址 / address '" + s
                    + "' has no Chinese character, so it is no address");
        }
        s = DASHES.matcher(Text.toSimplified(s)).replaceAll("-");
        s = numeralsToDigits(s);

        Division district = null;
        Division street = null;
        Division community = null;
        Matcher m;
        for (Pattern p : new Pattern[] {PROVINCE, CITY_PLACEHOLDER}) {
            m = p.matcher(s);
            if (m.find() && m.end() < s.length()) {
                s = s.substring(m.end());
            }
        }
        m = DISTRICT.matcher(s);
        if (m.find() && m.end() < s.length()) {
            district = districts.get(m.group());
            s = s.substring(m.end());
        }
        m = SUBDISTRICT.matcher(s);
        if (m.find() && m.end() < s.length()) {
            street = streets.get(m.group(1));
            if (street != null && district != null && !district.code().equals(street.parentCode())) {
                street = null;
            }
            s = s.substring(m.end());
        }
        m = COMMUNITY.matcher(s);
        if (m.find() && m.end() < s.length()) {
            community = communities.get(m.group(1));
            if (community != null && street != null && !street.code().equals(community.parentCode())) {
                community = null;
            }
            s = s.substring(m.end());
        }
        String text = ROOM_SUFFIX.matcher(s).replaceFirst("$1");
        String division = community != null ? community.code() : street != null ? street.code()
                : district != null ? district.code() : null;

        String road = null;
        String number = null;
        Matcher n = NUMBER.matcher(text);
        int afterNumber = 0;
        if (n.find()) {
            number = n.group(1);
            afterNumber = n.end();
            Matcher r = ROAD.matcher(text.substring(0, n.start()));
            if (r.find()) {
                road = r.group(1);
            }
        } else {
            Matcher r = ROAD.matcher(text);
            road = r.find() && r.start() == 0 ? r.group(1) : null;
        }
        String rest = text.substring(afterNumber);
        String building = group(BUILDING.matcher(rest));
        String unit = group(UNIT.matcher(rest));
        String room = null;
        if (building != null || unit != null || s.endsWith("室")) {
            Matcher rm = ROOM.matcher(rest);
            if (rm.find() && !rest.substring(rm.start(1)).matches("[0-9]+(?:单元|门|号楼|栋|幢|座)")) {
                room = rm.group(1);
            }
        }
        return new Parts(text, division, community == null ? null : community.code(), road, number, building, unit,
                room);
    }

    private static String group(Matcher m) {
        return m.find() ? m.group(1) : null;
    }

    /** The name of a community without its committee suffix: 府右街南社区居委会 → 府右街南. */
    private static String communityCore(String name) {
        for (String suffix : new String[] {"社区居委会", "社区居民委员会", "居委会", "居民委员会", "社区"}) {
            if (name.endsWith(suffix) && name.length() > suffix.length()) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }

    /** Chinese numerals before a counting word, as Arabic digits (三号楼 → 3号楼, 十二号 → 12号, 三〇一室 → 301室). */
    static String numeralsToDigits(String s) {
        Matcher m = NUMERAL.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Integer.toString(chineseNumber(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static int chineseNumber(String s) {
        if (s.indexOf('十') < 0 && s.indexOf('百') < 0) {
            int v = 0;
            for (char c : s.toCharArray()) {
                v = v * 10 + digit(c);
            }
            return v;
        }
        int total = 0;
        int current = 0;
        for (char c : s.toCharArray()) {
            switch (c) {
                case '百' -> {
                    total += (current == 0 ? 1 : current) * 100;
                    current = 0;
                }
                case '十' -> {
                    total += (current == 0 ? 1 : current) * 10;
                    current = 0;
                }
                default -> current = digit(c);
            }
        }
        return total + current;
    }

    private static int digit(char c) {
        return switch (c) {
            case '一' -> 1;
            case '二', '两' -> 2;
            case '三' -> 3;
            case '四' -> 4;
            case '五' -> 5;
            case '六' -> 6;
            case '七' -> 7;
            case '八' -> 8;
            case '九' -> 9;
            default -> 0;
        };
    }
}

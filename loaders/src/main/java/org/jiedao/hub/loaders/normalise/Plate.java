package org.jiedao.hub.loaders.normalise;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A motor-vehicle number plate (机动车号牌) following GA 36-2018.
 *
 * <p>Accepted forms (the serial never contains the letters {@code I} or {@code O}):
 * <ul>
 *   <li>ordinary plate: province abbreviation, authority letter, 5-character serial of digits and letters,
 *       e.g. {@code 京A12345}, {@code 沪ADF123};</li>
 *   <li>small new-energy plate: province, authority letter, 6-character serial whose first character is
 *       {@code D A B C E} (pure electric) or {@code F G H J K} (other), whose second character is a digit or
 *       letter and whose last 4 are digits, e.g. {@code 京AD12345}, {@code 粤BA03205};</li>
 *   <li>large new-energy plate: province, authority letter, 5 digits and one of {@code D A B C E F G H J K},
 *       e.g. {@code 京A12345D};</li>
 *   <li>plates with a final Chinese character: province, authority letter, 4 digits or letters, then
 *       {@code 警} (police), {@code 挂} (trailer), {@code 学} (driving school), {@code 港} / {@code 澳}
 *       (Hong Kong / Macau cross-border) or {@code 领} (consulate), e.g. {@code 京A1234警};</li>
 *   <li>the older consulate form: province, 5 digits, {@code 领}, e.g. {@code 闽20401领};</li>
 *   <li>embassy plates: {@code 使} and 6 digits (3-digit mission code, 3-digit serial), e.g. {@code 使014578}.</li>
 * </ul>
 * Input may use full-width letters and digits (Unicode NFKC), lower-case letters and the separators
 * {@code · • . ・ -} or white space anywhere; the '·' is presentational and not part of the value.
 *
 * <p>The province abbreviation must be one of the 31 of GA 36-2018. The authority letter is <em>not</em>
 * checked against the per-province table of issuing authorities: the tables in circulation are incomplete
 * (e.g. 苏U was added for Suzhou), so a plausible plate is never rejected for that reason.
 *
 * <p>Instances are immutable; equality is by {@link #value()}.
 */
public final class Plate {

    private static final String STANDARD = "GA 36-2018";
    /** The 31 province abbreviations of GA 36-2018. */
    static final String PROVINCES = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新";
    private static final String L = "A-HJ-NP-Z"; // letters without I and O
    private static final String NE = "ABCDEFGHJK";
    private static final String P = "[" + PROVINCES + "]";

    private static final Pattern ORDINARY = Pattern.compile(P + "[A-Z][0-9" + L + "]{5}");
    private static final Pattern SMALL_NEW_ENERGY = Pattern.compile(P + "[A-Z][" + NE + "][0-9" + L + "][0-9]{4}");
    private static final Pattern LARGE_NEW_ENERGY = Pattern.compile(P + "[A-Z][0-9]{5}[" + NE + "]");
    private static final Pattern SUFFIXED = Pattern.compile(P + "[A-Z][0-9" + L + "]{4}[警挂学港澳领]");
    private static final Pattern OLD_CONSULATE = Pattern.compile(P + "[0-9]{5}领");
    private static final Pattern EMBASSY = Pattern.compile("使[0-9]{6}");
    private static final Pattern SEPARATORS = Pattern.compile("[·•.・\\-\\s\\p{Z}]+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern FORBIDDEN_LETTER = Pattern.compile("[IO]");

    private final String value;
    private final boolean newEnergy;

    private Plate(String value, boolean newEnergy) {
        this.value = value;
        this.newEnergy = newEnergy;
    }

    /**
     * Parses and validates a plate number.
     *
     * @param raw the raw value, e.g. {@code 京A·12345}, {@code 京a 12345}, {@code 京Ａ１２３４５}
     * @return the plate in canonical form
     * @throws NormalisationException if the value is blank, the first character is not a GA 36-2018 province
     *         abbreviation (or {@code 使}), the authority code is not a letter, the serial contains {@code I}
     *         or {@code O}, or the length and pattern match none of the forms listed on this class
     */
    public static Plate parse(String raw) throws NormalisationException {
        String s = Text.nfkcTrim(raw);
        if (s == null) {
            throw new NormalisationException("plate is empty");
        }
        s = SEPARATORS.matcher(s).replaceAll("").toUpperCase(Locale.ROOT);
        if (s.isEmpty()) {
            throw new NormalisationException("plate '" + raw.strip() + "' has no characters besides separators");
        }
        int first = s.codePointAt(0);
        if (first != '使' && PROVINCES.indexOf(first) < 0) {
            throw new NormalisationException("plate " + s + ": '" + Character.toString(first)
                    + "' is not a province abbreviation (" + STANDARD + ")");
        }
        if (EMBASSY.matcher(s).matches()) {
            return new Plate(s, false);
        }
        if (OLD_CONSULATE.matcher(s).matches()) {
            return new Plate(s, false);
        }
        if (first == '使') {
            throw new NormalisationException("plate " + s + ": an embassy plate is 使 followed by 6 digits ("
                    + STANDARD + ")");
        }
        if (s.length() < 2 || s.charAt(1) < 'A' || s.charAt(1) > 'Z') {
            throw new NormalisationException("plate " + s + ": the second character must be the letter of the"
                    + " issuing authority (" + STANDARD + ")");
        }
        Matcher forbidden = FORBIDDEN_LETTER.matcher(s).region(2, s.length());
        if (forbidden.find()) {
            throw new NormalisationException("plate " + s + ": the letter " + forbidden.group()
                    + " is never used in the serial (" + STANDARD + ")");
        }
        if (ORDINARY.matcher(s).matches() || SUFFIXED.matcher(s).matches()) {
            return new Plate(s, false);
        }
        if (SMALL_NEW_ENERGY.matcher(s).matches() || LARGE_NEW_ENERGY.matcher(s).matches()) {
            return new Plate(s, true);
        }
        String reason = switch (s.length()) {
            case 0, 1, 2, 3, 4, 5, 6 -> "too short: a plate has 7 characters (8 for new-energy vehicles)";
            case 7 -> "the serial must be 5 digits or letters, or 4 followed by 警 挂 学 港 澳 领";
            case 8 -> "an 8-character plate must be a new-energy plate: the serial starts with one of D A B C E"
                    + " F G H J K followed by a digit or letter and 4 digits, or is 5 digits ending in one of them";
            default -> "too long: a plate has 7 characters (8 for new-energy vehicles)";
        };
        throw new NormalisationException("plate " + s + ": " + reason + " (" + STANDARD + ")");
    }

    /**
     * The canonical form: no separator, upper-case letters.
     *
     * @return e.g. {@code 京A12345}, {@code 京AD12345}
     */
    public String value() {
        return value;
    }

    /**
     * The display form, with a '·' (U+00B7) after the authority letter as printed on the plate; plates without
     * an authority letter (embassy, older consulate form) are shown as {@link #value()}.
     *
     * @return e.g. {@code 京A·12345}
     */
    public String display() {
        if (value.length() >= 3 && value.charAt(1) >= 'A' && value.charAt(1) <= 'Z') {
            return value.substring(0, 2) + '·' + value.substring(2);
        }
        return value;
    }

    /**
     * Whether this is a new-energy plate (8 characters, small or large vehicle).
     *
     * @return {@code true} for new-energy plates
     */
    public boolean newEnergy() {
        return newEnergy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Plate other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /**
     * Returns {@link #value()}.
     *
     * @return the canonical form
     */
    @Override
    public String toString() {
        return value;
    }
}

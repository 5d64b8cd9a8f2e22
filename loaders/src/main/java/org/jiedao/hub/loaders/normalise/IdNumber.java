package org.jiedao.hub.loaders.normalise;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * A citizen identity number (公民身份号码) following GB 11643-1999: 18 characters made of
 * <ol>
 *   <li>a 6-digit address code (GB/T 2260 division where the number was first issued),</li>
 *   <li>an 8-digit birth date {@code yyyyMMdd},</li>
 *   <li>a 3-digit sequence code whose last digit is odd for men and even for women,</li>
 *   <li>a check character computed with ISO 7064 MOD 11-2 ({@link #checkCharacter(String)}): a digit or
 *       {@code X}.</li>
 * </ol>
 * The old 15-digit numbers (GB 11643-1989: address code, {@code yyMMdd}, sequence code, no check character)
 * are converted to the 18-character form by inserting {@code 19} after the address code and appending the
 * check character; {@link #convertedFrom15()} remembers that.
 *
 * <p>The same layout is used by the residence permits for Hong Kong, Macau and Taiwan residents (address codes
 * 81, 82, 83) and by the 2023 foreign permanent-resident ID card (first digit 9); they parse like any other
 * number. The address code is <em>not</em> checked against a division table: old numbers carry codes of
 * abolished counties, so an unknown code is a warning for the caller, never a rejection here.
 *
 * <p>Instances are immutable; equality is by {@link #value()}. {@link #toString()} returns the
 * {@linkplain #masked() masked} form so that identity numbers do not leak into logs.
 */
public final class IdNumber {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARS = "10X98765432";
    private static final String STANDARD = "GB 11643-1999";
    /**
     * Earliest accepted birth year. GB 11643 sets no lower bound; this is a plausibility bound (nobody born
     * before 1850 was alive when 18-digit numbers were introduced in 1999), chosen to reject garbled dates.
     */
    static final int MIN_BIRTH_YEAR = 1850;

    private final String value;
    private final boolean convertedFrom15;

    private IdNumber(String value, boolean convertedFrom15) {
        this.value = value;
        this.convertedFrom15 = convertedFrom15;
    }

    /**
     * Parses and validates an identity number.
     *
     * <p>Accepted shapes: 18 characters (17 digits and a digit or {@code X}/{@code x}) or 15 digits (old form,
     * converted), with full-width digits and letters (Unicode NFKC), and any white space before, after or
     * inside the number (e.g. {@code "110102 19900101 0011"}).
     *
     * @param raw the raw value; must not be blank
     * @return the parsed number in canonical 18-character form
     * @throws NormalisationException if the value is blank, has another length, contains non-digits (other
     *         than a final {@code X}), has an impossible birth date (no such day, before 1850, or in the
     *         future), or the check character is wrong (GB 11643-1999, ISO 7064 MOD 11-2)
     */
    public static IdNumber parse(String raw) throws NormalisationException {
        return parse(raw, Clock.systemDefaultZone());
    }

    /**
     * As {@link #parse(String)}, with the clock that defines "today" for the future-birth-date check.
     *
     * @param raw   the raw value
     * @param clock the clock giving today's date
     * @return the parsed number
     * @throws NormalisationException as for {@link #parse(String)}
     */
    static IdNumber parse(String raw, Clock clock) throws NormalisationException {
        String s = Text.nfkcTrim(raw);
        if (s == null) {
            throw new NormalisationException("ID number is empty");
        }
        s = Text.removeWhitespace(s).toUpperCase(Locale.ROOT);
        String shown = s;
        boolean from15;
        if (s.length() == 18) {
            for (int i = 0; i < 17; i++) {
                if (!isAsciiDigit(s.charAt(i))) {
                    throw new NormalisationException("ID number " + shown + ": character " + (i + 1) + " ('"
                            + s.charAt(i) + "') must be a digit; only the 18th may be X (" + STANDARD + ")");
                }
            }
            char last = s.charAt(17);
            if (!isAsciiDigit(last) && last != 'X') {
                throw new NormalisationException("ID number " + shown + ": the 18th character ('" + last
                        + "') must be a digit or X (" + STANDARD + ")");
            }
            from15 = false;
        } else if (s.length() == 15) {
            for (int i = 0; i < 15; i++) {
                if (!isAsciiDigit(s.charAt(i))) {
                    throw new NormalisationException("ID number " + shown + ": character " + (i + 1) + " ('"
                            + s.charAt(i) + "') must be a digit; a 15-digit number has digits only (GB 11643-1989)");
                }
            }
            from15 = true;
        } else {
            throw new NormalisationException("ID number " + shown + ": must have 18 characters (or 15 digits in the"
                    + " old form), found " + s.codePointCount(0, s.length()) + " (" + STANDARD + ")");
        }

        String birth = from15 ? "19" + s.substring(6, 12) : s.substring(6, 14);
        LocalDate birthDate;
        try {
            birthDate = LocalDate.of(Integer.parseInt(birth.substring(0, 4)), Integer.parseInt(birth.substring(4, 6)),
                    Integer.parseInt(birth.substring(6, 8)));
        } catch (DateTimeException e) {
            throw new NormalisationException("ID number " + shown + ": birth date " + birth
                    + " does not exist (" + STANDARD + ")");
        }
        if (birthDate.getYear() < MIN_BIRTH_YEAR) {
            throw new NormalisationException("ID number " + shown + ": birth date " + birthDate
                    + " is implausible (before " + MIN_BIRTH_YEAR + ")");
        }
        if (birthDate.isAfter(LocalDate.now(clock))) {
            throw new NormalisationException("ID number " + shown + ": birth date " + birthDate + " is in the future");
        }

        if (from15) {
            String first17 = s.substring(0, 6) + "19" + s.substring(6);
            return new IdNumber(first17 + checkCharacter(first17), true);
        }
        char expected = checkCharacter(s.substring(0, 17));
        if (s.charAt(17) != expected) {
            throw new NormalisationException("ID number " + shown + ": check character should be " + expected
                    + " (" + STANDARD + ")");
        }
        return new IdNumber(s, false);
    }

    /**
     * Computes the check character of GB 11643-1999 (ISO 7064 MOD 11-2): the sum of the 17 digits weighted
     * {@code 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2}, modulo 11, indexes {@code "10X98765432"}.
     *
     * @param first17Digits exactly 17 ASCII digits
     * @return the check character, {@code '0'}..{@code '9'} or {@code 'X'}
     * @throws IllegalArgumentException if the argument is not 17 ASCII digits
     * @throws NullPointerException     if the argument is {@code null}
     */
    public static char checkCharacter(String first17Digits) {
        Objects.requireNonNull(first17Digits, "first17Digits");
        if (first17Digits.length() != 17) {
            throw new IllegalArgumentException("expected 17 digits, got " + first17Digits.length() + " characters");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = first17Digits.charAt(i);
            if (!isAsciiDigit(c)) {
                throw new IllegalArgumentException("expected 17 digits, found '" + c + "' at position " + (i + 1));
            }
            sum += (c - '0') * WEIGHTS[i];
        }
        return CHECK_CHARS.charAt(sum % 11);
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * The canonical form.
     *
     * @return 18 characters: 17 digits and a digit or upper-case {@code X}
     */
    public String value() {
        return value;
    }

    /**
     * The address code (GB/T 2260 division code at first issue; not validated against a table).
     *
     * @return the first 6 digits
     */
    public String addressCode() {
        return value.substring(0, 6);
    }

    /**
     * The birth date encoded in digits 7-14.
     *
     * @return the birth date
     */
    public LocalDate birthDate() {
        return LocalDate.of(Integer.parseInt(value.substring(6, 10)), Integer.parseInt(value.substring(10, 12)),
                Integer.parseInt(value.substring(12, 14)));
    }

    /**
     * The sex code following GB/T 2261.1-2003, derived from the 17th digit (odd = male).
     *
     * @return {@code "1"} (male) or {@code "2"} (female)
     */
    public String genderCode() {
        return (value.charAt(16) - '0') % 2 == 1 ? "1" : "2";
    }

    /**
     * Whether the number was given in the old 15-digit form and converted.
     *
     * @return {@code true} if converted from 15 digits
     */
    public boolean convertedFrom15() {
        return convertedFrom15;
    }

    /**
     * The masked form for display to users without the right to see personal ID numbers.
     *
     * @return the first 6 characters, 8 asterisks, the last 4 characters, e.g. {@code 110102********123X}
     */
    public String masked() {
        return value.substring(0, 6) + "********" + value.substring(14);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdNumber other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /**
     * Returns the {@linkplain #masked() masked} form, never the full number.
     *
     * @return the masked number
     */
    @Override
    public String toString() {
        return masked();
    }
}

package org.jiedao.hub.loaders.normalise;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.ShortNumberInfo;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Telephone numbers, validated with Google's libphonenumber (numbering-plan metadata of every country; the
 * mainland's follows the MIIT 《电信网编号计划》) and written in E.164 (ITU-T E.164), the one form every system can
 * compare: {@code +8613912345678} for a mobile, {@code +861066012345} for a Beijing landline (trunk prefix 0
 * dropped).
 *
 * <p>Input (after Unicode NFKC, so full-width digits are accepted): national forms ({@code 13912345678},
 * {@code 010-66012345}, {@code (010)66012345}, {@code 01066012345}), international forms ({@code +86 139 ...},
 * {@code 0086...}, {@code 86...} for an 11-digit mobile), spaces, hyphens, dots and brackets anywhere; a number
 * without a country code is read as a mainland number. Foreign numbers with their {@code +} country code are kept
 * if valid.
 *
 * <p>A landline may carry an extension after {@code 转}, {@code 分机}, {@code ext}, {@code x}, {@code #} or a
 * final {@code -}: it is kept in the RFC 3966 form {@code +861066012345;ext=123}. A mobile never has one.
 *
 * <p>Service numbers are kept as dialled, digits only: the short numbers libphonenumber knows for the mainland
 * ({@code 110}, {@code 120}, {@code 95588}, {@code 10086}...) and the 5-digit public-service numbers
 * {@code 12XXX} of the numbering plan ({@code 12345} government service hotline, {@code 12315}, {@code 12333}...),
 * which libphonenumber does not list.
 */
final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final ShortNumberInfo SHORT = ShortNumberInfo.getInstance();
    private static final String REGION = "CN";
    private static final Pattern ALLOWED = Pattern.compile("[+0-9 ()\\-.#xX转分机extEXT]+");
    private static final Pattern PUBLIC_SERVICE = Pattern.compile("12[0-9]{3}");
    private static final Pattern SHORT_DIGITS = Pattern.compile("[0-9]{3,5}");
    private static final Pattern EXTENSION = Pattern.compile("^(.*?[0-9)])\\s*(?:转|分机|ext\\.?|x|#|-)\\s*([0-9]{1,6})$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BARE_86_MOBILE = Pattern.compile("86(1[3-9][0-9]{9})");

    private PhoneNumbers() {
    }

    /**
     * Normalises a telephone number.
     *
     * @param raw the raw value
     * @return E.164 ({@code +8613912345678}), E.164 with {@code ;ext=} for a landline extension, or the digits of a
     *         service number ({@code 12345}); {@code null} for a blank value
     * @throws NormalisationException if the value contains other characters, or is not a valid number of the
     *         numbering plan (wrong length, unassigned prefix such as 128..., a landline without its area code)
     */
    static String phone(String raw) throws NormalisationException {
        String s = Text.nfkcTrim(raw);
        if (s == null) {
            return null;
        }
        if (!ALLOWED.matcher(s).matches() || s.chars().noneMatch(Character::isDigit)) {
            throw invalid(s, "只能含数字、空格、'-'、括号、开头的 '+' 和分机号 / may contain only digits, spaces, '-', brackets,"
                    + " a leading '+' and an extension");
        }
        String digits = s.replaceAll("[^0-9]", "");
        if (!s.startsWith("+") && SHORT_DIGITS.matcher(s).matches()) {
            if (PUBLIC_SERVICE.matcher(s).matches() || SHORT.isValidShortNumberForRegion(parse(s, s), REGION)) {
                return s;
            }
            throw invalid(s, "不是已知的服务号码 / is not a known service number");
        }
        Matcher bare = BARE_86_MOBILE.matcher(digits);
        String main = !s.startsWith("+") && !s.startsWith("00") && bare.matches() ? "+86" + bare.group(1) : s;
        PhoneNumber n = tryParse(main);
        if (n != null && UTIL.isValidNumber(n)) {
            if (!n.hasExtension() || n.getExtension().isEmpty()) {
                return UTIL.format(n, PhoneNumberFormat.E164);
            }
            if (UTIL.getNumberType(n) == PhoneNumberType.MOBILE) {
                throw invalid(s, "是手机号，不能有分机号 / is a mobile number, which has no extension");
            }
            return UTIL.format(n, PhoneNumberFormat.E164) + ";ext=" + n.getExtension();
        }
        Matcher ext = EXTENSION.matcher(s);
        if (ext.matches()) {
            PhoneNumber withoutExt = tryParse(ext.group(1));
            if (withoutExt != null && UTIL.isValidNumber(withoutExt)) {
                if (UTIL.getNumberType(withoutExt) == PhoneNumberType.MOBILE) {
                    throw invalid(s, "是手机号，不能有分机号 / is a mobile number, which has no extension");
                }
                return UTIL.format(withoutExt, PhoneNumberFormat.E164) + ";ext=" + ext.group(2);
            }
        }
        throw invalid(s, "不是有效的号码（手机号 11 位、以 13-19 开头；固定电话须带区号，如 010-66012345） / is neither a valid"
                + " mobile number (11 digits starting 13-19) nor a landline with its area code (e.g. 010-66012345)");
    }

    private static PhoneNumber parse(String text, String shown) throws NormalisationException {
        try {
            return UTIL.parse(text, REGION);
        } catch (NumberParseException e) {
            throw invalid(shown, "无法识别为电话号码 / cannot be read as a phone number (" + e.getErrorType() + ")");
        }
    }

    /** The parsed number, or null if libphonenumber cannot read it as one. */
    private static PhoneNumber tryParse(String text) {
        try {
            return UTIL.parse(text, REGION);
        } catch (NumberParseException e) {
            return null;
        }
    }

    private static NormalisationException invalid(String s, String reason) {
        return new NormalisationException("电话号码 '" + s + "' " + reason.replace(" / ", " / phone number '" + s + "' "));
    }
}

package org.jiedao.hub.loaders.normalise;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates and timestamps as Chinese departmental systems write them, read into ISO 8601 values.
 *
 * <p>Date forms (after Unicode NFKC, so full-width digits are accepted):
 * <ul>
 *   <li>full dates: {@code 2020-03-05}, {@code 2020/3/5}, {@code 2020.3.5}, {@code 20200305}, {@code 2020年3月5日}
 *       (also {@code 号} for {@code 日}, or no final character);</li>
 *   <li>year-month (partial): {@code 2020-03}, {@code 2020/3}, {@code 2020.3}, {@code 202003}, {@code 2020年3月};</li>
 *   <li>year (partial): {@code 2020}, {@code 2020年}.</li>
 * </ul>
 * A partial date keeps its precision: it is the ISO 8601 reduced-precision form ({@code 2020-03}, {@code 2020};
 * ISO 8601-1:2019 §5.2.2.2, the lexical forms of XML Schema {@code xsd:gYearMonth} and {@code xsd:gYear}), never a
 * day invented as the 1st. An impossible date (no month 13, no 2021-02-29) is an error, never corrected.
 *
 * <p>Times follow a date after {@code T} or a space (or directly after {@code 日}): {@code H:mm[:ss[.fraction]]}
 * or {@code H时[mm分[ss秒]]} ({@code 点} for {@code 时}), then optionally an offset {@code Z}, {@code +08:00},
 * {@code +0800} or {@code +08} (ISO 8601). A timestamp is an instant: without an offset, it is read in the source's
 * declared zone (IANA time-zone database rules, {@link ZoneId}); with an offset it keeps that instant and offset.
 * A local time that does not exist in the zone (a daylight-saving gap, e.g. 1988-04-17 02:30 in Asia/Shanghai) is an
 * error; an ambiguous one (the repeated hour when clocks went back) is read with the earlier offset.
 *
 * <p>A value of exactly 13 digits is read as a Unix epoch in milliseconds (as JavaScript, Java and most REST APIs
 * emit it): it covers 2001-09-09 to 2286-11-20 and cannot be mistaken for any date form above (at most 8 digits).
 */
final class Dates {

    private static final String FULL = "(?<y1>\\d{4})(?<s1>[-/.])(?<m1>\\d{1,2})\\k<s1>(?<d1>\\d{1,2})"
            + "|(?<y2>\\d{4}) ?年 ?(?<m2>\\d{1,2}) ?月 ?(?<d2>\\d{1,2}) ?[日号]?"
            + "|(?<y3>\\d{4})(?<m3>\\d{2})(?<d3>\\d{2})";
    private static final String YEAR_MONTH = "(?<y4>\\d{4})[-/.](?<m4>\\d{1,2})"
            + "|(?<y5>\\d{4}) ?年 ?(?<m5>\\d{1,2}) ?月份?"
            + "|(?<y6>\\d{4})(?<m6>\\d{2})";
    private static final String YEAR = "(?<y7>\\d{4}) ?(?:年度?)?";
    private static final String TIME = "(?:(?:T| |(?<=[日号]))(?:"
            + "(?<h1>\\d{1,2}):(?<i1>\\d{2})(?::(?<s>\\d{2})(?:[.,](?<f>\\d{1,9}))?)?"
            + "|(?<h2>\\d{1,2}) ?[时点] ?(?:(?<i2>\\d{1,2}) ?分 ?(?:(?<s2>\\d{1,2}) ?秒)?)?))";
    private static final String OFFSET = "(?<z>Z|[+-]\\d{2}(?::?\\d{2})?)";

    private static final Pattern DATE_TIME = Pattern.compile("(?:" + FULL + ")" + TIME + "?" + " ?" + OFFSET + "?");
    private static final Pattern PARTIAL = Pattern.compile("(?:" + YEAR_MONTH + ")|(?:" + YEAR + ")");
    private static final Pattern EPOCH_MILLIS = Pattern.compile("\\d{13}");

    private static final String DATE_FORMS = "2020-03-05, 2020/3/5, 2020.3.5, 20200305, 2020年3月5日";
    private static final String PARTIAL_FORMS = "2020-03, 2020年3月, 2020, 2020年";

    private Dates() {
    }

    /**
     * A full calendar date.
     *
     * @param raw the raw value
     * @return the date, or {@code null} for a blank value; a trailing midnight time ({@code 00:00[:00]}, as
     *         spreadsheets export dates) is ignored
     * @throws NormalisationException if the value is a partial date (year-month or year), has another time of
     *         day, is in no known form, or names a day that does not exist
     */
    static LocalDate date(String raw) throws NormalisationException {
        String s = Text.nfkcTrim(raw);
        if (s == null) {
            return null;
        }
        Matcher p = PARTIAL.matcher(s);
        if (p.matches()) {
            String partial = partial(p, s);
            throw new NormalisationException("日期 '" + s + "' 不完整（只有年月或年份：" + partial + "），此字段需要完整日期 / date '" + s
                    + "' is partial (" + partial + "); this field needs a full date such as 2020-03-05 (use the"
                    + " normaliser partialDate where a partial date is allowed)");
        }
        Parsed t = parse(s, "date", "日期");
        if (t.offset != null || (t.time != null && !t.time.equals(LocalTime.MIDNIGHT))) {
            throw new NormalisationException("日期 '" + s + "' 含有时刻 / date '" + s + "' has a time of day; expected a date"
                    + " such as " + DATE_FORMS);
        }
        return t.date;
    }

    /**
     * A date that may be partial.
     *
     * @param raw the raw value
     * @return a {@link LocalDate} for a full date; for a partial date its ISO 8601 reduced-precision text,
     *         {@code "2020-03"} (year-month) or {@code "2020"} (year); {@code null} for a blank value
     * @throws NormalisationException if the value is in no known form, has a time of day, or names a month or day
     *         that does not exist
     */
    static Object partialDate(String raw) throws NormalisationException {
        String s = Text.nfkcTrim(raw);
        if (s == null) {
            return null;
        }
        Matcher p = PARTIAL.matcher(s);
        if (p.matches()) {
            return partial(p, s);
        }
        try {
            return date(s);
        } catch (NormalisationException e) {
            if (e.getMessage().contains("not in a known form")) {
                throw new NormalisationException("日期 '" + s + "' 的格式无法识别 / date '" + s + "' is not in a known form ("
                        + DATE_FORMS + "; partial: " + PARTIAL_FORMS + ")");
            }
            throw e;
        }
    }

    /**
     * A timestamp as an instant.
     *
     * @param raw  the raw value
     * @param zone the zone in which a timestamp without an offset is read (the source's declared zone)
     * @return the instant with the offset it was written with, or the zone's offset at that instant; a date alone
     *         is the start of that day in the zone; {@code null} for a blank value
     * @throws NormalisationException if the value is in no known form, a date or time of day does not exist, or the
     *         local time falls in a daylight-saving gap of the zone
     */
    static OffsetDateTime timestamp(String raw, ZoneId zone) throws NormalisationException {
        String s = Text.nfkcTrim(raw);
        if (s == null) {
            return null;
        }
        if (EPOCH_MILLIS.matcher(s).matches()) {
            return Instant.ofEpochMilli(Long.parseLong(s)).atZone(zone).toOffsetDateTime();
        }
        Parsed t = parse(s, "date-time", "日期时间");
        LocalDateTime local = t.time == null ? t.date.atStartOfDay() : t.date.atTime(t.time);
        if (t.offset != null) {
            return OffsetDateTime.of(local, t.offset);
        }
        ZonedDateTime z = ZonedDateTime.ofLocal(local, zone, null);
        if (!z.toLocalDateTime().equals(local)) {
            throw new NormalisationException("日期时间 '" + s + "' 在时区 " + zone + " 中不存在（夏令时跳过的时刻） / date-time '"
                    + s + "' does not exist in zone " + zone + " (skipped by a daylight-saving change)");
        }
        return z.toOffsetDateTime();
    }

    private record Parsed(LocalDate date, LocalTime time, ZoneOffset offset) {
    }

    private static String partial(Matcher m, String s) throws NormalisationException {
        String y = first(m, "y4", "y5", "y6", "y7");
        String mo = first(m, "m4", "m5", "m6");
        if (mo == null) {
            return y;
        }
        int month = Integer.parseInt(mo);
        if (month < 1 || month > 12) {
            throw new NormalisationException("日期 '" + s + "'：没有 " + month + " 月 / date '" + s + "': there is no month "
                    + month);
        }
        return YearMonth.of(Integer.parseInt(y), month).toString();
    }

    private static Parsed parse(String s, String what, String whatZh) throws NormalisationException {
        Matcher m = DATE_TIME.matcher(s);
        if (!m.matches()) {
            throw new NormalisationException(whatZh + " '" + s + "' 的格式无法识别 / " + what + " '" + s
                    + "' is not in a known form (" + DATE_FORMS
                    + (what.equals("date") ? "" : ", then T or a space and 14:22[:05] or 14时22分, optionally an offset"
                    + " such as +08:00 or Z; or 13-digit epoch milliseconds") + ")");
        }
        int year = Integer.parseInt(first(m, "y1", "y2", "y3"));
        int month = Integer.parseInt(first(m, "m1", "m2", "m3"));
        int day = Integer.parseInt(first(m, "d1", "d2", "d3"));
        if (month < 1 || month > 12) {
            throw new NormalisationException(whatZh + " '" + s + "'：没有 " + month + " 月 / " + what + " '" + s
                    + "': there is no month " + month);
        }
        YearMonth ym = YearMonth.of(year, month);
        if (day < 1 || day > ym.lengthOfMonth()) {
            throw new NormalisationException(whatZh + " '" + s + "'：" + year + "年" + month + "月没有" + day + "日 / " + what
                    + " '" + s + "': " + ym + " has no day " + day);
        }
        LocalDate date = ym.atDay(day);
        LocalTime time = null;
        String h = first(m, "h1", "h2");
        if (h != null) {
            String min = first(m, "i1", "i2");
            String sec = first(m, "s", "s2");
            String f = m.group("f");
            try {
                time = LocalTime.of(Integer.parseInt(h), min == null ? 0 : Integer.parseInt(min),
                        sec == null ? 0 : Integer.parseInt(sec),
                        f == null ? 0 : Integer.parseInt((f + "00000000").substring(0, 9)));
            } catch (DateTimeException e) {
                throw new NormalisationException(whatZh + " '" + s + "'：时刻超出范围 / " + what + " '" + s
                        + "': time of day out of range (00:00:00 to 23:59:59)");
            }
        }
        ZoneOffset offset = null;
        String z = m.group("z");
        if (z != null) {
            if (time == null) {
                throw new NormalisationException(whatZh + " '" + s + "'：有时区偏移但没有时刻 / " + what + " '" + s
                        + "': an offset needs a time of day");
            }
            try {
                offset = ZoneOffset.of(z.length() == 5 ? z.substring(0, 3) + ":" + z.substring(3) : z);
            } catch (DateTimeException e) {
                throw new NormalisationException(whatZh + " '" + s + "'：时区偏移无效 / " + what + " '" + s
                        + "': offset " + z + " is out of range (-18:00 to +18:00)");
            }
        }
        return new Parsed(date, time, offset);
    }

    private static String first(Matcher m, String... groups) {
        for (String g : groups) {
            String v = m.group(g);
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}

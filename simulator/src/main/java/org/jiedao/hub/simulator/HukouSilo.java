package org.jiedao.hub.simulator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import org.jiedao.hub.simulator.Population.Person;
import org.jiedao.hub.simulator.Population.Relation;

/**
 * The household registry (户籍) silo: one GBK CSV with CRLF line ends, one row per resident.
 */
final class HukouSilo {

    static final String SOURCE = "hukou";
    static final String HEADER = "户号,姓名,性别,民族,出生日期,公民身份号码,与户主关系,住址,社区代码";
    static final Charset GBK = Charset.forName("GBK");

    static final double BROKEN_RATE = 0.01;
    static final double FIFTEEN_RATE = 0.06;
    static final double FULL_WIDTH_RATE = 0.04;

    private HukouSilo() {
    }

    /** Writes the file; returns the number of rows that a loader must quarantine. */
    static int write(Path file, Population pop, String examplePerson, Rng rng, GroundTruth truth) throws IOException {
        List<Person> persons = pop.persons;
        int n = persons.size();
        Set<Integer> excluded = new java.util.HashSet<>();
        int eligible15 = 0;
        for (int i = 0; i < n; i++) {
            Person p = persons.get(i);
            if (p.id.equals(examplePerson)) {
                excluded.add(i);
            }
            if (p.id.startsWith("19", 6)) {
                eligible15++;
            }
        }
        Set<Integer> broken = Dirt.sample(n, BROKEN_RATE, excluded, rng);
        double p15 = eligible15 == 0 ? 0 : Math.min(1.0, FIFTEEN_RATE * n / eligible15);

        StringBuilder b = new StringBuilder(n * 120);
        b.append(HEADER).append("\r\n");
        int quarantined = 0;
        for (int i = 0; i < n; i++) {
            Person p = persons.get(i);
            int line = i + 2; // the header is line 1
            String id;
            String birth;
            if (broken.contains(i)) {
                quarantined++;
                if (rng.chance(0.5)) {
                    id = Dirt.digitTypo(p.id, rng);
                    birth = date(p.birthDate, rng);
                    truth.quarantined(SOURCE, "line-" + line, p.id, "公民身份号码 check character does not match (GB 11643-1999)");
                } else {
                    id = p.id;
                    birth = impossibleDate(p.birthDate, rng);
                    truth.quarantined(SOURCE, "line-" + line, p.id, "出生日期 " + birth + " does not exist");
                }
            } else {
                boolean old = p.id.startsWith("19", 6) && rng.chance(p15);
                if (old) {
                    id = Dirt.fifteen(p.id);
                } else {
                    id = rng.chance(0.5) ? Dirt.lowerX(p.id) : p.id;
                    if (rng.chance(FULL_WIDTH_RATE)) {
                        id = Dirt.fullWidth(id);
                    }
                }
                birth = date(p.birthDate, rng);
                truth.written(SOURCE, p.household.number + "-" + p.id, p.id);
            }
            b.append(p.household.number).append(',')
                    .append(name(p, rng)).append(',')
                    .append(p.male ? "男" : "女").append(',')
                    .append(p.ethnicity.label).append(',')
                    .append(birth).append(',')
                    .append(id).append(',')
                    .append(relation(p, rng)).append(',')
                    .append(pop.adminPrefix).append(p.household.localAddress).append(',')
                    .append(p.household.community.code()).append("\r\n");
        }
        Files.createDirectories(file.getParent());
        Files.write(file, encodeStrictly(b));
        return quarantined;
    }

    private static byte[] encodeStrictly(CharSequence text) throws CharacterCodingException {
        ByteBuffer bytes = GBK.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .encode(CharBuffer.wrap(text));
        byte[] out = new byte[bytes.remaining()];
        bytes.get(out);
        return out;
    }

    private static String name(Person p, Rng rng) {
        String name = p.name;
        if (name.length() == 2 && p.family.length() == 1 && rng.chance(0.06)) {
            return name.charAt(0) + "\u3000" + name.charAt(1); // two-character names padded to three cells
        }
        if (rng.chance(0.004)) {
            return name + "\u3000";
        }
        return name;
    }

    private static String relation(Person p, Rng rng) {
        boolean variant = rng.chance(0.2);
        return switch (p.relation) {
            case SPOUSE -> variant && !p.male ? "妻" : Relation.SPOUSE.term;
            case SON -> variant ? "儿子" : Relation.SON.term;
            case DAUGHTER -> variant ? "女儿" : Relation.DAUGHTER.term;
            default -> p.relation.term;
        };
    }

    /** 1985-03-07, 1985/3/7 or 1985年3月7日. */
    static String date(LocalDate d, Rng rng) {
        return date(d.getYear(), d.getMonthValue(), d.getDayOfMonth(), rng.weighted(50, 25, 25));
    }

    private static String date(int y, int m, int d, int form) {
        return switch (form) {
            case 0 -> String.format("%04d-%02d-%02d", y, m, d);
            case 1 -> y + "/" + m + "/" + d;
            default -> y + "年" + m + "月" + d + "日";
        };
    }

    /**
     * A day that does not exist, in the birth year: the day after the end of the birth month, or for 31-day
     * months a 30th/31st of a shorter month, e.g. 1985年2月30日, 1985-06-31.
     */
    private static String impossibleDate(LocalDate d, Rng rng) {
        int y = d.getYear();
        int m = d.getMonthValue();
        int len = YearMonth.of(y, m).lengthOfMonth();
        int day;
        if (len == 31) {
            m = List.of(2, 2, 4, 6, 9, 11).get(rng.nextInt(6));
            day = m == 2 ? 30 : 31;
        } else {
            day = len + 1;
        }
        return date(y, m, day, rng.weighted(30, 20, 50));
    }
}

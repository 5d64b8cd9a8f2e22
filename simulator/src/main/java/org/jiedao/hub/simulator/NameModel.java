package org.jiedao.hub.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Person names. Surnames are drawn by their real frequency ({@code surnames_tf.csv} of the
 * wainshine/Chinese-Names-Corpus, weight = tf); given names are one or two characters from lists of common
 * given-name characters. Minority names: 维吾尔族 names are "own name·father's name" (e.g. 阿依古丽·买买提),
 * 蒙古族 persons often have a Mongolian name without surname, 回族 and 满族 persons have Han-style names with
 * surnames biased to those frequent in the group.
 */
final class NameModel {

    static final String SURNAMES_RESOURCE = "/org/jiedao/hub/loaders/reference/surnames_tf.csv";

    private static final String MALE_CHARS =
            "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆旭宁龙林峰建国志文东海晨博鸿轩睿泽然昊天一铭晓春立新德庆永成荣振祥瑞嘉毅胜光良";
    private static final String FEMALE_CHARS =
            "芳娜敏静丽艳娟霞秀英慧婷玲燕红梅琳雪颖倩洁蕾薇萍月晶欣怡佳琪涵诗梦雨悦彤可馨思嘉桂兰凤玉淑华春晓丹璐瑶妍";

    private static final List<String> UYGHUR_MALE =
            List.of("艾力", "买买提", "艾山", "吐尔逊", "阿不都", "热合曼", "库尔班", "亚森", "伊力亚尔", "艾尔肯");
    private static final List<String> UYGHUR_FEMALE =
            List.of("阿依古丽", "古丽娜尔", "热依拉", "帕提古丽", "迪丽娜尔", "米娜瓦尔", "阿依努尔", "佐拉", "努尔古丽", "再努尔");
    private static final List<String> MONGOL_MALE = List.of("巴特尔", "额尔敦", "朝鲁", "苏和", "宝音", "那顺", "孟和", "巴雅尔");
    private static final List<String> MONGOL_FEMALE = List.of("其其格", "萨仁", "乌兰", "娜仁", "图雅", "斯琴", "高娃", "琪琪格");
    private static final List<String> HUI_SURNAMES = List.of("马", "马", "马", "白", "丁", "沙", "哈", "米", "穆", "杨");
    private static final List<String> MANCHU_SURNAMES = List.of("关", "金", "佟", "那", "赵", "肇", "富", "傅", "鄂", "伊");

    private final String[] surnames;
    private final double[] cumulative;

    private NameModel(String[] surnames, double[] cumulative) {
        this.surnames = surnames;
        this.cumulative = cumulative;
    }

    /** Loads the surname table from the classpath, keeping the surnames that GBK can encode. */
    static NameModel load() {
        CharsetEncoder gbk = Charset.forName("GBK").newEncoder();
        List<String> names = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        try (InputStream in = NameModel.class.getResourceAsStream(SURNAMES_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource not found: " + SURNAMES_RESOURCE);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String header = r.readLine();
            if (header == null || !header.replace("\uFEFF", "").strip().equals("surname,tf")) {
                throw new IllegalStateException(SURNAMES_RESOURCE + ": unexpected header " + header);
            }
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.strip().split(",");
                if (f.length != 2 || f[0].isBlank()) {
                    continue;
                }
                double tf = Double.parseDouble(f[1].strip()); // counts, some with decimals
                String s = f[0].strip();
                if (tf > 0 && gbk.canEncode(s)) {
                    names.add(s);
                    weights.add(tf);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        double[] cum = new double[names.size()];
        double total = 0;
        for (int i = 0; i < cum.length; i++) {
            total += weights.get(i);
            cum[i] = total;
        }
        return new NameModel(names.toArray(String[]::new), cum);
    }

    /** A surname drawn by frequency. */
    String surname(Rng rng) {
        double r = rng.nextDouble() * cumulative[cumulative.length - 1];
        int i = Arrays.binarySearch(cumulative, r);
        i = i < 0 ? -i - 1 : i + 1; // first index whose cumulative weight exceeds r
        return surnames[Math.min(i, surnames.length - 1)];
    }

    /** A surname for a person of the given ethnicity. */
    String surname(Rng rng, Ethnicity e) {
        return switch (e) {
            case HUI -> rng.chance(0.5) ? rng.pick(HUI_SURNAMES) : surname(rng);
            case MANCHU -> rng.chance(0.4) ? rng.pick(MANCHU_SURNAMES) : surname(rng);
            default -> surname(rng);
        };
    }

    /** A Han-style given name of 1 or 2 characters. */
    String givenName(Rng rng, boolean male) {
        String chars = male ? MALE_CHARS : FEMALE_CHARS;
        if (rng.chance(0.22)) {
            return String.valueOf(rng.pick(chars));
        }
        char a = rng.pick(chars);
        char b;
        do {
            b = rng.pick(chars);
        } while (b == a && rng.chance(0.7)); // doubled names (丽丽, 明明) happen, but rarely
        return "" + a + b;
    }

    /** A Uyghur personal name (the first part of a full name). */
    String uyghurName(Rng rng, boolean male) {
        return rng.pick(male ? UYGHUR_MALE : UYGHUR_FEMALE);
    }

    /** A Mongolian personal name, written without surname. */
    String mongolName(Rng rng, boolean male) {
        return rng.pick(male ? MONGOL_MALE : MONGOL_FEMALE);
    }

    /** Ethnic groups (民族) modelled, with their GB/T 3304 names. */
    enum Ethnicity {
        HAN("汉族"), HUI("回族"), MANCHU("满族"), MONGOL("蒙古族"), UYGHUR("维吾尔族");

        final String label;

        Ethnicity(String label) {
            this.label = label;
        }
    }
}

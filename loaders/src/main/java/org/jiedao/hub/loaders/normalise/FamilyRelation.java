package org.jiedao.hub.loaders.normalise;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Relationship to the head of household (与户主关系) following GB/T 4761-2008 "Code for family relationship"
 * (家庭关系代码): each constant carries the standard's 2-digit code, its term and the synonyms found in
 * departmental data.
 *
 * <p>Only the relationships a sub-district register commonly holds are listed; the standard has more detailed
 * codes (e.g. 21 独生子, 22 长子, 23 次子, 31 独生女 ...). Following the hub's data model, these collapse to their
 * group: 长子/次子 → 20 子, 长女/次女 → 30 女, and 夫/妻 → 10 配偶 (the spouse's sex is known from the person
 * record). 本人 is read as 户主 (02), because in a household register the person whose relationship is
 * 本人 is the head. Brothers and sisters keep the standard's distinction (71 兄, 73 弟, 75 姐姐, 77 妹妹) when the
 * source gives it; 兄弟, 姐妹 and 兄弟姐妹 without seniority map to the group code 70 兄弟姐妹.
 *
 * <p>The codes were transcribed from the published code table, not from a machine-readable copy of the
 * standard. Codes 02, 10, 20, 28, 30, 38, 41-44, 51-56, 61-64, 70-78 and 99 are the ones most widely reproduced
 * and are believed to be exact; 80 (其他) and 97 (其他亲属), and the collateral-relative codes 93-96
 * (侄子, 侄女, 外甥, 外甥女), should be checked against the official text before being relied on in an exchange
 * with another agency.
 */
public enum FamilyRelation {
    /** 02 户主 (head of household); also 本人. */
    HEAD("02", "户主", "本人"),
    /** 10 配偶 (spouse); also 夫 (11), 妻 (12). */
    SPOUSE("10", "配偶", "妻", "妻子", "夫", "丈夫", "爱人"),
    /** 20 子 (son); also 长子, 次子 ... (21-26). */
    SON("20", "子", "儿子", "独生子", "长子", "次子", "三子", "四子", "五子"),
    /** 28 女婿 (son-in-law). */
    SON_IN_LAW("28", "女婿"),
    /** 30 女 (daughter); also 长女, 次女 ... (31-36). */
    DAUGHTER("30", "女", "女儿", "独生女", "长女", "次女", "三女", "四女", "五女"),
    /** 38 儿媳 (daughter-in-law). */
    DAUGHTER_IN_LAW("38", "儿媳", "儿媳妇"),
    /** 41 孙子 (grandson, son's son). */
    GRANDSON("41", "孙子"),
    /** 42 孙女 (granddaughter, son's daughter). */
    GRANDDAUGHTER("42", "孙女"),
    /** 43 外孙子 (grandson, daughter's son). */
    DAUGHTERS_SON("43", "外孙子", "外孙"),
    /** 44 外孙女 (granddaughter, daughter's daughter). */
    DAUGHTERS_DAUGHTER("44", "外孙女"),
    /** 51 父亲 (father). */
    FATHER("51", "父亲", "父", "爸爸"),
    /** 52 母亲 (mother). */
    MOTHER("52", "母亲", "母", "妈妈"),
    /** 53 公公 (husband's father). */
    FATHER_OF_HUSBAND("53", "公公"),
    /** 54 婆婆 (husband's mother). */
    MOTHER_OF_HUSBAND("54", "婆婆"),
    /** 55 岳父 (wife's father). */
    FATHER_OF_WIFE("55", "岳父"),
    /** 56 岳母 (wife's mother). */
    MOTHER_OF_WIFE("56", "岳母"),
    /** 61 祖父 (paternal grandfather). */
    GRANDFATHER("61", "祖父", "爷爷"),
    /** 62 祖母 (paternal grandmother). */
    GRANDMOTHER("62", "祖母", "奶奶"),
    /** 63 外祖父 (maternal grandfather). */
    MATERNAL_GRANDFATHER("63", "外祖父", "外公", "姥爷"),
    /** 64 外祖母 (maternal grandmother). */
    MATERNAL_GRANDMOTHER("64", "外祖母", "外婆", "姥姥"),
    /** 70 兄弟姐妹 (siblings, seniority or sex not given). */
    SIBLING("70", "兄弟姐妹", "兄弟", "姐妹"),
    /** 71 兄 (elder brother). */
    ELDER_BROTHER("71", "兄", "哥哥", "哥"),
    /** 72 嫂 (elder brother's wife). */
    ELDER_BROTHERS_WIFE("72", "嫂", "嫂子"),
    /** 73 弟 (younger brother). */
    YOUNGER_BROTHER("73", "弟", "弟弟"),
    /** 74 弟媳 (younger brother's wife). */
    YOUNGER_BROTHERS_WIFE("74", "弟媳"),
    /** 75 姐姐 (elder sister). */
    ELDER_SISTER("75", "姐姐", "姐"),
    /** 76 姐夫 (elder sister's husband). */
    ELDER_SISTERS_HUSBAND("76", "姐夫"),
    /** 77 妹妹 (younger sister). */
    YOUNGER_SISTER("77", "妹妹", "妹"),
    /** 78 妹夫 (younger sister's husband). */
    YOUNGER_SISTERS_HUSBAND("78", "妹夫"),
    /** 80 其他 (other); code to be verified, see the class comment. */
    OTHER("80", "其他"),
    /** 93 侄子 (brother's son); code to be verified. */
    NEPHEW("93", "侄子"),
    /** 94 侄女 (brother's daughter); code to be verified. */
    NIECE("94", "侄女"),
    /** 95 外甥 (sister's son); code to be verified. */
    SISTERS_SON("95", "外甥"),
    /** 96 外甥女 (sister's daughter); code to be verified. */
    SISTERS_DAUGHTER("96", "外甥女"),
    /** 97 其他亲属 (other relative); code to be verified. */
    OTHER_RELATIVE("97", "其他亲属"),
    /** 99 非亲属 (not related). */
    NOT_RELATED("99", "非亲属");

    private static final Map<String, FamilyRelation> BY_TERM;
    private static final Map<String, FamilyRelation> BY_CODE;

    static {
        Map<String, FamilyRelation> codes = new HashMap<>();
        for (FamilyRelation r : values()) {
            codes.put(r.code, r);
        }
        // detailed codes of GB/T 4761-2008 that collapse to a listed group (see the class comment)
        codes.put("01", HEAD); // 本人
        codes.put("11", SPOUSE); // 夫
        codes.put("12", SPOUSE); // 妻
        for (int i = 1; i <= 6; i++) {
            codes.put("2" + i, SON); // 独生子, 长子, 次子, 三子, 四子, 五子
            codes.put("3" + i, DAUGHTER); // 独生女, 长女, 次女, 三女, 四女, 五女
        }
        BY_CODE = Collections.unmodifiableMap(codes);
        Map<String, FamilyRelation> m = new HashMap<>();
        for (FamilyRelation r : values()) {
            for (String t : r.termsAndSynonyms()) {
                if (m.put(t, r) != null) {
                    throw new ExceptionInInitializerError("duplicate term " + t);
                }
            }
        }
        BY_TERM = Collections.unmodifiableMap(m);
    }

    private final String code;
    private final String term;
    private final List<String> synonyms;

    FamilyRelation(String code, String term, String... synonyms) {
        this.code = code;
        this.term = term;
        this.synonyms = List.of(synonyms);
    }

    /**
     * The GB/T 4761-2008 code.
     *
     * @return two digits, e.g. {@code "02"}
     */
    public String code() {
        return code;
    }

    /**
     * The standard term.
     *
     * @return e.g. {@code 户主}
     */
    public String term() {
        return term;
    }

    /**
     * Other spellings read as this relationship.
     *
     * @return the synonyms, possibly empty
     */
    public List<String> synonyms() {
        return synonyms;
    }

    private List<String> termsAndSynonyms() {
        return Stream.concat(Stream.of(term), synonyms.stream()).toList();
    }

    /**
     * Looks up a relationship by its term, a synonym, or its 2-digit code (the detailed codes 01, 11, 12,
     * 21-26 and 31-36 are accepted and collapse as described on the class). White space is ignored and Unicode
     * NFKC is applied first.
     *
     * @param raw the raw value, e.g. {@code 妻子}, {@code 长子}, {@code 02}
     * @return the relationship
     * @throws NormalisationException if the value is blank or not a known term, synonym or code
     */
    public static FamilyRelation of(String raw) throws NormalisationException {
        String s = Text.nfkcTrim(raw);
        if (s == null) {
            throw new NormalisationException("relationship to head of household is empty");
        }
        s = Text.removeWhitespace(s);
        FamilyRelation r = BY_TERM.get(s);
        if (r != null) {
            return r;
        }
        r = BY_CODE.get(s);
        if (r != null) {
            return r;
        }
        throw new NormalisationException("relationship to head of household '" + s
                + "' is not a GB/T 4761-2008 term known to the hub");
    }
}

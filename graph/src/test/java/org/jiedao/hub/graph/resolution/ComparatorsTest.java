package org.jiedao.hub.graph.resolution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparatorsTest {

    private static ResolutionRecord r(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return new ResolutionRecord("r" + kv.hashCode(), "s", m);
    }

    private static String level(FieldComparator c, ResolutionRecord a, ResolutionRecord b) {
        int l = c.compare(a, b);
        return l == FieldComparator.MISSING ? "missing" : c.levels().get(l);
    }

    @Test
    void exactComparatorAgreesOnEqualValuesOnly() {
        FieldComparator c = new ExactComparator("gender", "gender", false);
        assertEquals("exact", level(c, r("gender", "1"), r("gender", "1")));
        assertEquals("different", level(c, r("gender", "1"), r("gender", "2")));
        assertEquals("missing", level(c, r("gender", "1"), r()));
    }

    @Test
    void stringComparatorGradesByJaroWinkler() {
        FieldComparator c = new StringComparator("surname", "surname", new double[] {0.92, 0.8}, false);
        assertEquals(List.of("exact", "jw>=0.92", "jw>=0.8", "different"), c.levels());
        assertEquals("exact", level(c, r("surname", "harrington"), r("surname", "harrington")));
        assertEquals("jw>=0.92", level(c, r("surname", "harrington"), r("surname", "harringtno")));
        assertEquals("jw>=0.92", level(c, r("surname", "martha"), r("surname", "marhta"))); // 0.961 (Winkler 1990)
        assertEquals("jw>=0.8", level(c, r("surname", "dwayne"), r("surname", "duane"))); // 0.840
        assertEquals("different", level(c, r("surname", "harrington"), r("surname", "white")));
    }

    @Test
    void dateComparatorRecognisesTranspositionsTyposAndPartialDates() {
        FieldComparator c = new DateComparator("birthDate", "d");
        assertEquals("exact", level(c, r("d", "1985-03-12"), r("d", "19850312")));
        assertEquals("transposed", level(c, r("d", "1985-03-12"), r("d", "1985-12-03")));
        assertEquals("transposed", level(c, r("d", "1985-03-12"), r("d", "1958-03-12")));
        assertEquals("oneDigit", level(c, r("d", "1985-03-12"), r("d", "1985-03-17")));
        assertEquals("partial", level(c, r("d", "1985-03-12"), r("d", "1985-07-30")));
        assertEquals("partial", level(c, r("d", "1985-03-12"), r("d", "1985-03")));
        assertEquals("different", level(c, r("d", "1985-03-12"), r("d", "1990-07-30")));
        assertEquals("missing", level(c, r("d", "1985-03-12"), r()));
    }

    @Test
    void numericComparatorGradesByAbsoluteDifference() {
        FieldComparator c = new NumericComparator("streetNumber", "n", new double[] {1, 10});
        assertEquals("exact", level(c, r("n", "42"), r("n", "42.0")));
        assertEquals("within 1.0", level(c, r("n", "42"), r("n", "43")));
        assertEquals("within 10.0", level(c, r("n", "42"), r("n", "50")));
        assertEquals("different", level(c, r("n", "42"), r("n", "420")));
        assertEquals("missing", level(c, r("n", "42"), r("n", "forty")));
    }

    @Test
    void typoComparatorFindsOneWrongCharacterOrOneSwapOfNeighbours() {
        FieldComparator c = new TypoComparator("idNumber", "id");
        assertEquals("exact", level(c, r("id", "110102198005060011"), r("id", "110102198005060011")));
        assertEquals("typo", level(c, r("id", "110102198005060011"), r("id", "110102198005060017")));
        assertEquals("typo", level(c, r("id", "110102198005060011"), r("id", "110102198050060011")));
        assertEquals("different", level(c, r("id", "110102198005060011"), r("id", "110102198005061122")));
        assertEquals("different", level(c, r("id", "110102198005060011"), r("id", "11010219800506001")));
        assertEquals("missing", level(c, r("id", "110102198005060011"), r()));
    }

    @Test
    void nameComparatorIgnoresMinorityNameDotsAndMatchesHomophonesAndOrder() {
        FieldComparator c = new NameComparator("name", "k", "p");
        assertEquals("exact", level(c, r("k", "阿依古丽·买买提", "p", "a yi gu li mai mai ti"),
                r("k", "阿依古丽•买买提", "p", "a yi gu li mai mai ti")));
        assertEquals("exact", level(c, r("k", "阿依古丽．买买提"), r("k", "阿依古丽买买提")));
        assertEquals("pinyin", level(c, r("k", "王伟", "p", "wang wei"), r("k", "王玮", "p", "wang wei")));
        assertEquals("pinyin", level(c, r("k", "LINXIAOYU", "p", "lin xiaoyu"), r("k", "XIAOYULIN", "p", "xiaoyu lin")));
        assertEquals("close", level(c, r("k", "张晓明", "p", "zhang xiao ming"), r("k", "张晓敏", "p", "zhang xiao min")));
        assertEquals("close", level(c, r("k", "欧阳修远"), r("k", "欧阳修"))); // one character left out
        assertEquals("different", level(c, r("k", "王伟", "p", "wang wei"), r("k", "李娜", "p", "li na")));
        assertEquals("missing", level(c, r("k", "王伟"), r()));
    }
}

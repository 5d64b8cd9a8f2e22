package org.jiedao.hub.loaders.normalise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PersonMatchFieldsTest {

    @Test
    void traditionalAndSimplifiedNamesGiveTheSameKeyAndPinyin() {
        Map<String, String> t = PersonMatchFields.of("林曉雨", null, null, null, null, null);
        Map<String, String> s = PersonMatchFields.of("林晓雨", null, null, null, null, null);
        assertEquals("林晓雨", t.get(PersonMatchFields.NAME));
        assertEquals(s.get(PersonMatchFields.NAME), t.get(PersonMatchFields.NAME));
        assertEquals("lin xiao yu", t.get(PersonMatchFields.NAME_PINYIN));
        assertEquals("lin", t.get(PersonMatchFields.SURNAME_PINYIN));
    }

    @Test
    void minorityNameDotsDoNotChangeTheKey() {
        assertEquals(PersonMatchFields.of("阿依古丽·买买提", null, null, null, null, null).get(PersonMatchFields.NAME),
                PersonMatchFields.of("阿依古丽．买买提", null, null, null, null, null).get(PersonMatchFields.NAME));
    }

    @Test
    void aFifteenDigitIdNumberBecomesCanonicalAndGivesBirthDateAndGender() {
        Map<String, String> m = PersonMatchFields.of("石蕾娟", "110102490907122", null, null, null, null);
        assertEquals("110102194909071225", m.get(PersonMatchFields.ID_NUMBER));
        assertEquals("1949-09-07", m.get(PersonMatchFields.BIRTH_DATE));
        assertEquals("1949", m.get(PersonMatchFields.BIRTH_YEAR));
        assertEquals("2", m.get(PersonMatchFields.GENDER));
    }

    @Test
    void anInvalidIdNumberIsKeptOnlyForSimilarity() {
        Map<String, String> m = PersonMatchFields.of("石蕾娟", "110102194909071226", "1949年9月7日", "女", "010-66012345",
                "北京市西城区西长安街街道府右街17号");
        assertFalse(m.containsKey(PersonMatchFields.ID_NUMBER));
        assertEquals("110102194909071226", m.get(PersonMatchFields.ID_DIGITS));
        assertEquals("1949-09-07", m.get(PersonMatchFields.BIRTH_DATE));
        assertEquals("+861066012345", m.get(PersonMatchFields.PHONE));
        assertEquals("府右街17号", m.get(PersonMatchFields.ADDRESS));
    }

    @Test
    void theMemoGivesTheFieldsOfThePlainPathAndNormalisesRepeatedValuesOnce() {
        String[][] records = {
                {"石蕾娟", "110102490907122", null, null, "010-66012345", "北京市西城区西长安街街道府右街17号"},
                {"石蕾娟", null, "1949年9月7日", "女", "010 6601 2345", "北京市西城区西长安街街道府右街17号"},
                {"林曉雨", "110102198003071234", "1980-03-07", "女", "13800138000", "北京市西城區西長安街府右街17號"},
                {"林晓雨", null, "19800307", "F", "not a phone", "N/A"},
                {"··", "x", "sometime", "?", "", "   "},
                {null, null, null, null, null, null},
                {"阿依古丽·买买提", "110102199001011234", "1990/1/1", "1", "+86 138 0013 8000", "府右街17号3号楼2单元301室"}};
        PersonMatchFields.Memo memo = new PersonMatchFields.Memo(1_000);
        PersonMatchFields.Memo full = new PersonMatchFields.Memo(2);
        for (int round = 0; round < 3; round++) {
            for (String[] r : records) {
                Map<String, String> plain = PersonMatchFields.of(r[0], r[1], r[2], r[3], r[4], r[5]);
                assertEquals(plain, memo.of(r[0], r[1], r[2], r[3], r[4], r[5]), java.util.Arrays.toString(r));
                assertEquals(plain, full.of(r[0], r[1], r[2], r[3], r[4], r[5]), java.util.Arrays.toString(r));
            }
        }
        // distinct non-null values: 5 names, 6 phones, 5 addresses; the bounded memo keeps at most 2 of each
        assertEquals(16, memo.size());
        assertEquals(6, full.size());
    }
}

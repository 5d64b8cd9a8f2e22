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
}

package org.jiedao.hub.loaders.normalise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ibm.icu.text.UnicodeSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Text#toSimplified(String)} runs its own copies of ICU's transform, built from the registered one's rules:
 * the results must be those of the registered transform, character by character over the Han blocks, on phrases its
 * rules name, on mixed text, and from several threads at once.
 */
class SimplifiedTest {

    @Test
    void everyHanCharacterGivesWhatTheTransformGives() {
        UnicodeSet han = new UnicodeSet("[[:Han:][\\u3000-\\u303F][\\uFF00-\\uFFEF]]");
        int checked = 0;
        for (UnicodeSet.EntryRange range : han.ranges()) {
            for (int cp = range.codepoint; cp <= range.codepointEnd; cp++) {
                String s = new String(Character.toChars(cp));
                assertEquals(Text.toSimplifiedByTransform(s), Text.toSimplified(s), () -> "U+" + Integer.toHexString(s.codePointAt(0)));
                checked++;
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(checked > 90_000, "Han characters checked: " + checked);
    }

    @Test
    void everyPhraseOfTheRulesGivesWhatTheTransformGives() {
        String rules = com.ibm.icu.text.Transliterator.getInstance("Traditional-Simplified").toRules(false);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^(\\p{IsHan}{2,}) >").matcher(rules);
        int phrases = 0;
        while (m.find()) {
            String text = "在" + m.group(1) + "里";
            assertEquals(Text.toSimplifiedByTransform(text), Text.toSimplified(text), text);
            phrases++;
        }
        org.junit.jupiter.api.Assertions.assertTrue(phrases > 100, "phrases checked: " + phrases);
    }

    @Test
    void mixedTextGivesWhatTheTransformGives() {
        // traditional characters the transform changes, simplified and shared ones, Latin, digits, separators
        String changed = "張偉林曉雨東城區西長安街衚衕號樓單元室華國鋒劉麗萍陳靜馬軍鄭傑乾坤著";
        String plain = "张伟林晓雨东城区西长安街胡同号楼单元室华国锋刘丽萍陈静马军郑杰干坤着北京市府右街里弄·. -AbZ0123456789";
        String alphabet = changed + plain;
        Random rnd = new Random(20261129L);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = 1 + rnd.nextInt(16);
            // half of the strings without any traditional character: the path that skips the transform
            String from = i % 2 == 0 ? plain : alphabet;
            for (int k = 0; k < n; k++) {
                b.append(from.charAt(rnd.nextInt(from.length())));
            }
            String s = b.toString();
            assertEquals(Text.toSimplifiedByTransform(s), Text.toSimplified(s), s);
        }
    }

    @Test
    void simplifiedTextIsKeptAndTraditionalTextIsConverted() {
        String s = "北京市西城区西长安街街道府右街17号";
        assertEquals(s, Text.toSimplified(s));
        assertEquals("张伟", Text.toSimplified("張偉"));
        assertEquals("西长安街", Text.toSimplified("西長安街"));
    }

    @Test
    void threadsRunningAtOnceGetWhatTheTransformGives() throws Exception {
        String[] texts = {"北京市西城区西長安街街道府右街17號3號樓", "張偉", "林曉雨", "茶餘飯後", "崑崙山", "西长安街"};
        String[] expected = new String[texts.length];
        for (int i = 0; i < texts.length; i++) {
            expected[i] = Text.toSimplifiedByTransform(texts[i]);
        }
        java.util.List<String> failures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            for (int t = 0; t < 8; t++) {
                pool.submit(() -> {
                    for (int i = 0; i < 3_000; i++) {
                        int k = i % texts.length;
                        String got = Text.toSimplified(texts[k]);
                        if (!got.equals(expected[k])) {
                            failures.add(texts[k] + " gave " + got);
                        }
                    }
                });
            }
        }
        assertEquals(java.util.List.of(), failures);
    }
}

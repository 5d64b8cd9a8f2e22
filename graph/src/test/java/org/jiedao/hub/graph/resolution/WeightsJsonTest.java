package org.jiedao.hub.graph.resolution;

import static org.jiedao.hub.graph.resolution.Fixtures.person;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Match weights written as JSON and read back: same weights, same decisions; malformed documents refused. */
class WeightsJsonTest {

    @TempDir
    Path dir;

    private static byte[] json(WeightsJson.Document d) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WeightsJson.write(d, out);
        return out.toByteArray();
    }

    private static MatchWeights parse(String json) throws IOException {
        return WeightsJson.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** Records of 300 people, each twice (the second without phone, with a birth-date typo on every fifth). */
    private static List<ResolutionRecord> people() {
        Random rnd = new Random(11);
        String[] surnames = {"wang", "li", "zhang", "liu", "chen"};
        List<ResolutionRecord> rs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String s = surnames[rnd.nextInt(surnames.length)];
            String pinyin = s + " g" + (i % 40);
            String birth = (1940 + rnd.nextInt(60)) + "-0" + (1 + rnd.nextInt(9)) + "-1" + rnd.nextInt(10);
            String phone = "+86139" + (10_000_000 + i);
            String gender = rnd.nextBoolean() ? "1" : "2";
            rs.add(person("a" + i, s + (i % 40), pinyin, birth, gender, phone, "road " + (i % 70), null));
            String birth2 = i % 5 == 0 ? birth.substring(0, 8) + "2" + birth.charAt(9) : birth;
            rs.add(person("b" + i, s + (i % 40), pinyin, birth2, gender, null, "road " + (i % 70), null));
        }
        return rs;
    }

    @Test
    void estimatedWeightsSurviveTheRoundTripAndGiveTheSameDecisions() throws IOException {
        List<ResolutionRecord> records = people();
        ResolutionResult estimated = new ResolutionEngine(Fixtures.settings().weights(null).build()).resolve(records);
        MatchWeights w = estimated.weights();

        WeightsJson.Document doc = new WeightsJson.Document(w, "EM on the candidate pairs (test)", 300L, 11L);
        Path file = dir.resolve("sub/weights.json");
        WeightsJson.write(doc, file);
        WeightsJson.Document back = WeightsJson.read(file);

        assertEquals(w.comparisons(), back.weights().comparisons());
        assertEquals(w.matchShare(), back.weights().matchShare());
        // MatchWeights floors and renormalises again on reading: a level at the floor moves by about 1e-9
        for (int c = 0; c < w.m().length; c++) {
            assertArrayEquals(w.m()[c], back.weights().m()[c], 1e-8, "m of " + w.comparisons().get(c));
            assertArrayEquals(w.u()[c], back.weights().u()[c], 1e-8, "u of " + w.comparisons().get(c));
        }
        assertEquals("EM on the candidate pairs (test)", back.estimatedBy());
        assertEquals(300L, back.population());
        assertEquals(11L, back.seed());

        // configured with the weights read back, the engine decides as it did with its own estimate
        ResolutionResult configured = new ResolutionEngine(Fixtures.settings().weights(back.weights()).build()).resolve(records);
        assertEquals(estimated.entityOf(), configured.entityOf());
        assertEquals(estimated.links().size(), configured.links().size());
        assertFalse(configured.links().isEmpty());
    }

    @Test
    void theDocumentHasTheDocumentedFieldsAndOptionalProvenance() throws IOException {
        String text = new String(json(new WeightsJson.Document(Fixtures.weights(), null, null, null)), StandardCharsets.UTF_8);
        assertTrue(text.contains("\"comparisons\""), text);
        assertTrue(text.contains("\"matchShare\" : 0.5"), text);
        assertFalse(text.contains("estimatedBy"), text);
        WeightsJson.Document back = WeightsJson.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        assertNull(back.estimatedBy());
        assertNull(back.population());
        assertEquals(Fixtures.weights().weight(3, 0), back.weights().weight(3, 0), 1e-9);
    }

    @Test
    void theStreamIsLeftOpenForTheCaller() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                throw new AssertionError("closed by the writer");
            }
        };
        WeightsJson.write(new WeightsJson.Document(Fixtures.weights(), "x", 1L, 2L), out);
        assertTrue(out.size() > 0);
    }

    @Test
    void malformedDocumentsAreRefusedWithTheFieldAtFault() {
        IOException notJson = assertThrows(IOException.class, () -> parse("{\"comparisons\": [\"a\"], "));
        assertTrue(notJson.getMessage().contains("not a JSON document"), notJson.getMessage());

        IOException noShare = assertThrows(IOException.class,
                () -> parse("{\"comparisons\": [\"a\"], \"m\": [[0.9, 0.1]], \"u\": [[0.1, 0.9]]}"));
        assertTrue(noShare.getMessage().contains("matchShare"), noShare.getMessage());

        IOException rows = assertThrows(IOException.class,
                () -> parse("{\"comparisons\": [\"a\", \"b\"], \"m\": [[0.9, 0.1]], \"u\": [[0.1, 0.9]], \"matchShare\": 0.2}"));
        assertTrue(rows.getMessage().contains("one row per comparison"), rows.getMessage());

        IOException text = assertThrows(IOException.class,
                () -> parse("{\"comparisons\": [\"a\"], \"m\": [[\"high\", 0.1]], \"u\": [[0.1, 0.9]], \"matchShare\": 0.2}"));
        assertTrue(text.getMessage().contains("\"m\" row 0"), text.getMessage());

        IOException share = assertThrows(IOException.class,
                () -> parse("{\"comparisons\": [\"a\"], \"m\": [[0.9, 0.1]], \"u\": [[0.1, 0.9]], \"matchShare\": 1.5}"));
        assertTrue(share.getMessage().contains("(0, 1)"), share.getMessage());

        assertThrows(IOException.class, () -> parse("[1, 2]"));
    }
}

package org.jiedao.hub.graph.resolution;

import static org.jiedao.hub.graph.resolution.Fixtures.person;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BlockingTest {

    private static final String[] SURNAMES = {"wang", "li", "zhang", "liu", "chen", "yang", "zhao", "huang", "zhou", "wu"};

    @Test
    void blockingComparesFarFewerPairsThanAllPairsAndKeepsTheTrueOnes() {
        Random rnd = new Random(7);
        List<ResolutionRecord> rs = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            String s = SURNAMES[rnd.nextInt(SURNAMES.length)];
            String pinyin = s + " x" + i;
            String birth = (1930 + rnd.nextInt(80)) + "-0" + (1 + rnd.nextInt(9)) + "-1" + rnd.nextInt(10);
            String phone = "+86139" + (10_000_000 + i);
            rs.add(person("p" + i, "N" + i, pinyin, birth, "1", phone, null, null));
            // a second record of the same person with another name spelling and no phone: found by surname + year
            rs.add(person("q" + i, "M" + i, pinyin, birth, "1", null, null, null));
        }
        ResolutionResult r = new ResolutionEngine(Fixtures.settings().build()).resolve(rs);
        long all = 4_000L * 3_999 / 2;
        assertEquals(all, r.possiblePairs());
        assertTrue(r.candidatePairs() < all / 50, r.candidatePairs() + " candidate pairs of " + all);
        for (int i = 0; i < 2_000; i++) {
            assertEquals(r.entityOf().get("p" + i), r.entityOf().get("q" + i), "person " + i);
        }
    }
}

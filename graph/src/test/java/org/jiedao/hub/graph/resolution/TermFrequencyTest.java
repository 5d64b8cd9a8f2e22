package org.jiedao.hub.graph.resolution;

import static org.jiedao.hub.graph.resolution.Fixtures.person;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TermFrequencyTest {

    @Test
    void agreeingOnACommonNameWeighsLessThanAgreeingOnARareOne() {
        List<ResolutionRecord> rs = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            rs.add(person("w" + i, "王伟", "wang wei", "19" + (40 + i) + "-01-01", "1", null, null, null));
        }
        for (int i = 0; i < 200; i++) {
            rs.add(person("o" + i, "名" + i, "ming " + i, "1960-01-01", "1", null, null, null));
        }
        rs.add(person("rare1", "欧阳修远", "ou yang xiu yuan", "1975-04-05", "1", null, null, null));
        rs.add(person("rare2", "欧阳修远", "ou yang xiu yuan", "1975-04-05", "1", null, null, null));
        ResolutionRecord w1 = person("w1x", "王伟", "wang wei", "1975-04-05", "1", null, null, null);
        ResolutionRecord w2 = person("w2x", "王伟", "wang wei", "1975-04-05", "1", null, null, null);
        rs.add(w1);
        rs.add(w2);
        TermFrequencies tf = TermFrequencies.of(rs, List.of("name"));
        Scorer scorer = new ResolutionEngine(Fixtures.settings().build()).scorer(Fixtures.weights(), tf);
        double common = scorer.score(w1, w2).weight();
        double rare = scorer.score(rs.get(260), rs.get(261)).weight();
        assertTrue(tf.adjustment("name", "王伟") < 0, "common name lowered: " + tf.adjustment("name", "王伟"));
        assertTrue(tf.adjustment("name", "欧阳修远") > 0, "rare name raised: " + tf.adjustment("name", "欧阳修远"));
        assertTrue(common < rare, "王伟 " + common + " < 欧阳修远 " + rare);
    }
}

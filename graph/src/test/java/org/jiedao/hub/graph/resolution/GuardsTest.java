package org.jiedao.hub.graph.resolution;

import static org.jiedao.hub.graph.resolution.Fixtures.person;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuardsTest {

    private static final String OFFICE = "+861066001234";

    /** Eight residents with ID numbers who all gave the community office's number, and two ID-less records. */
    private static List<ResolutionRecord> officePhoneRecords() {
        List<ResolutionRecord> rs = new ArrayList<>();
        String[] names = {"李娜", "张敏", "刘洋", "陈静", "杨帆", "赵磊", "黄丽", "周杰"};
        for (int i = 0; i < names.length; i++) {
            rs.add(person("resident" + i, names[i], null, "19" + (50 + i) + "-01-0" + (i + 1), "2", OFFICE,
                    "府右街" + (i + 1) + "号", "11010219" + (50 + i) + "010" + (i + 1) + "100" + i));
        }
        // the same name, other birth dates, both with the office number: two different women called 王芳
        rs.add(person("x", "王芳", "wang fang", "1970-03-04", "2", OFFICE, "灵境胡同8号", null));
        rs.add(person("y", "王芳", "wang fang", "1985-06-07", "2", OFFICE, "光明胡同3号", null));
        return rs;
    }

    @Test
    void aPhoneSharedByManyIdentitiesIsNoEvidence() {
        ResolutionResult guarded = new ResolutionEngine(Fixtures.settings().hubFields(5, "phone").build())
                .resolve(officePhoneRecords());
        assertNotEquals(guarded.entityOf().get("x"), guarded.entityOf().get("y"));
        assertEquals(1, guarded.hubValues().get("phone"));
        // without the guard, the shared number is enough to merge the two 王芳
        ResolutionResult unguarded = new ResolutionEngine(Fixtures.settings().build()).resolve(officePhoneRecords());
        assertEquals(unguarded.entityOf().get("x"), unguarded.entityOf().get("y"));
    }

    @Test
    void twoDifferentValidIdNumbersAreNeverLinkedWhateverElseTheyShare() {
        ResolutionRecord a = person("a", "张伟", "zhang wei", "1980-05-06", "1", "+8613800000001", "府右街1号",
                "110102198005060011");
        ResolutionRecord b = person("b", "张伟", "zhang wei", "1980-05-06", "1", "+8613800000001", "府右街1号",
                "110102198005060038");
        ResolutionEngine engine = new ResolutionEngine(Fixtures.settings().build());
        Evidence e = engine.scorer(Fixtures.weights(), null).score(a, b);
        assertTrue(e.weight() > 20, "everything else agrees: " + e.weight());
        assertEquals("conflict:idNumber", e.rule());
        assertEquals(Decision.DISTINCT, engine.scorer(Fixtures.weights(), null).decide(e));
        ResolutionResult r = engine.resolve(List.of(a, b));
        assertNotEquals(r.entityOf().get("a"), r.entityOf().get("b"));
        assertTrue(r.links().isEmpty());
    }

    @Test
    void theSameIdNumberLinksDeterministicallyDespiteOtherDifferences() {
        ResolutionRecord a = person("a", "张伟", "zhang wei", "1980-05-06", "1", null, null, "110102198005060011");
        ResolutionRecord b = person("b", "张大伟", "zhang da wei", "1980-06-05", null, "+8613800000001", null,
                "110102198005060011");
        ResolutionResult r = new ResolutionEngine(Fixtures.settings().build()).resolve(List.of(a, b));
        assertEquals(r.entityOf().get("a"), r.entityOf().get("b"));
        assertEquals("idNumber", r.links().getFirst().evidence().rule());
    }

    @Test
    void aChainOfNearMatchesStopsWhereItWouldJoinTwoIdNumbers() {
        // B has no ID number and matches both A and C; A and C are different people (different ID numbers)
        ResolutionRecord a = person("a", "刘建国", "liu jian guo", "1962-08-15", "1", "+8613900000002", "西交民巷5号",
                "110102196208150017");
        ResolutionRecord b = person("b", "刘建国", "liu jian guo", "1962-08-15", "1", "+8613900000002", "西交民巷5号", null);
        ResolutionRecord c = person("c", "刘建国", "liu jian guo", "1962-08-15", "1", null, "西交民巷5号",
                "110102196208150033");
        ResolutionResult r = new ResolutionEngine(Fixtures.settings().build()).resolve(List.of(a, b, c));
        assertNotEquals(r.entityOf().get("a"), r.entityOf().get("c"));
        assertEquals(r.entityOf().get("a"), r.entityOf().get("b"), "the stronger link (phone too) wins");
        assertEquals(1, r.refusals().size());
        assertEquals("conflicting idNumber", r.refusals().getFirst().reason());
        assertEquals(List.of("b", "c"), List.of(r.refusals().getFirst().link().a(), r.refusals().getFirst().link().b()));
    }

    @Test
    void clusteringStopsAtTheMaximumClusterSize() {
        List<ResolutionRecord> rs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            rs.add(person("r" + i, "马丽", "ma li", "1990-02-03", "2", "+8613700000003", "义达里9号", null));
        }
        ResolutionResult r = new ResolutionEngine(Fixtures.settings().maxClusterSize(3).build()).resolve(rs);
        assertEquals(2, r.entityCount());
        assertTrue(r.refusals().stream().allMatch(x -> x.reason().equals("cluster size")));
        assertTrue(r.entityOf().values().stream().filter(v -> v.equals("r0")).count() == 3);
    }
}

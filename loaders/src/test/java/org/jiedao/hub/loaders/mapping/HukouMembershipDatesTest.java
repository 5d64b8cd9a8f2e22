package org.jiedao.hub.loaders.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jiedao.hub.loaders.read.RawRecord;
import org.jiedao.hub.loaders.source.BundledSources;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.assertion.RecordAssertions;
import org.jiedao.hub.ontology.assertion.RelationshipAssertion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The household registry's optional move-in / move-out columns (迁入日期, 迁出日期) become the membership's
 * {@code validFrom} / {@code validTo} as dates, which the API's {@code asOf} compares as dates.
 */
class HukouMembershipDatesTest {
    @TempDir
    Path tmp;

    private static Map<String, Object> row() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("户号", "012345678");
        row.put("姓名", "王芳");
        row.put("性别", "女");
        row.put("出生日期", "1985-03-07");
        row.put("公民身份号码", "110102199001010011");
        row.put("与户主关系", "妻");
        row.put("住址", "北京市西城区西直门内大街12号");
        row.put("社区代码", "110102003015");
        return row;
    }

    private RecordAssertions map(Map<String, Object> row) {
        MappingOutcome outcome = SourceMapping.compile(BundledSources.byId("hukou", tmp), Ontology.bundled())
                .map(RawRecord.of("hukou.csv line 2", row));
        assertThat(outcome).as(outcome.toString()).isInstanceOf(MappingOutcome.Mapped.class);
        return ((MappingOutcome.Mapped) outcome).assertions();
    }

    private static RelationshipAssertion membership(RecordAssertions a) {
        return a.relationships().stream().filter(r -> r.type().type().equals("MEMBER_OF")).findFirst().orElseThrow();
    }

    @Test
    void moveInAndMoveOutDatesBecomeTheMembershipsValidityAsDates() {
        Map<String, Object> row = row();
        row.put("迁入日期", "2015年1月1日");
        row.put("迁出日期", "2024-03-01");
        Map<String, Object> props = membership(map(row)).properties();
        assertThat(props.get("validFrom")).isEqualTo(LocalDate.of(2015, 1, 1));
        assertThat(props.get("validTo")).isEqualTo(LocalDate.of(2024, 3, 1));
    }

    @Test
    void aRegisterWithoutTheColumnsMapsAsBeforeWithOpenValidity() {
        RecordAssertions a = map(row());
        assertThat(membership(a).properties()).containsOnlyKeys("relationToHead");
        assertThat(a.record().data()).doesNotContain("memberSince", "memberUntil");
    }
}

package org.jiedao.hub.loaders.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jiedao.hub.loaders.read.RawRecord;
import org.jiedao.hub.loaders.source.BundledSources;
import org.jiedao.hub.ontology.Ontology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the ontology says about values (code lists, SHACL patterns derived from it) is enforced on every record,
 * and a refused record says why in words a clerk understands, in Chinese and in English.
 */
class ShapeViolationsTest {
    @TempDir
    Path tmp;

    private MappingOutcome mapHukou(String column, String value) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("户号", "012345678");
        row.put("姓名", "王芳");
        row.put("性别", "女");
        row.put("民族", "汉族");
        row.put("出生日期", "1985-03-07");
        row.put("公民身份号码", "110102199001010011");
        row.put("与户主关系", "户主");
        row.put("住址", "府右街12号");
        row.put("社区代码", "110102001004");
        row.put(column, value);
        return SourceMapping.compile(BundledSources.byId("hukou", tmp), Ontology.bundled())
                .map(RawRecord.of("hukou_registry.csv line 2", row));
    }

    @Test
    void aValidRowPasses() {
        assertThat(mapHukou("姓名", "王芳")).isInstanceOf(MappingOutcome.Mapped.class);
    }

    @Test
    void aDivisionCodeOfTheWrongFormIsRefusedByItsShapeInBothLanguages() {
        MappingOutcome o = mapHukou("社区代码", "1101020010X4");
        assertThat(o).isInstanceOf(MappingOutcome.Rejected.class);
        String reason = ((MappingOutcome.Rejected) o).reason();
        assertThat(reason).contains("区划代码").contains("division code").contains(" / ");
    }

    @Test
    void aCodedValueIsStoredAsItsNotationWhateverNameTheSourceUsed() {
        MappingOutcome o = mapHukou("性别", "女");
        var person = ((MappingOutcome.Mapped) o).assertions().node("person").orElseThrow();
        assertThat(person.properties().get("gender")).isEqualTo("2");
    }
}

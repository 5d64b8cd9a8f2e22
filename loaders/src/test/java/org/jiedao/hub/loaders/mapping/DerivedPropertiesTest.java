package org.jiedao.hub.loaders.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jiedao.hub.loaders.read.RawRecord;
import org.jiedao.hub.loaders.reference.DivisionAssertions;
import org.jiedao.hub.loaders.reference.DivisionCodes;
import org.jiedao.hub.loaders.source.BundledSources;
import org.jiedao.hub.loaders.source.DefinitionFiles;
import org.jiedao.hub.loaders.source.SourceDefinitionException;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.assertion.RecordAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Properties the ontology derives ({@code hub:derivedFrom}) are set by the mapping for every source, without YAML. */
class DerivedPropertiesTest {
    @TempDir
    Path tmp;

    @Test
    void aHukouRowGetsThePinyinOfItsNameAndOfItsAddress() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("户号", "H1");
        row.put("姓名", "林曉雨");
        row.put("性别", "女");
        row.put("出生日期", "1990-01-01");
        row.put("公民身份号码", "110102199001010011");
        row.put("与户主关系", "户主");
        row.put("住址", "北京市西城区府右街12号");
        row.put("社区代码", "110102001004");
        MappingOutcome outcome = SourceMapping.compile(BundledSources.byId("hukou", tmp), Ontology.bundled())
                .map(RawRecord.of("line 2", row));
        RecordAssertions a = ((MappingOutcome.Mapped) outcome).assertions();
        assertThat(a.node("person").orElseThrow().properties()).containsEntry("name", "林曉雨")
                .containsEntry("namePinyin", "lin xiao yu linxiao xiaoyu linxiaoyu lxy");
        assertThat(a.nodes().stream().filter(n -> n.type().label().equals("Address")).findFirst().orElseThrow().properties()
                .get("textPinyin").toString()).startsWith("fu you jie 12 hao");
    }

    @Test
    void divisionsGetThePinyinOfTheirNames() {
        var communities = DivisionAssertions.of(DivisionCodes.xicheng(), Ontology.bundled(), "t").stream()
                .flatMap(r -> r.nodes().stream()).filter(n -> n.type().label().equals("Community") && n.primary()).toList();
        assertThat(communities).isNotEmpty().allSatisfy(n -> assertThat(n.properties()).containsKey("namePinyin"));
    }

    @Test
    void aDefinitionMappingADerivedPropertyItselfIsRefused() {
        String yaml = DefinitionFiles.replace(DefinitionFiles.VALID, "properties: {idNumber: idNumber, name: name}",
                "properties: {idNumber: idNumber, name: name, namePinyin: name}");
        assertThatThrownBy(() -> SourceMapping.compile(DefinitionFiles.read(tmp, yaml), Ontology.bundled()))
                .isInstanceOf(SourceDefinitionException.class).hasMessageContaining("namePinyin").hasMessageContaining("derived from 'name'");
    }
}

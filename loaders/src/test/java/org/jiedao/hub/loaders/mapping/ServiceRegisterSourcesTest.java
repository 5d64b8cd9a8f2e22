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
 * The civil-affairs registers of the proactive services (config/sources/civilaffairs-{elderly,subsidy,optout}.yaml):
 * a row as the simulator writes it maps, with a lower-case x in the ID number and a name with a trailing space.
 */
class ServiceRegisterSourcesTest {
    @TempDir
    Path tmp;

    private MappingOutcome map(String source, Map<String, Object> row) {
        return SourceMapping.compile(BundledSources.byId(source, tmp), Ontology.bundled()).map(RawRecord.of("row 2", row));
    }

    @Test
    void aGrantedSubsidyApplicationAndAnOptOutMap() {
        Map<String, Object> subsidy = new LinkedHashMap<>();
        subsidy.put("登记编号", "HLBT-2025-00001");
        subsidy.put("姓名", "王芳 ");
        subsidy.put("公民身份号码", "11010219850307124x");
        subsidy.put("事项编码", "nursing-subsidy");
        subsidy.put("审批结果", "准予");
        assertThat(map("civilaffairs-subsidy", subsidy)).as(map("civilaffairs-subsidy", subsidy).toString()).isInstanceOf(MappingOutcome.Mapped.class);
        Map<String, Object> optOut = new LinkedHashMap<>();
        optOut.put("登记编号", "TD-00001");
        optOut.put("姓名", "王芳");
        optOut.put("公民身份号码", "11010219850307124X");
        optOut.put("事项编码", "elderly-card");
        optOut.put("退订日期", "2026-05-03");
        assertThat(map("civilaffairs-optout", optOut)).as(map("civilaffairs-optout", optOut).toString()).isInstanceOf(MappingOutcome.Mapped.class);
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("卡号", "YLZC00000001");
        card.put("姓名", "王芳");
        card.put("公民身份号码", "11010219850307124X");
        card.put("发卡日期", "2026-05-03");
        assertThat(map("civilaffairs-elderly", card)).as(map("civilaffairs-elderly", card).toString()).isInstanceOf(MappingOutcome.Mapped.class);
    }
}

package org.jiedao.hub.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.jiedao.hub.loaders.reference.DivisionCodes;
import org.jiedao.hub.loaders.reference.DivisionCodes.Division;
import org.junit.jupiter.api.Test;

/** The bundled 西城区 division table, as the simulator relies on it. */
class DivisionCodesTest {

    private final DivisionCodes codes = DivisionCodes.xicheng();

    @Test
    void holdsXichengWithItsParentChainStreetsAndCommunities() {
        assertThat(codes.all()).hasSize(281);
        assertThat(codes.byCode("110102")).contains(new Division("110102", "西城区", "district", "1101"));
        assertThat(codes.byCode("11")).contains(new Division("11", "北京市", "province", null));
        assertThat(codes.byCode("110102001").map(Division::name)).contains("西长安街街道");
        assertThat(codes.children("110102")).hasSize(15).allSatisfy(d -> assertThat(d.level()).isEqualTo("street"));
        assertThat(codes.all().stream().filter(d -> d.level().equals("community"))).hasSize(263);
        assertThat(codes.byCode("999")).isEmpty();
        assertThat(codes.children("999")).isEmpty();
    }

    @Test
    void xiChangAnJieHasItsElevenCommunities() {
        assertThat(codes.children("110102001")).extracting(Division::name).hasSize(11)
                .contains("府右街南社区居委会", "西交民巷社区居委会", "未英社区居委会");
        assertThat(codes.children("110102001")).allSatisfy(d -> {
            assertThat(d.code()).matches("110102001\\d{3}");
            assertThat(d.level()).isEqualTo("community");
        });
        assertThat(DivisionCodes.xicheng()).isSameAs(codes);
    }
}

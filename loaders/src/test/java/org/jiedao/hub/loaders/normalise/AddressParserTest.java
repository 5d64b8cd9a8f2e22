package org.jiedao.hub.loaders.normalise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jiedao.hub.loaders.normalise.AddressParser.Parts;
import org.jiedao.hub.loaders.reference.DivisionCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link AddressParser} on realistic 西城区 addresses, and the address normalisers built on it. */
class AddressParserTest {

    private static final AddressParser PARSER = AddressParser.xicheng();

    private static Parts parse(String raw) throws NormalisationException {
        return PARSER.parse(raw);
    }

    private static Object n(String name, String raw) throws NormalisationException {
        return Normalisers.byName(name).normalise(raw);
    }

    @Test
    void aFullAddressIsSplitIntoItsElementsAndLinkedToTheSubdistrict() throws Exception {
        Parts p = parse("北京市西城区西长安街街道府右街社区府右街17号3号楼2单元301室");
        assertThat(p.text()).isEqualTo("府右街17号3号楼2单元301");
        // 府右街社区 is not in the 2023 table (府右街南社区 is): the sub-district is the most specific division found
        assertThat(p.divisionCode()).isEqualTo("110102001");
        assertThat(DivisionCodes.xicheng().byCode(p.divisionCode()).orElseThrow().name()).isEqualTo("西长安街街道");
        assertThat(p.communityCode()).isNull();
        assertThat(p.road()).isEqualTo("府右街");
        assertThat(p.number()).isEqualTo("17");
        assertThat(p.building()).isEqualTo("3");
        assertThat(p.unit()).isEqualTo("2");
        assertThat(p.room()).isEqualTo("301");
    }

    @Test
    void aKnownCommunityGivesTheTwelveDigitCode() throws Exception {
        Parts p = parse("北京市西城区西长安街街道府右街南社区府右街17号3号楼2单元301室");
        assertThat(p.communityCode()).isEqualTo("110102001004");
        assertThat(p.divisionCode()).isEqualTo("110102001004");
        assertThat(p.text()).isEqualTo("府右街17号3号楼2单元301");

        Parts q = parse("西城区西长安街街道办事处六部口社区居委会北新华街5号");
        assertThat(q.communityCode()).isEqualTo("110102001012");
        assertThat(q.road()).isEqualTo("北新华街");
        assertThat(q.number()).isEqualTo("5");
        assertThat(q.text()).isEqualTo("北新华街5号");
    }

    @Test
    void aCommunityOfAnotherSubdistrictIsNotTaken() throws Exception {
        Parts p = parse("西城区月坛街道府右街南社区府右街17号");
        assertThat(p.communityCode()).isNull();
        assertThat(p.divisionCode()).isEqualTo("110102007"); // 月坛街道
    }

    @ParameterizedTest
    @ValueSource(strings = {"西城區府右街17號3號樓2單元301室", "西城区 府右街１７号３号楼２单元３０１室", "府右街十七号三号楼二单元三〇一室",
        "北京市市辖区西城区府右街17号3号楼2单元301", "府右街17号 3号楼 2单元 301室"})
    void traditionalFullWidthAndChineseNumeralsGiveTheSameAddress(String raw) throws Exception {
        Parts p = parse(raw);
        assertThat(p.text()).isEqualTo("府右街17号3号楼2单元301");
        assertThat(p.road()).isEqualTo("府右街");
        assertThat(p.number()).isEqualTo("17");
        assertThat(p.building()).isEqualTo("3");
        assertThat(p.unit()).isEqualTo("2");
        assertThat(p.room()).isEqualTo("301");
        assertThat(n("address", raw)).isEqualTo("府右街17号3号楼2单元301");
    }

    @Test
    void theDistrictIsTheDivisionWhenNothingFinerIsNamed() throws Exception {
        assertThat(parse("西城區府右街17號").divisionCode()).isEqualTo("110102");
        assertThat(parse("海淀区中关村大街1号").divisionCode()).isNull(); // not in the bundled 西城区 table
    }

    @Test
    void aHutongAddressWithoutDivision() throws Exception {
        Parts p = parse("某某胡同12号");
        assertThat(p.road()).isEqualTo("某某胡同");
        assertThat(p.number()).isEqualTo("12");
        assertThat(p.building()).isNull();
        assertThat(p.unit()).isNull();
        assertThat(p.room()).isNull();
        assertThat(p.divisionCode()).isNull();
        assertThat(p.text()).isEqualTo("某某胡同12号");
    }

    @Test
    void compoundsCourtyardsAndNumeralsInNames() throws Exception {
        Parts yard = parse("府右街12号院3号楼2单元401室");
        assertThat(yard.number()).isEqualTo("12");
        assertThat(yard.building()).isEqualTo("3");
        assertThat(yard.room()).isEqualTo("401");

        Parts estate = parse("金融街小区1号楼101室");
        assertThat(estate.text()).isEqualTo("金融街小区1号楼101");
        assertThat(estate.road()).isNull();
        assertThat(estate.number()).isNull();
        assertThat(estate.building()).isEqualTo("1");
        assertThat(estate.room()).isEqualTo("101");

        Parts lane = parse("东四十二条3号"); // 十二 names the lane here: it is no count
        assertThat(lane.text()).isEqualTo("东四十二条3号");
        assertThat(lane.road()).isEqualTo("东四十二条");
        assertThat(lane.number()).isEqualTo("3");

        assertThat(parse("府右街12号会议室").text()).isEqualTo("府右街12号会议室"); // 室 not after a number
        assertThat(parse("北京市西城区").text()).isEqualTo("西城区"); // nothing left to strip to
    }

    @Test
    void theAddressNormalisersExtractOnePartEach() throws Exception {
        String raw = "北京市西城区西长安街街道府右街南社区府右街17號3號樓2單元301室";
        assertThat(n("addressRoad", raw)).isEqualTo("府右街");
        assertThat(n("addressNumber", raw)).isEqualTo("17");
        assertThat(n("addressBuilding", raw)).isEqualTo("3");
        assertThat(n("addressUnit", raw)).isEqualTo("2");
        assertThat(n("addressRoom", raw)).isEqualTo("301");
        assertThat(n("addressDivision", raw)).isEqualTo("110102001004");
        assertThat(n("addressCommunity", raw)).isEqualTo("110102001004");
        assertThat(n("addressRoom", "某某胡同12号")).isNull();
        assertThat(n("addressCommunity", "某某胡同12号")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"N/A", "???", "-", "12345", "null"})
    void textWithoutAChineseCharacterIsNoAddress(String raw) {
        assertThatThrownBy(() -> n("address", raw)).isInstanceOf(NormalisationException.class)
                .hasMessageContaining("no Chinese character").hasMessageContaining("不含汉字");
    }

    @Test
    void freeTextKeepsItsTextButHasNoParts() throws Exception {
        Parts p = parse("不详");
        assertThat(p.text()).isEqualTo("不详");
        assertThat(p.road()).isNull();
        assertThat(p.number()).isNull();
        assertThat(p.divisionCode()).isNull();
    }
}

package org.jiedao.hub.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

import org.jiedao.hub.loaders.normalise.IdNumber;
import org.jiedao.hub.loaders.reference.DivisionCodes;
import org.junit.jupiter.api.Test;

/** The benchmark district: the same seed gives the same district, keys are unique, shares are as documented. */
class DistrictPopulationTest {
    private static final LocalDate REF = SiloGenerator.DEFAULT_REFERENCE_DATE;

    @Test
    void sameSeedSameDistrictAndEveryKeyUnique() throws Exception {
        DistrictPopulation a = DistrictPopulation.generate(7, 6_000, REF);
        DistrictPopulation b = DistrictPopulation.generate(7, 6_000, REF);
        assertThat(a.residents()).isEqualTo(b.residents());
        assertThat(a.vehicles()).isEqualTo(b.vehicles());
        assertThat(a.cases()).isEqualTo(b.cases());
        assertThat(a.certificates()).isEqualTo(b.certificates());
        assertThat(DistrictPopulation.generate(8, 6_000, REF).residents()).isNotEqualTo(a.residents());

        assertThat(a.residents().size()).isBetween(5_900, 6_000);
        Set<String> ids = new HashSet<>();
        for (DistrictPopulation.Resident r : a.residents()) {
            assertThat(ids.add(r.idNumber())).as(r.idNumber()).isTrue();
            assertThat(IdNumber.parse(r.idNumber()).value()).isEqualTo(r.idNumber());
        }
        assertThat(a.households().stream().map(DistrictPopulation.Household::number).distinct().count()).isEqualTo(a.households().size());
        assertThat(a.households().stream().map(DistrictPopulation.Household::address).distinct().count()).isEqualTo(a.households().size());
        assertThat(a.vehicles().stream().map(DistrictPopulation.Vehicle::plate).distinct().count()).isEqualTo(a.vehicles().size());
        assertThat(a.cases().stream().map(DistrictPopulation.Case::caseNumber).distinct().count()).isEqualTo(a.cases().size());
    }

    @Test
    void spreadsOverTheWholeDistrictWithTheDocumentedShares() {
        DistrictPopulation d = DistrictPopulation.generate(DistrictPopulation.DEFAULT_DISTRICT.hashCode(), 10_000, REF);
        DivisionCodes codes = DivisionCodes.xicheng();
        Set<String> streets = new HashSet<>();
        d.communityCodes().forEach(c -> streets.add(codes.byCode(c).orElseThrow().parentCode()));
        assertThat(streets).hasSize((int) codes.children(DistrictPopulation.DEFAULT_DISTRICT).stream()
                .filter(s -> !codes.children(s.code()).isEmpty()).count());
        double perHousehold = (double) d.residents().size() / d.households().size();
        assertThat(perHousehold).isBetween(2.2, 2.9);
        long adults = d.residents().stream().filter(r -> r.birthDate().plusYears(18).isBefore(REF)).count();
        assertThat((double) d.vehicles().size() / adults).isBetween(0.25, 0.35);
        assertThat((double) d.cases().size() / d.residents().size()).isBetween(0.25, 0.35);
        assertThat((double) d.certificates().size() / d.residents().size()).isBetween(0.012, 0.028);
        assertThat(d.residents()).allSatisfy(r -> assertThat(r.memberSince()).isAfterOrEqualTo(r.birthDate()));
    }
}

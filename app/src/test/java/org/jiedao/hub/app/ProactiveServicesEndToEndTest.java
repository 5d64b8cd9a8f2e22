package org.jiedao.hub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.jiedao.hub.analytics.CommunityScope;
import org.jiedao.hub.analytics.EligibleResident;
import org.jiedao.hub.analytics.Prefill;
import org.jiedao.hub.analytics.PrefillShare;
import org.jiedao.hub.analytics.PrefilledField;
import org.jiedao.hub.analytics.PrefilledForm;
import org.jiedao.hub.analytics.PublicServiceDefinition;
import org.jiedao.hub.analytics.ServiceCatalogue;
import org.jiedao.hub.analytics.ServiceEligibility;
import org.jiedao.hub.analytics.ServiceOutreach;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.simulator.GeneratedSilos;
import org.jiedao.hub.simulator.SiloGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proactive services end to end (issue 8, item 3): generated silos (registry, disability certificates, elderly
 * cards, subsidy decisions, opt-outs) ingested through the hub's normal routes, then the repository's catalogue
 * (config/services) applied on the generator's reference day. The generator's {@code ServiceTruth} says exactly who is
 * eligible and not enrolled, and who opted out.
 */
class ProactiveServicesEndToEndTest {
    @TempDir
    static Path dataDir;
    static GeneratedSilos silos;
    static ServiceCatalogue catalogue;
    static final java.time.LocalDate DAY = SiloGenerator.DEFAULT_REFERENCE_DATE;

    @BeforeAll
    static void ingest() throws Exception {
        TestNeo4j.clear();
        HubSettings settings = TestHubs.settings(dataDir);
        silos = SiloGenerator.Options.builder().persons(800).generator().generate(settings.silosDir());
        try (Hub hub = Hub.start(settings)) {
            assertThat(hub.routes().awaitInitialLoad(Duration.ofMinutes(3))).isTrue();
        }
        catalogue = ServiceCatalogue.load(TestHubs.repoRoot().resolve("config/services"), Ontology.bundled());
    }

    @Test
    void theEligibleResidentsNotEnrolledAreExactlyTheGeneratorsWithTheirFacts() {
        assertThat(catalogue.services()).extracting(PublicServiceDefinition::code).containsExactly("elderly-card", "nursing-subsidy");
        ServiceEligibility eligibility = new ServiceEligibility(TestNeo4j.driver(), null);
        for (PublicServiceDefinition s : catalogue.services()) {
            ServiceOutreach o = eligibility.outreach(s, DAY, CommunityScope.ALL);
            Set<String> expected = silos.services().eligibleNotEnrolled().get(s.code());
            assertThat(expected).as(s.code()).isNotEmpty();
            assertThat(o.notEnrolled()).extracting(EligibleResident::idNumber).as(s.code()).containsExactlyElementsOf(new TreeSet<>(expected));
            assertThat(o.enrolled()).as(s.code()).isEqualTo(silos.services().enrolled().get(s.code()).size());
            assertThat(o.notEnrolled().stream().filter(EligibleResident::optedOut).map(EligibleResident::idNumber).collect(Collectors.toSet()))
                    .as(s.code()).isEqualTo(silos.services().optedOut().get(s.code()));
            for (EligibleResident r : o.notEnrolled()) {
                assertThat(r.facts()).extracting(f -> f.criterion()).containsExactlyElementsOf(
                        s.criteria().stream().map(PublicServiceDefinition.Criterion::code).toList());
                r.facts().forEach(f -> assertThat(f.records()).as(f.toString()).isNotEmpty());
            }
        }
    }

    @Test
    void theFormIsPrefilledFromTheGraphWithItsSourceRecords() {
        PublicServiceDefinition subsidy = catalogue.service("nursing-subsidy");
        String id = silos.services().eligibleNotEnrolled().get("nursing-subsidy").iterator().next();
        Prefill prefill = new Prefill(TestNeo4j.driver(), Ontology.bundled(), null);
        PrefilledForm form = prefill.form(subsidy, id, DAY, CommunityScope.ALL).orElseThrow();
        Map<String, PrefilledField> byName = form.fields().stream().collect(Collectors.toMap(PrefilledField::field, f -> f));
        assertThat(byName.get("idNumber").value()).isEqualTo(id);
        assertThat(byName.get("idNumber").records()).anyMatch(r -> r.startsWith("hukou:"));
        assertThat(byName.get("certificateNumber").value()).startsWith(id);
        assertThat(byName.get("certificateNumber").records()).allMatch(r -> r.startsWith("civilaffairs:"));
        assertThat(byName.get("disabilityLevel").value()).isIn("1", "2");
        assertThat(byName.get("disabilityLevel").text()).isIn("一级", "二级");
        assertThat(byName.get("bankAccount").filled()).as("not in the graph").isFalse();
        assertThat(byName.get("phone").filled()).as("the generated registry has no phone numbers").isFalse();
        assertThat(form.share()).isEqualTo((double) form.filled() / subsidy.form().size());

        List<PrefillShare> shares = prefill.shares(catalogue.services(), DAY, CommunityScope.ALL);
        assertThat(shares).hasSize(3);
        assertThat(shares.get(1).residents()).isEqualTo(silos.services().eligibleNotEnrolled().get("nursing-subsidy").size());
        assertThat(shares.get(2).filled()).isEqualTo(shares.get(0).filled() + shares.get(1).filled());
        shares.forEach(s -> System.out.printf("prefill share %s: %d residents, %d of %d fields, %.4f%n", s.service(), s.residents(),
                s.filled(), s.fields(), s.share()));
    }
}

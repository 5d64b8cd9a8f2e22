package org.jiedao.hub.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

import org.jiedao.hub.ontology.Ontology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service catalogue: the bundled services load; a wrong name stops the load with its file and line. */
class ServiceCatalogueTest {
    private static final Ontology ONTOLOGY = Ontology.bundled();
    @TempDir
    Path dir;

    private static final String VALID = """
            code: test-service
            name: 测试事项
            competentAuthority: 街道民政科
            criteria:
              - code: age
                description: 年满60周岁
                age: {property: Person.birthDate, minimum: 60}
            enrolment:
              holds: Person.certificates[ElderlyCard].certificateNumber
            form:
              - {field: name, label: 姓名, property: Person.name}
              - {field: address, label: 居住地址, property: Person.address.text}
              - {field: photo, label: 照片}
            notice:
              template: "{name}您好：{service}"
            """;

    @Test
    void theBundledCatalogueLoadsWithItsTwoServices() {
        ServiceCatalogue c = ServiceCatalogue.load(Path.of("../config/services"), ONTOLOGY);
        assertThat(c.services()).extracting(PublicServiceDefinition::code).containsExactly("elderly-card", "nursing-subsidy");
        PublicServiceDefinition subsidy = c.service("nursing-subsidy");
        assertThat(subsidy.criteria()).extracting(PublicServiceDefinition.Criterion::kind)
                .containsExactly(PublicServiceDefinition.Kind.REGISTRATION, PublicServiceDefinition.Kind.HOLDS);
        assertThat(subsidy.criteria().get(1).path().steps()).containsExactly(new PropertyPath.Step("HELD_BY", false, "DisabilityCertificate"));
        assertThat(subsidy.criteria().get(1).values()).containsExactly("1", "2");
        assertThat(c.service("elderly-card").form()).filteredOn(f -> f.path() == null).extracting(PublicServiceDefinition.FormField::field)
                .containsExactly("photo", "agentName");
        assertThatThrownBy(() -> c.service("nope")).hasMessageContaining("elderly-card");
    }

    @Test
    void anUnknownPropertyIsAnErrorNamingFileAndLine() throws Exception {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, VALID.replace("Person.address.text", "Person.address.txet"));
        assertThatThrownBy(() -> ServiceCatalogue.load(dir, ONTOLOGY)).isInstanceOf(ServiceCatalogueException.class)
                .hasMessageContaining("broken.yaml:12:").hasMessageContaining("unknown property 'txet' of Address");
    }

    @Test
    void otherMistakesAreRefusedWithTheirLine() throws Exception {
        Path file = dir.resolve("s.yaml");
        Map<String, String> broken = Map.of(
                VALID.replace("Person.certificates[ElderlyCard]", "Person.certificates[Vehicle]"), ":9: Vehicle is not a kind of Certificate",
                VALID.replace("{name}您好", "{nmae}您好"), ":15: notice template: unknown placeholder {nmae}",
                VALID.replace("age: {property: Person.birthDate", "age: {property: Person.name"), ":7: an age criterion needs a date property",
                VALID.replace("competentAuthority", "competentAuthorty"), ":3: unknown key 'competentAuthorty'",
                VALID.replace("Person.birthDate", "Household.householdNumber"), ":7: must start at Person");
        for (Map.Entry<String, String> e : broken.entrySet()) {
            Files.writeString(file, e.getKey());
            assertThatThrownBy(() -> ServiceCatalogue.read(file, ONTOLOGY)).as(e.getValue())
                    .hasMessageContaining("s.yaml" + e.getValue().substring(0, e.getValue().indexOf(' ')))
                    .hasMessageContaining(e.getValue().substring(e.getValue().indexOf(' ') + 1));
        }
        Files.writeString(file, VALID.replace("    age: {property: Person.birthDate, minimum: 60}",
                "    holds: {property: 'Person.certificates[DisabilityCertificate].disabilityLevel', in: ['1', '5']}"));
        assertThatThrownBy(() -> ServiceCatalogue.read(file, ONTOLOGY)).hasMessageContaining("s.yaml:7:").hasMessageContaining("'5' is not a code");
    }

    @Test
    void theNoticeRuleReplacesPlaceholdersAndNothingElse() {
        assertThat(NoticeTemplate.render("{name}您好：{{退订}} {service}{missing}", Map.of("name", "王芳", "service", "老年证")))
                .isEqualTo("王芳您好：{退订} 老年证");
        assertThatThrownBy(() -> NoticeTemplate.check("a { b", Set.of())).hasMessageContaining("lone '{'");
    }

    @Test
    void anAgeCountsFromTheLatestDayAPartialBirthDateAllows() {
        LocalDate day = LocalDate.of(2026, 11, 1);
        assertThat(ServiceEligibility.ageOn("1966-11-01", day)).isEqualTo(60);
        assertThat(ServiceEligibility.ageOn("1966-11-02", day)).isEqualTo(59);
        assertThat(ServiceEligibility.ageOn("1966-10", day)).as("born by 1966-10-31 at the latest").isEqualTo(60);
        assertThat(ServiceEligibility.ageOn("1966-11", day)).as("may be born on 1966-11-30").isEqualTo(59);
        assertThat(ServiceEligibility.ageOn("1966", day)).isEqualTo(59);
        assertThat(ServiceEligibility.ageOn("not a date", day)).isNull();
    }
}

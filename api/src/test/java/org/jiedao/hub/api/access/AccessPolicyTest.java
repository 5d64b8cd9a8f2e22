package org.jiedao.hub.api.access;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jiedao.hub.api.schema.ComputedFields;
import org.jiedao.hub.api.schema.SchemaBuilder;
import org.jiedao.hub.ontology.Ontology;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessPolicyTest {
    static final Ontology O = Ontology.bundled();
    static final AccessPolicy POLICY = AccessPolicy.bundled(O);
    static final SchemaBuilder SCHEMA = new SchemaBuilder(O, ComputedFields.all());

    private static SchemaBuilder.Field field(String type, String name) {
        return SCHEMA.fieldsByType().get(type).stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    private static Access access(String role, String purpose) {
        return POLICY.access(new Principal("u1", role, Map.of("communities", List.of("110102001004")), purpose, "jwt"), O);
    }

    @Test
    void everyFieldNamedInTheBundledPolicyExistsInTheSchema() {
        POLICY.roles().values().forEach(r -> {
            if (r.read() != null) {
                r.read().forEach((type, fields) -> {
                    Set<String> names = SCHEMA.fieldsByType().get(type).stream().map(SchemaBuilder.Field::name).collect(Collectors.toSet());
                    if (!fields.equals(Role.ALL)) {
                        assertThat(names).as("fields of %s in role %s", type, r.name()).containsAll(fields);
                    }
                });
            }
        });
    }

    @Test
    void sensitivityDecidesClearMaskedAndHidden() {
        Access analyst = access("analyst", "planning");
        assertThat(analyst.rule(O.nodeType("Person"), field("Person", "idNumber"))).isEqualTo(FieldRule.MASKED);
        assertThat(analyst.rule(O.nodeType("Community"), field("Community", "name"))).isEqualTo(FieldRule.CLEAR);
        Access admin = access("admin", null);
        assertThat(admin.rule(O.nodeType("Person"), field("Person", "idNumber"))).isEqualTo(FieldRule.CLEAR);
        Access partner = access("partner:civil-affairs", "benefit-eligibility");
        assertThat(partner.rule(O.nodeType("Person"), field("Person", "idNumber"))).isEqualTo(FieldRule.CLEAR);
        assertThat(partner.rule(O.nodeType("Person"), field("Person", "vehicles"))).isEqualTo(FieldRule.REFUSED);
        assertThat(partner.rule(O.nodeType("Vehicle"), field("Vehicle", "plate"))).isEqualTo(FieldRule.REFUSED);
    }

    @Test
    void aRoleWithPurposesRefusesARequestWithoutOneOrWithAnUndeclaredOne() {
        assertThatThrownBy(() -> access("caseworker", null)).isInstanceOf(AccessDeniedException.class).hasMessageContaining("purpose");
        assertThatThrownBy(() -> access("caseworker", "curiosity")).isInstanceOf(AccessDeniedException.class).hasMessageContaining("curiosity");
        assertThat(access("caseworker", "case-handling").scopeValues()).containsExactly("110102001004");
        assertThatThrownBy(() -> access("nobody", null)).isInstanceOf(AccessDeniedException.class).hasMessageContaining("nobody");
    }

    @Test
    void aPolicyNamingWhatTheOntologyLacksIsRefusedWithTheEntry() {
        String yaml = "roles:\n  admin:\n    read: { Spaceship: all }\n";
        assertThatThrownBy(() -> AccessPolicy.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "p.yaml", O))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("roles.admin.read").hasMessageContaining("Spaceship");
        String noAdmin = "roles:\n  analyst:\n    read: all\n";
        assertThatThrownBy(() -> AccessPolicy.parse(new ByteArrayInputStream(noAdmin.getBytes(StandardCharsets.UTF_8)), "p.yaml", O))
                .hasMessageContaining("admin");
    }
}

package org.jiedao.hub.routes.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jiedao.hub.loaders.source.Placeholders;
import org.jiedao.hub.ontology.Ontology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The extract statement reads only the key and the agreed properties, whatever else the entity type has. */
class ExtractQueryTest {
    @TempDir
    Path dir;

    @Test
    void theStatementProjectsOnlyTheKeyAndTheAgreedPropertiesAndFiltersByValidResidence() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), AgreementDefinitionsTest.VALID);
        AgreementDefinition a = AgreementDefinitions.load(dir, new Placeholders(Map.of()), dir, Ontology.bundled(),
                AccessRoles.read(ExchangeGraph.REPO.resolve("config/access.yaml"))).getFirst();
        ExtractQuery q = ExtractQuery.of(a, Ontology.bundled(), LocalDate.parse("2026-11-29"));
        Matcher properties = Pattern.compile("\\bn\\.(\\w+)").matcher(q.cypher());
        java.util.Set<String> read = new java.util.TreeSet<>();
        while (properties.find()) {
            read.add(properties.group(1));
        }
        assertThat(read).containsExactlyInAnyOrder("idNumber", "name", "gender");
        assertThat(q.cypher()).contains("[s0:`RESIDES_AT`]").contains("[:`IN_COMMUNITY`]").contains("validTo").contains("$communities");
        assertThat(q.parameters()).containsEntry("communities", java.util.List.of("110102001004"))
                .containsEntry("today", LocalDate.parse("2026-11-29"));
    }

    @Test
    void anAgreementNotCheckedAgainstThePolicyMasksEverythingThatIsNotPublicAndNeverReadsAHiddenValue() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), AgreementDefinitionsTest.VALID);
        AgreementDefinition a = AgreementDefinitions.load(dir, new Placeholders(Map.of()), dir, Ontology.bundled(), null).getFirst();
        ExtractQuery q = ExtractQuery.of(a, Ontology.bundled(), LocalDate.parse("2026-11-29"));
        assertThat(q.cypher()).as("name masked inside the statement").contains("left(toString(n.name), 1)")
                .as("gender, a code list without a mask, hidden: never read").doesNotContain("n.gender").contains("NULL AS gender");
    }
}

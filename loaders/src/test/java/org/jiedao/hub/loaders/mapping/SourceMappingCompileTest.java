package org.jiedao.hub.loaders.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jiedao.hub.loaders.source.DefinitionFiles.VALID;
import static org.jiedao.hub.loaders.source.DefinitionFiles.replace;

import java.nio.file.Path;
import java.util.stream.Stream;

import org.jiedao.hub.loaders.source.DefinitionFiles;
import org.jiedao.hub.loaders.source.SourceDefinitionException;
import org.jiedao.hub.ontology.Ontology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Semantic mistakes in a definition fail at compile time, naming the source, the path in it and the problem. */
class SourceMappingCompileTest {
    @TempDir
    Path tmp;

    private SourceMapping compile(String yaml) {
        return SourceMapping.compile(DefinitionFiles.read(tmp, yaml), Ontology.bundled());
    }

    @Test
    void theUnchangedTestDefinitionCompiles() {
        assertThat(compile(VALID).definition().id()).isEqualTo("test-source");
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("unknown ontology type",
                        "type: Person", "type: Persn",
                        new String[] {"entities.person.type", "'Persn'", "Person", "Household"}),
                Arguments.of("a property the class lacks",
                        "{idNumber: idNumber, name: name}", "{idNumber: idNumber, name: name, age: name}",
                        new String[] {"entities.person.properties.age", "Person has no property 'age'", "birthDate"}),
                Arguments.of("a property mapped to an undeclared field",
                        "{idNumber: idNumber, name: name}", "{idNumber: idNumber, name: fullName}",
                        new String[] {"entities.person.properties.name", "'fullName' is not a declared field", "idNumber"}),
                Arguments.of("an entity that does not map its type's key",
                        "{idNumber: idNumber, name: name}", "{name: name}",
                        new String[] {"entities.person.properties", "Person", "key", "'idNumber'"}),
                Arguments.of("an unknown write mode",
                        "mode: authoritative", "mode: authoritive",
                        new String[] {"entities.person.mode", "authoritive", "reference"}),
                Arguments.of("a primary entity in reference mode",
                        "mode: authoritative", "mode: reference",
                        new String[] {"entities.person.mode", "primary"}),
                Arguments.of("a relationship whose start does not match the domain",
                        "{type: OWNS, from: person, to: vehicle}", "{type: OWNS, from: vehicle, to: person}",
                        new String[] {"relationships[1]", "OWNS starts at a Person", "'vehicle' is a Vehicle"}),
                Arguments.of("a relationship whose end does not match the range",
                        "{type: OWNS, from: person, to: vehicle}", "{type: OWNS, from: person, to: household}",
                        new String[] {"relationships[1]", "OWNS ends at a Vehicle", "'household' is a Household"}),
                Arguments.of("an unknown relationship type",
                        "{type: OWNS,", "{type: OWN,",
                        new String[] {"relationships[1].type", "'OWN'", "OWNS"}),
                Arguments.of("a relationship naming an unknown alias",
                        "from: person, to: vehicle}", "from: person, to: car}",
                        new String[] {"relationships[1].to", "'car'"}),
                Arguments.of("a relationship property the type lacks",
                        "properties: {relationToHead: relation}", "properties: {relationToHeed: relation}",
                        new String[] {"relationships[0].properties.relationToHeed", "MEMBER_OF has no property"}),
                Arguments.of("an unknown normaliser name",
                        "normalise: idNumber,", "normalise: idnumber,",
                        new String[] {"fields.idNumber.normalise", "'idnumber'", "idNumber", "plate"}),
                Arguments.of("a recordKey naming an undeclared field",
                        "recordKey: '{householdNumber}-{idNumber}'", "recordKey: '{householdNo}-{idNumber}'",
                        new String[] {"recordKey", "{householdNo}", "householdNumber"}),
                Arguments.of("a recordKey naming no field at all",
                        "recordKey: '{householdNumber}-{idNumber}'", "recordKey: 'householdNumber-idNumber'",
                        new String[] {"recordKey", "householdNumber-idNumber", "braces"}),
                Arguments.of("zero primary entities",
                        "primary: true", "primary: false",
                        new String[] {"entities", "exactly one", "primary"}),
                Arguments.of("two primary entities",
                        "type: Household", "type: Household\n    primary: true",
                        new String[] {"entities", "exactly one", "person", "household"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void aSemanticMistakeFailsNamingTheSourceThePathAndTheProblem(String what, String from, String to, String[] expected) {
        String yaml = replace(VALID, from, to);

        assertThatThrownBy(() -> compile(yaml))
                .as(what)
                .isInstanceOf(SourceDefinitionException.class)
                .hasMessageStartingWith("source test-source, ")
                .hasMessageContainingAll(expected);
    }
}

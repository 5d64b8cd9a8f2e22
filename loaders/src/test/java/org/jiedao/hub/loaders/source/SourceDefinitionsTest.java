package org.jiedao.hub.loaders.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jiedao.hub.loaders.source.DefinitionFiles.VALID;
import static org.jiedao.hub.loaders.source.DefinitionFiles.lineOf;
import static org.jiedao.hub.loaders.source.DefinitionFiles.replace;
import static org.jiedao.hub.loaders.source.DefinitionFiles.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jiedao.hub.loaders.mapping.SourceMapping;
import org.jiedao.hub.loaders.source.SourceDefinition.SourceKind;
import org.jiedao.hub.ontology.Ontology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceDefinitionsTest {
    @TempDir
    Path tmp;

    private static List<String> bundledFileNames() throws IOException {
        try (Stream<Path> s = Files.list(BundledSources.directory())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml") || n.endsWith(".yml"))
                    .sorted().toList();
        }
    }

    @Test
    void everyBundledDefinitionLoadsAndCompilesAgainstTheBundledOntology() throws IOException {
        List<SourceDefinition> defs = BundledSources.load(tmp);

        assertThat(defs).hasSize(bundledFileNames().size());
        assertThat(defs).extracting(SourceDefinition::id).contains("hukou", "vehicles", "hotline12345");
        for (SourceDefinition d : defs) {
            assertThatCode(() -> SourceMapping.compile(d, Ontology.bundled())).as(d.id()).doesNotThrowAnyException();
        }
    }

    @Test
    void bundledDefinitionsComeSortedByFileName() throws IOException {
        List<String> names = bundledFileNames();
        List<SourceDefinition> defs = BundledSources.load(tmp);
        for (int i = 0; i < names.size(); i++) {
            SourceDefinition fromFile = SourceDefinitions.read(BundledSources.directory().resolve(names.get(i)),
                    new Placeholders(Map.of("HUB_DATA_DIR", tmp.toString())), tmp);
            assertThat(defs.get(i).id()).isEqualTo(fromFile.id());
        }
    }

    @Test
    void fileDirectoryResolvesHubDataDirOrItsDefaultAgainstTheBaseDirectory() {
        Path dataDir = tmp.resolve("hub-data");
        SourceDefinition withSetting = SourceDefinitions.read(BundledSources.directory().resolve("hukou.yaml"),
                new Placeholders(Map.of("HUB_DATA_DIR", dataDir.toString())), tmp.resolve("elsewhere"));
        assertThat(withSetting.kind()).isEqualTo(SourceKind.FILE);
        assertThat(Path.of(withSetting.file().directory())).isEqualTo(dataDir.resolve("silos/hukou"));

        SourceDefinition withDefault = SourceDefinitions.read(BundledSources.directory().resolve("hukou.yaml"),
                new Placeholders(Map.of()), tmp);
        assertThat(Path.of(withDefault.file().directory())).isEqualTo(tmp.resolve("data/silos/hukou"));
    }

    @Test
    void vehiclesJdbcUrlResolvesTheNestedDefault() {
        Path vehicles = BundledSources.directory().resolve("vehicles.yaml");

        SourceDefinition defaults = SourceDefinitions.read(vehicles, new Placeholders(Map.of()), tmp);
        assertThat(defaults.jdbc().url()).isEqualTo("jdbc:h2:file:data/silos/vehicles/vehicle_registry");
        assertThat(defaults.jdbc().user()).isEqualTo("sa");
        assertThat(defaults.jdbc().password()).isEmpty();

        SourceDefinition dataDir = SourceDefinitions.read(vehicles, new Placeholders(Map.of("HUB_DATA_DIR", "/srv/hub")), tmp);
        assertThat(dataDir.jdbc().url()).isEqualTo("jdbc:h2:file:/srv/hub/silos/vehicles/vehicle_registry");

        SourceDefinition explicit = SourceDefinitions.read(vehicles, new Placeholders(Map.of(
                "VEHICLES_JDBC_URL", "jdbc:postgresql://db.internal/traffic",
                "VEHICLES_JDBC_USER", "hub_reader",
                "VEHICLES_JDBC_PASSWORD", "s3cr$t\\x")), tmp);
        assertThat(explicit.jdbc().url()).isEqualTo("jdbc:postgresql://db.internal/traffic");
        assertThat(explicit.jdbc().user()).isEqualTo("hub_reader");
        assertThat(explicit.jdbc().password()).isEqualTo("s3cr$t\\x");
    }

    @Test
    void aMissingPlaceholderWithoutDefaultFailsNamingItAndTheFile() {
        String yaml = replace(VALID, "directory: ${HUB_DATA_DIR:data}/silos/test", "directory: ${HUKOU_EXPORT_DIR}/in");
        Path file = write(tmp, "hukou-export.yaml", yaml);

        assertThatThrownBy(() -> SourceDefinitions.read(file, new Placeholders(Map.of()), tmp))
                .isInstanceOf(SourceDefinitionException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("${HUKOU_EXPORT_DIR}")
                .hasMessageContaining("not set");
        assertThat(Path.of(SourceDefinitions.read(file, new Placeholders(Map.of("HUKOU_EXPORT_DIR", "/x")), tmp)
                .file().directory())).isEqualTo(Path.of("/x/in"));
    }

    @Test
    void theValidTestDefinitionReads() {
        SourceDefinition d = DefinitionFiles.read(tmp, VALID);
        assertThat(d.id()).isEqualTo("test-source");
        assertThat(d.fields()).containsOnlyKeys("householdNumber", "idNumber", "name", "relation", "plate");
        assertThat(d.fields().sequencedKeySet()).first().isEqualTo("householdNumber");
    }

    @Test
    void aYamlSyntaxErrorNamesTheFileAndTheLine() {
        String yaml = replace(VALID, "name: 测试来源", "name: 测试: 来源");
        Path file = write(tmp, "broken.yaml", yaml);

        assertThatThrownBy(() -> SourceDefinitions.read(file, new Placeholders(Map.of()), tmp))
                .isInstanceOf(SourceDefinitionException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("line " + lineOf(yaml, "name: 测试: 来源") + ",");
    }

    @Test
    void anUnknownKeyNamesTheFileTheLineAndTheKey() {
        String yaml = replace(VALID, "{from: 姓名, normalise: name}", "{from: 姓名, normalize: name}");
        Path file = write(tmp, "typo.yaml", yaml);

        assertThatThrownBy(() -> SourceDefinitions.read(file, new Placeholders(Map.of()), tmp))
                .isInstanceOf(SourceDefinitionException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("line " + lineOf(yaml, "normalize: name") + ",")
                .hasMessageContaining("normalize");
    }

    @Test
    void anUnknownTopLevelKeyIsAnError() {
        String yaml = replace(VALID, "encoding: auto", "encodng: auto");
        Path file = write(tmp, "typo.yaml", yaml);

        assertThatThrownBy(() -> SourceDefinitions.read(file, new Placeholders(Map.of()), tmp))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("line " + lineOf(yaml, "encodng") + ",")
                .hasMessageContaining("encodng");
    }

    @Test
    void anUnknownKeyInANestedBlockNamesItsOwnLineNotTheEndOfTheBlock() {
        String yaml = replace(VALID, "  include: '", "  inculde: '");
        Path file = write(tmp, "typo.yaml", yaml);

        assertThatThrownBy(() -> SourceDefinitions.read(file, new Placeholders(Map.of()), tmp))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("line " + lineOf(yaml, "inculde") + ",")
                .hasMessageContaining("'inculde'")
                .hasMessageContaining("include");
    }

    @Test
    void anUnknownKeyInARelationshipIsFoundToo() {
        String yaml = replace(VALID, "{type: OWNS, from: person, to: vehicle}", "{type: OWNS, from: person, too: vehicle}");
        Path file = write(tmp, "typo.yaml", yaml);

        assertThatThrownBy(() -> SourceDefinitions.read(file, new Placeholders(Map.of()), tmp))
                .hasMessageContaining("line " + lineOf(yaml, "too: vehicle") + ",")
                .hasMessageContaining("'too'");
    }

    @Test
    void aKeyGivenTwiceIsAnErrorNotSilentlyTheLastOne() {
        String second = "  name:            {from: 曾用名, normalise: name}\n";
        String yaml = replace(VALID, "  relation:", second + "  relation:");
        Path file = write(tmp, "twice.yaml", yaml);

        assertThatThrownBy(() -> SourceDefinitions.read(file, new Placeholders(Map.of()), tmp))
                .isInstanceOf(SourceDefinitionException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("line " + lineOf(yaml, "曾用名") + ",")
                .hasMessageContaining("name");
    }

    @Test
    void duplicateSourceIdsAcrossTwoFilesNameTheIdAndBothFiles() {
        Path first = write(tmp, "a-hukou.yaml", VALID);
        Path second = write(tmp, "b-hukou-copy.yaml", replace(VALID, "name: 测试来源", "name: 测试来源（副本）"));

        assertThatThrownBy(() -> SourceDefinitions.load(tmp, new Placeholders(Map.of()), tmp))
                .isInstanceOf(SourceDefinitionException.class)
                .hasMessageContaining("'test-source'")
                .hasMessageContaining(first.toString())
                .hasMessageContaining(second.toString());
    }

    @Test
    void distinctIdsInOneDirectoryLoadAndOtherFilesAreIgnored() {
        write(tmp, "b.yaml", VALID);
        write(tmp, "a.yml", replace(replace(VALID, "id: test-source", "id: other-source"), "silos/test", "silos/other"));
        write(tmp, "notes.txt", "not a definition: [");

        assertThat(SourceDefinitions.load(tmp, new Placeholders(Map.of()), tmp))
                .extracting(SourceDefinition::id).containsExactly("other-source", "test-source");
    }

    @Test
    void twoFileSourcesWatchingOneDirectoryAreRefusedNamingBothFiles() {
        Path first = write(tmp, "a.yaml", VALID);
        Path second = write(tmp, "b.yaml", replace(VALID, "id: test-source", "id: other-source"));

        assertThatThrownBy(() -> SourceDefinitions.load(tmp, new Placeholders(Map.of()), tmp))
                .isInstanceOf(SourceDefinitionException.class)
                .hasMessageContaining("already watched").hasMessageContaining(first.toString()).hasMessageContaining(second.toString());
    }

    @Test
    void anInvalidIdIsRejected() {
        String yaml = replace(VALID, "id: test-source", "id: Test_Source");
        assertThatThrownBy(() -> DefinitionFiles.read(tmp, yaml))
                .isInstanceOf(SourceDefinitionException.class)
                .hasMessageContaining("test.yaml")
                .hasMessageContaining("Test_Source");
    }

    @Test
    void anUnknownEncodingIsRejected() {
        String yaml = replace(VALID, "encoding: auto", "encoding: GBK-2000");
        assertThatThrownBy(() -> DefinitionFiles.read(tmp, yaml))
                .isInstanceOf(SourceDefinitionException.class)
                .hasMessageContaining("test.yaml")
                .hasMessageContaining("GBK-2000");
    }

    @Test
    void anUnknownFormatIsRejected() {
        String yaml = replace(VALID, "format: csv", "format: xls"); // the binary Excel format: save as .xlsx
        assertThatThrownBy(() -> DefinitionFiles.read(tmp, yaml))
                .isInstanceOf(SourceDefinitionException.class)
                .hasMessageContaining("test.yaml")
                .hasMessageContaining("xls");
    }

    private static String jdbc(String pollDelay) {
        return replace(replace(VALID, "kind: file", "kind: jdbc"), """
                file:
                  directory: ${HUB_DATA_DIR:data}/silos/test
                  include: '.*\\.csv'
                format: csv
                """, """
                jdbc:
                  url: jdbc:h2:mem:test
                  table: registry
                  keyColumn: record_id
                """ + (pollDelay == null ? "" : "  pollDelay: " + pollDelay + "\n"));
    }

    @Test
    void aJdbcSourceReadsWithOrWithoutPollDelay() {
        assertThat(DefinitionFiles.read(tmp, jdbc(null)).jdbc().table()).isEqualTo("registry");
        assertThat(DefinitionFiles.read(tmp, jdbc("500ms")).jdbc().pollDelay()).isEqualTo("500ms");
    }

    @Test
    void aJdbcSourceWithAnUnreadablePollDelayFailsNamingIt() {
        assertThatThrownBy(() -> DefinitionFiles.read(tmp, jdbc("'ten seconds'")))
                .isInstanceOf(SourceDefinitionException.class)
                .hasMessageContaining("test.yaml")
                .hasMessageContaining("pollDelay")
                .hasMessageContaining("ten seconds");
    }

    @Test
    void aJdbcSourceWithAZeroPollDelayIsRejected() {
        assertThatThrownBy(() -> DefinitionFiles.read(tmp, jdbc("0s")))
                .isInstanceOf(SourceDefinitionException.class)
                .hasMessageContaining("test.yaml")
                .hasMessageContaining("pollDelay");
    }

    @Test
    void aJdbcSourceWithoutKeyColumnIsRejected() {
        String yaml = replace(jdbc(null), "  keyColumn: record_id\n", "");
        assertThatThrownBy(() -> DefinitionFiles.read(tmp, yaml))
                .isInstanceOf(SourceDefinitionException.class)
                .hasMessageContaining("test.yaml")
                .hasMessageContaining("keyColumn");
    }

    @Test
    void anEmptyFileIsRejectedNamingIt() {
        Path file = write(tmp, "empty.yaml", "# nothing yet\n");
        assertThatThrownBy(() -> SourceDefinitions.read(file, new Placeholders(Map.of()), tmp))
                .isInstanceOf(SourceDefinitionException.class)
                .hasMessageContaining(file.toString());
    }
}

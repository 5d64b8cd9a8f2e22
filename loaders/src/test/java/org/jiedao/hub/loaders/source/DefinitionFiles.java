package org.jiedao.hub.loaders.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A small, valid source definition for tests, and helpers to write variants of it into a temporary directory.
 * Every variant is made by replacing one exact fragment, so a test fails loudly if the fragment is not there.
 */
public final class DefinitionFiles {
    /** A file source that compiles against the bundled ontology: Person (primary), Household, Vehicle. */
    public static final String VALID = """
            # a test source
            id: test-source
            name: 测试来源
            department: 测试部门
            kind: file
            file:
              directory: ${HUB_DATA_DIR:data}/silos/test
              include: '.*\\.csv'
            format: csv
            encoding: auto
            recordKey: '{householdNumber}-{idNumber}'
            fields:
              householdNumber: {from: 户号, normalise: code, required: true}
              idNumber:        {from: 公民身份号码, normalise: idNumber, required: true}
              name:            {from: 姓名, normalise: name}
              relation:        {from: 与户主关系, normalise: relationToHead}
              plate:           {from: 号牌号码, normalise: plate}
            entities:
              person:
                type: Person
                primary: true
                mode: authoritative
                properties: {idNumber: idNumber, name: name}
              household:
                type: Household
                properties: {householdNumber: householdNumber}
              vehicle:
                type: Vehicle
                properties: {plate: plate}
            relationships:
              - {type: MEMBER_OF, from: person, to: household, properties: {relationToHead: relation}}
              - {type: OWNS, from: person, to: vehicle}
            """;

    private DefinitionFiles() {
    }

    /**
     * @param yaml a definition
     * @param from a fragment that occurs exactly once in it
     * @param to   its replacement
     * @return the definition with the fragment replaced
     * @throws IllegalArgumentException if the fragment does not occur exactly once
     */
    public static String replace(String yaml, String from, String to) {
        int first = yaml.indexOf(from);
        if (first < 0 || yaml.indexOf(from, first + 1) >= 0) {
            throw new IllegalArgumentException("'" + from + "' must occur exactly once in the definition");
        }
        return yaml.substring(0, first) + to + yaml.substring(first + from.length());
    }

    /**
     * @param yaml     a definition
     * @param fragment text that occurs in it
     * @return the 1-based line number of its first occurrence
     */
    public static int lineOf(String yaml, String fragment) {
        int at = yaml.indexOf(fragment);
        if (at < 0) {
            throw new IllegalArgumentException("'" + fragment + "' is not in the definition");
        }
        return (int) yaml.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    /**
     * @param dir      a directory
     * @param fileName file name, e.g. {@code test.yaml}
     * @param yaml     the definition
     * @return the file written, UTF-8
     */
    public static Path write(Path dir, String fileName, String yaml) {
        try {
            return Files.writeString(dir.resolve(fileName), yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code yaml} to {@code dir/test.yaml} and reads it with no settings (defaults apply).
     *
     * @param dir  a temporary directory, also the base of relative directories
     * @param yaml the definition
     * @return the definition read
     * @throws SourceDefinitionException as {@link SourceDefinitions#read} does
     */
    public static SourceDefinition read(Path dir, String yaml) {
        return SourceDefinitions.read(write(dir, "test.yaml", yaml), new Placeholders(Map.of()), dir);
    }
}

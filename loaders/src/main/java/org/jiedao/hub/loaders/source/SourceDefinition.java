package org.jiedao.hub.loaders.source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A departmental source, declared in YAML (DESIGN.md, decision 5): where its records come from, how they are
 * encoded, and how their fields map onto the ontology. Read with {@link SourceDefinitions}; one file per source.
 *
 * <pre>{@code
 * id: hukou                      # unique, [a-z0-9-]+; becomes the provenance source id
 * name: 户籍登记                   # for people
 * department: 派出所户籍室
 * kind: file                     # file | jdbc
 * file: {directory: ..., include: '.*\.csv'}
 * format: csv                    # csv | json (array or JSON Lines)
 * encoding: auto                 # auto (BOM, strict UTF-8, else GB18030) or a charset name
 * recordKey: "{householdNumber}-{idNumber}"
 * fields:   {idNumber: {from: 公民身份号码, normalise: idNumber, required: true}, ...}
 * entities: {person: {type: Person, primary: true, mode: authoritative, properties: {idNumber: idNumber}}, ...}
 * relationships: [{type: MEMBER_OF, from: person, to: household, properties: {relationToHead: relation}}]
 * }</pre>
 *
 * @param id            the source id
 * @param name          display name
 * @param department    the department that owns the system
 * @param kind          how records are fetched
 * @param file          options for {@link SourceKind#FILE}
 * @param jdbc          options for {@link SourceKind#JDBC}
 * @param format        record format for files: {@code csv} or {@code json}
 * @param encoding      {@code auto} or a charset name, for files
 * @param recordKey     template over field names in braces giving a key that is stable across re-exports
 * @param fields        named, normalised values read from each record, in declaration order
 * @param entities      nodes each record asserts, by alias
 * @param relationships relationships between those nodes
 */
public record SourceDefinition(
        String id,
        String name,
        String department,
        SourceKind kind,
        FileOptions file,
        JdbcOptions jdbc,
        String format,
        String encoding,
        String recordKey,
        LinkedHashMap<String, FieldSpec> fields,
        LinkedHashMap<String, EntitySpec> entities,
        List<RelationshipSpec> relationships) {

    public SourceDefinition {
        fields = fields == null ? new LinkedHashMap<>() : fields;
        entities = entities == null ? new LinkedHashMap<>() : entities;
        relationships = relationships == null ? List.of() : List.copyOf(relationships);
        encoding = encoding == null ? "auto" : encoding;
    }

    /** The kinds of source this version of the hub can consume. */
    public enum SourceKind {
        /** Files dropped into a directory. */
        @JsonProperty("file") FILE,
        /** Rows of a relational table polled over JDBC. */
        @JsonProperty("jdbc") JDBC
    }

    /**
     * @param directory directory watched for new files
     * @param include   regular expression over file names; default by format
     */
    public record FileOptions(String directory, String include) {
    }

    /**
     * @param url       JDBC URL (H2, PostgreSQL, MariaDB)
     * @param user      user name
     * @param password  password
     * @param table     the table polled
     * @param keyColumn a column identifying a row, for ordering and for the location of a row in reports
     * @param query     optional SELECT replacing {@code SELECT * FROM table ORDER BY keyColumn}
     * @param pollDelay delay between polls, e.g. {@code 10s}, {@code 500ms}, {@code 5m}
     */
    public record JdbcOptions(String url, String user, String password, String table, String keyColumn,
                              String query, String pollDelay) {
    }

    /**
     * @param from      column name (CSV header, table column, case-insensitive for JDBC) or dotted JSON path
     * @param normalise normaliser name (see the loaders' {@code Normalisers}); default {@code text}
     * @param required  a record without a value for this field is quarantined
     */
    public record FieldSpec(String from, String normalise, boolean required) {
    }

    /**
     * @param type       node label of an ontology class, e.g. {@code Person}
     * @param primary    the node the record is about (exactly one per source)
     * @param mode       {@code authoritative}, {@code fill} (default) or {@code reference}
     * @param properties graph property name -> field name; must include the type's key
     */
    public record EntitySpec(String type, boolean primary, String mode, Map<String, String> properties) {
    }

    /**
     * @param type       relationship type from the ontology, e.g. {@code OWNS}
     * @param from       alias of the start entity
     * @param to         alias of the end entity
     * @param properties relationship property name -> field name
     */
    public record RelationshipSpec(String type, String from, String to, Map<String, String> properties) {
    }
}

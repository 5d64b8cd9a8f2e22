package org.jiedao.hub.loaders.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class YamlLinesTest {
    private static final String DOC = """
            id: demo
            kind: jdbc
            jdbc:
              url: jdbc:h2:mem:x
              pollDelay: 10s
            entities:
              person:
                type: Persn
                properties: {idNumber: idNumber, name: name}
            relationships:
              - {type: OWNS, from: person, to: vehicle}
              - type: MEMBER_OF
                from: person
            """;

    @Test
    void findsNestedKeysInBlockAndFlowStyle() {
        assertThat(YamlLines.lineOf(DOC, "kind")).isEqualTo(2);
        assertThat(YamlLines.lineOf(DOC, "jdbc.pollDelay")).isEqualTo(5);
        assertThat(YamlLines.lineOf(DOC, "entities.person.type")).isEqualTo(8);
        assertThat(YamlLines.lineOf(DOC, "entities.person.properties.name")).isEqualTo(9);
    }

    @Test
    void findsListElementsByIndex() {
        assertThat(YamlLines.lineOf(DOC, "relationships[0].type")).isEqualTo(11);
        assertThat(YamlLines.lineOf(DOC, "relationships[1]")).isEqualTo(12);
        assertThat(YamlLines.lineOf(DOC, "relationships[1].from")).isEqualTo(13);
    }

    @Test
    void anAbsentKeyPointsAtItsNearestAncestorOrNowhere() {
        assertThat(YamlLines.lineOf(DOC, "jdbc.table")).isEqualTo(3);
        assertThat(YamlLines.lineOfKey(DOC, "jdbc.table")).isZero();
        assertThat(YamlLines.lineOf(DOC, "rest.url")).isZero();
        assertThat(YamlLines.lineOf("{not: [yaml", "not")).isEqualTo(1);
    }
}

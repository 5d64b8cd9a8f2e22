package org.jiedao.hub.ontology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class OntologyTest {
    private final Ontology ontology = Ontology.bundled();

    @Test
    void v0ClassesBecomeNodeTypesWithKeys() {
        assertThat(ontology.nodeTypes()).extracting(NodeType::label)
                .contains("Person", "Household", "Vehicle", "Address", "Community", "Subdistrict", "District", "Case");
        assertThat(ontology.nodeType("Person").key().name()).isEqualTo("idNumber");
        assertThat(ontology.nodeType("Vehicle").key().name()).isEqualTo("plate");
        assertThat(ontology.nodeType("Community").key().name()).isEqualTo("code");
    }

    @Test
    void everyTermHasChineseAndEnglishLabels() {
        NodeType person = ontology.nodeType("Person");
        assertThat(person.labelZh()).isEqualTo("人员");
        assertThat(person.labelEn()).isEqualTo("Person");
        assertThat(person.property("idNumber")).get().extracting(PropertyDef::labelZh).isEqualTo("公民身份号码");
    }

    @Test
    void subclassesInheritPropertiesOfTheirSuperclass() {
        assertThat(ontology.nodeType("Community").properties()).extracting(PropertyDef::name).contains("code", "name");
    }

    @Test
    void relationshipTypesKnowTheirEndsAndTheirProperties() {
        RelationshipType memberOf = ontology.relationshipType("MEMBER_OF");
        assertThat(memberOf.from()).get().extracting(NodeType::label).isEqualTo("Person");
        assertThat(memberOf.to()).get().extracting(NodeType::label).isEqualTo("Household");
        assertThat(memberOf.property("relationToHead")).isPresent();
        assertThat(memberOf.inverseField()).isEqualTo("members");
        assertThat(memberOf.inverseMany()).isTrue();
    }

    @Test
    void sensitivityComesFromTheAnnotations() {
        assertThat(ontology.nodeType("Person").key().sensitivity()).isEqualTo(Sensitivity.PERSONAL_ID);
        assertThat(ontology.nodeType("Case").property("category")).get()
                .extracting(PropertyDef::sensitivity).isEqualTo(Sensitivity.PUBLIC);
    }

    @Test
    void unknownLabelsAreRefusedByName() {
        assertThatThrownBy(() -> ontology.nodeType("Persons")).isInstanceOf(OntologyException.class)
                .hasMessageContaining("Persons").hasMessageContaining("Person");
    }

    @Test
    void aMappedClassWithoutKeyIsRejected() {
        String ttl = """
                @prefix hub: <https://w3id.org/jiedao/hub#> .
                @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
                <urn:x:Thing> hub:graphLabel "Thing" ; rdfs:label "物"@zh , "Thing"@en .
                """;
        assertThatThrownBy(() -> Ontology.parse(new ByteArrayInputStream(ttl.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(OntologyException.class).hasMessageContaining("no hub:key");
    }
}

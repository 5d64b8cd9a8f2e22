package org.jiedao.hub.ontology;

import java.util.List;
import java.util.Optional;

/**
 * An ontology class that becomes a node label in the graph.
 *
 * @param iri          the class IRI
 * @param label        node label ({@code hub:graphLabel}), e.g. {@code Person}
 * @param labelZh      Chinese label, e.g. 人员
 * @param labelEn      English label
 * @param key          the key property: unique among nodes of this label, what loaders MERGE on
 * @param properties   every datatype property whose domain is this class or one of its superclasses, key included
 * @param definitionZh Chinese definition, or null
 * @param definitionEn English definition, or null
 * @param superClasses IRIs of its superclasses in the hub's namespace, nearest first (not itself)
 * @param alignments   IRIs of standard terms it is aligned with (rdfs:subClassOf, owl:equivalentClass,
 *                     skos:exactMatch/closeMatch outside the hub's namespaces)
 * @param entityKey    the entity-resolution id ({@code hub:entityKey}, e.g. Person's {@code entityId}), or null: for a
 *                     type that has one, a record may assert a node without its key; the node is then written keyed
 *                     on this property (a provisional entity) and entity resolution decides what it is
 */
public record NodeType(String iri, String label, String labelZh, String labelEn, PropertyDef key,
                       List<PropertyDef> properties, String definitionZh, String definitionEn,
                       List<String> superClasses, List<String> alignments, PropertyDef entityKey) {

    /** @return whether nodes of this type are resolved by entity resolution (the type has an entity key) */
    public boolean resolved() {
        return entityKey != null;
    }

    /** @return the property with this graph name, if the class has it */
    public Optional<PropertyDef> property(String name) {
        return properties.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}

package org.jiedao.hub.ontology;

import java.util.List;
import java.util.Optional;

/**
 * An object property of the ontology that becomes a relationship type in the graph. Relationships point from
 * the property's domain to its range.
 *
 * @param iri          the property IRI
 * @param type         relationship type ({@code hub:relationshipType}), e.g. {@code MEMBER_OF}
 * @param labelZh      Chinese label
 * @param labelEn      English label
 * @param from         the domain's node type; empty when any node may be the start (provenance links)
 * @param to           the range's node type; empty when any node may be the end
 * @param forwardField API field on {@code from} that follows the relationship, or null
 * @param forwardMany  whether that field is a list
 * @param inverseField API field on {@code to} that follows it backwards, or null
 * @param inverseMany  whether that field is a list
 * @param properties   datatype properties stored on the relationship ({@code hub:onRelationship})
 */
public record RelationshipType(String iri, String type, String labelZh, String labelEn,
                               Optional<NodeType> from, Optional<NodeType> to,
                               String forwardField, boolean forwardMany, String inverseField, boolean inverseMany,
                               List<PropertyDef> properties) {

    /** @return the relationship property with this name, if declared */
    public Optional<PropertyDef> property(String name) {
        return properties.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}

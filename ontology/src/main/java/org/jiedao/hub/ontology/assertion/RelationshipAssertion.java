package org.jiedao.hub.ontology.assertion;

import java.util.Map;
import java.util.Objects;

import org.jiedao.hub.ontology.RelationshipType;

/**
 * A record's claim that two of its nodes are related.
 *
 * @param type       the relationship type
 * @param fromAlias  alias of the start node (a {@link NodeAssertion#alias()} of the same record)
 * @param toAlias    alias of the end node
 * @param properties relationship property values by graph name
 */
public record RelationshipAssertion(RelationshipType type, String fromAlias, String toAlias, Map<String, Object> properties) {
    public RelationshipAssertion {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(fromAlias, "fromAlias");
        Objects.requireNonNull(toAlias, "toAlias");
        properties = Map.copyOf(properties);
    }
}

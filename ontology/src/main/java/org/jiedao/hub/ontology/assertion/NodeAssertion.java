package org.jiedao.hub.ontology.assertion;

import java.util.Map;
import java.util.Objects;

import org.jiedao.hub.ontology.NodeType;

/**
 * A record's claim that a node of some type exists, identified by its key, with some property values.
 *
 * @param alias      the name the record's mapping gives this node (e.g. {@code owner}); unique within a record
 * @param type       the node type
 * @param key        the value of the type's key property (a String, LocalDate or number as normalised)
 * @param properties further property values by graph name (never null values; the key may be repeated here)
 * @param mode       how the write treats an existing node
 * @param primary    true for the one node the record is about ({@code RESOLVES_TO}); the others are mentions
 */
public record NodeAssertion(String alias, NodeType type, Object key, Map<String, Object> properties,
                            WriteMode mode, boolean primary) {
    public NodeAssertion {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
        properties = Map.copyOf(properties);
        Objects.requireNonNull(mode, "mode");
    }
}

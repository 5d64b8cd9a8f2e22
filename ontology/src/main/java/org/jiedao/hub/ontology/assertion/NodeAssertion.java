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
 * @param provisional true when the record lacks the type's key and {@code key} is the value of the type's entity key
 *                    ({@link NodeType#entityKey()}): a provisional entity that entity resolution will merge into a known
 *                    one or keep as a new one
 */
public record NodeAssertion(String alias, NodeType type, Object key, Map<String, Object> properties,
                            WriteMode mode, boolean primary, boolean provisional) {
    public NodeAssertion {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
        properties = Map.copyOf(properties);
        Objects.requireNonNull(mode, "mode");
        if (provisional && !type.resolved()) {
            throw new IllegalArgumentException(type.label() + " has no entity key: a node of it cannot be provisional");
        }
    }

    /**
     * A node identified by its type's key.
     *
     * @param alias      the mapping's name for the node
     * @param type       the node type
     * @param key        the key value
     * @param properties further values
     * @param mode       how the write treats an existing node
     * @param primary    whether the record is about this node
     */
    public NodeAssertion(String alias, NodeType type, Object key, Map<String, Object> properties, WriteMode mode,
                         boolean primary) {
        this(alias, type, key, properties, mode, primary, false);
    }

    /** @return the property {@link #key()} is a value of: the type's key, or its entity key when provisional */
    public org.jiedao.hub.ontology.PropertyDef keyProperty() {
        return provisional ? type.entityKey() : type.key();
    }
}

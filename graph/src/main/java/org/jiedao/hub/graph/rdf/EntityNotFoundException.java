package org.jiedao.hub.graph.rdf;

import org.jiedao.hub.ontology.NodeType;

/**
 * The entity an export starts from is not in the graph: no node with the type's label whose key has that value.
 * The API answers it with 404, the CLI with a non-zero exit.
 */
public final class EntityNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The entity's type. */
    private final transient NodeType type;
    /** The key value looked up. */
    private final transient Object key;

    /**
     * @param type the node type looked up
     * @param key  the (normalised) key value looked up
     */
    public EntityNotFoundException(NodeType type, Object key) {
        super("no " + type.label() + " with " + type.key().name() + " " + key + " in the graph");
        this.type = type;
        this.key = key;
    }

    /** @return the node type looked up */
    public NodeType type() {
        return type;
    }

    /** @return the key value looked up */
    public Object key() {
        return key;
    }
}

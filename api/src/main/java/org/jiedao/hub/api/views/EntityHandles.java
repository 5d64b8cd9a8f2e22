package org.jiedao.hub.api.views;

import org.jiedao.hub.api.audit.EntityRef;
import org.jiedao.hub.api.cypher.BadUserInputException;
import org.jiedao.hub.api.query.QueryContext;

/**
 * Turns the node handles the graph browser shows into the {@link EntityRef}s the audit trail records (pseudonymised
 * there, {@link org.jiedao.hub.api.audit.Pseudonyms#ref}). This is the one place a handle becomes an entity: every
 * caller ({@code recordExport}, {@link ViewFields}) goes through {@link #toEntityRef}.
 *
 * <p>Only sealed node refs are accepted ({@code ref}, {@link org.jiedao.hub.api.refs.NodeRefs}): the hub made each for
 * a node it showed, so an export record can name only nodes that exist and that some answer of this hub named, never
 * an ID number a caller typed (which would let anyone write "I exported resident X" for any X into the trail).
 */
public final class EntityHandles {
    private EntityHandles() {
    }

    /**
     * @param context the engine's context (its ref secret)
     * @param handle  a node's {@code ref} as the browser sends it
     * @return the entity it names, in clear (the audit log pseudonymises the key)
     * @throws IllegalArgumentException "not a node reference of this hub" when the handle is not a ref this hub sealed
     */
    public static EntityRef toEntityRef(QueryContext context, String handle) {
        try {
            return context.refs().open(handle);
        } catch (BadUserInputException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}

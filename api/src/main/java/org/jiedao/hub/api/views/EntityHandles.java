package org.jiedao.hub.api.views;

import org.jiedao.hub.api.audit.EntityRef;
import org.jiedao.hub.api.cypher.BadUserInputException;
import org.jiedao.hub.api.http.ExportHandler;
import org.jiedao.hub.api.query.QueryContext;

/**
 * Turns the node handles the graph browser shows into the {@link EntityRef}s the audit trail records (pseudonymised
 * there, {@link org.jiedao.hub.api.audit.Pseudonyms#ref}). This is the one place a handle becomes an entity: every
 * caller ({@code recordExport}, {@link ViewFields}) goes through {@link #toEntityRef}.
 *
 * <p>Accepted: a sealed node ref ({@code ref}, {@link org.jiedao.hub.api.refs.NodeRefs}; base64url, so it has no
 * colon), which the graph browser sends for every node, and {@code <Label>:<key>} ({@link ExportHandler.Target#parse}: split at the first colon, the label a
 * node label of the ontology, the key normalised by its key property's normaliser, so {@code Person:110102900101001}
 * and {@code Person:110102190001010014} are one person), recorded under the label the type is merged on (a
 * {@code Complaint} as a {@code Case}), as the translator's {@code @ref} entries are.
 */
public final class EntityHandles {
    private EntityHandles() {
    }

    /**
     * @param context the engine's context (ontology and ref secret)
     * @param handle  a node handle as the browser sends it: a sealed ref, or e.g. {@code Person:110102900101001}
     * @return the entity it names, in clear (the audit log pseudonymises the key)
     * @throws IllegalArgumentException with a one-line, user-facing reason when the handle names no entity (not a ref
     *                                  of this hub, wrong form, unknown label, invalid key)
     */
    public static EntityRef toEntityRef(QueryContext context, String handle) {
        if (handle.indexOf(':') < 0) {
            try {
                return context.refs().open(handle);
            } catch (BadUserInputException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        ExportHandler.Target target = ExportHandler.Target.parse(context.ontology(), handle);
        return new EntityRef(context.ontology().mergeType(target.type()).label(), target.key());
    }
}

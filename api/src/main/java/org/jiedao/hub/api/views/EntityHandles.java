package org.jiedao.hub.api.views;

import org.jiedao.hub.api.audit.EntityRef;
import org.jiedao.hub.api.http.ExportHandler;
import org.jiedao.hub.ontology.Ontology;

/**
 * Turns the node handles the graph browser shows into the {@link EntityRef}s the audit trail records (pseudonymised
 * there, {@link org.jiedao.hub.api.audit.Pseudonyms#ref}). This is the one place a handle becomes an entity: every
 * caller ({@code recordExport}, {@link ViewFields}) goes through {@link #toEntityRef}.
 *
 * <p>Accepted today: {@code <Label>:<key>} ({@link ExportHandler.Target#parse}: split at the first colon, the label a
 * node label of the ontology, the key normalised by its key property's normaliser, so {@code Person:110102900101001}
 * and {@code Person:110102190001010014} are one person), recorded under the label the type is merged on (a
 * {@code Complaint} as a {@code Case}), as the translator's {@code @ref} entries are.
 */
public final class EntityHandles {
    private EntityHandles() {
    }

    /**
     * @param ontology the ontology
     * @param handle   a node handle as the browser sends it, e.g. {@code Person:110102900101001}
     * @return the entity it names, in clear (the audit log pseudonymises the key)
     * @throws IllegalArgumentException with a one-line, user-facing reason when the handle names no entity (wrong form,
     *                                  unknown label, invalid key)
     */
    public static EntityRef toEntityRef(Ontology ontology, String handle) {
        // >>> SEALED REFS PLUG-IN POINT (lead): when org.jiedao.hub.api.refs lands, try the opaque sealed handle
        // >>> (`ref`) here first, e.g. `if (Refs.isSealed(handle)) return Refs.unseal(handle).toEntityRef();`, and keep
        // >>> the Label:key form below only as long as the explorer still sends it.
        ExportHandler.Target target = ExportHandler.Target.parse(ontology, handle);
        return new EntityRef(ontology.mergeType(target.type()).label(), target.key());
    }
}

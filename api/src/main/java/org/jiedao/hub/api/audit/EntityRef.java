package org.jiedao.hub.api.audit;

import java.util.Objects;

/**
 * An entity a response returned, in clear (in memory only): the audit log stores it as
 * {@code <label>:<pseudonym of key>} ({@link Pseudonyms#ref}).
 *
 * @param label the node label the entity is merged on, e.g. {@code Person}
 * @param key   its key value as stored, e.g. an 18-character ID number
 */
public record EntityRef(String label, Object key) {
    /**
     * @throws NullPointerException if label or key is null
     */
    public EntityRef {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(key, "key");
    }
}

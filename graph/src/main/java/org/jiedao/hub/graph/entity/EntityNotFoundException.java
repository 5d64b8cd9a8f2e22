package org.jiedao.hub.graph.entity;

/** No entity (or record) with the given id. */
public final class EntityNotFoundException extends RuntimeException {

    /** @param what what was looked for, e.g. {@code entity e-1234} */
    public EntityNotFoundException(String what) {
        super(what + " not found");
    }
}

package org.jiedao.hub.graph.entity;

/**
 * A merge refused because the two entities hold different valid identifiers (two different ID numbers are two
 * different people, whatever else they share). Nothing was written.
 */
public final class ConflictingIdentifiersException extends RuntimeException {

    /**
     * @param from     the entity id that would have been merged
     * @param into     the entity id it would have been merged into
     * @param property the identifier that differs, e.g. {@code idNumber}
     */
    public ConflictingIdentifiersException(String from, String into, String property) {
        super("merge refused: entities " + from + " and " + into + " have different " + property
                + " values, so they are different people");
    }
}

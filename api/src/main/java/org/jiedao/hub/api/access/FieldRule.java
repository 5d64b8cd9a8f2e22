package org.jiedao.hub.api.access;

/**
 * What a role gets for one field of the GraphQL schema ({@link Access#rule}).
 */
public enum FieldRule {
    /** The value as stored. */
    CLEAR,
    /**
     * A masked value that keeps only what identifies nothing on its own, e.g. an ID number as
     * {@code 110102********123X}; the mask is applied inside the Cypher statement, so the clear value never leaves
     * the database. Filtering and sorting on the field are refused.
     */
    MASKED,
    /**
     * The field stays in the schema but answers null (special-category data such as health or disability).
     * Filtering and sorting on it are refused.
     */
    HIDDEN,
    /**
     * Selecting the field is refused with {@code extensions.code = FORBIDDEN} before any Cypher runs: the role may
     * not read the type or the field at all.
     */
    REFUSED
}

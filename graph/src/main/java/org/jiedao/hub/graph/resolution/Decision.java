package org.jiedao.hub.graph.resolution;

/**
 * What a pair's evidence decides, against the two thresholds of {@link ResolutionSettings}: the records are the same
 * entity ({@code LINK}, weight at or above the link threshold, or the same strong identifier), a person should look
 * ({@code REVIEW}, between the thresholds), or they are different entities ({@code DISTINCT}, below the review
 * threshold, or different strong identifiers whatever the weight).
 */
public enum Decision {
    /** Same entity. */
    LINK,
    /** For a clerk to decide. */
    REVIEW,
    /** Different entities. */
    DISTINCT
}

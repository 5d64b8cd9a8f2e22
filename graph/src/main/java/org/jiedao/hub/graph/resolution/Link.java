package org.jiedao.hub.graph.resolution;

/**
 * A pair of records and what was decided about it.
 *
 * @param a        one record's id
 * @param b        the other record's id
 * @param decision the decision from the evidence alone
 * @param evidence why
 */
public record Link(String a, String b, Decision decision, Evidence evidence) {
}

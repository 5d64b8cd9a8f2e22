package org.jiedao.hub.graph.entity;

import java.util.List;

import org.jiedao.hub.graph.resolution.Decision;
import org.jiedao.hub.graph.resolution.Evidence;

/**
 * The answer to {@code why(a, b)} and {@code whyNot(a, b)}: whether two records (or entities) are one entity, the
 * evidence comparing them now, the stored evidence of the links that joined them, and what keeps them apart.
 *
 * @param a           the first argument (an entity id or a record uid)
 * @param b           the second
 * @param entityA     the entity {@code a} is or resolves to
 * @param entityB     the entity {@code b} is or resolves to
 * @param sameEntity  whether both are one entity
 * @param decision    what the weights alone decide for the pair now (LINK, REVIEW or DISTINCT)
 * @param evidence    the comparison now: rule, total weight in bits (prior included), each comparison's level and
 *                    weight
 * @param links       the record links of the common entity that were decided by weights or by a clerk (with their
 *                    stored evidence), empty when the two are apart
 * @param blockers    what keeps them apart, one sentence each: different ID numbers, a clerk's rejection, hub values
 *                    dropped, a weight below the link threshold, a pending review item; empty when joined
 * @param linkThreshold   the link threshold in bits
 * @param reviewThreshold the review threshold in bits
 */
public record Explanation(String a, String b, String entityA, String entityB, boolean sameEntity, Decision decision,
                          Evidence evidence, List<RecordLink> links, List<String> blockers, double linkThreshold,
                          double reviewThreshold) {
}

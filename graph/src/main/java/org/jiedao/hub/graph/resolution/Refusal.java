package org.jiedao.hub.graph.resolution;

/**
 * A link that clustering refused to apply, because it would have merged two clusters that must stay apart.
 *
 * @param link   the refused link
 * @param reason {@code conflicting <field>} when the clusters hold different valid identifiers of that field (a chain
 *               A~B~C where A and C are different people), {@code cluster size} when the merged cluster would exceed
 *               the maximum size
 */
public record Refusal(Link link, String reason) {
}

package org.jiedao.hub.graph.resolution;

import java.util.List;

/**
 * Why two records were (or were not) linked: the rule that decided and, for a probabilistic decision, each
 * comparison's level and weight. Kept with every link, so that a reviewer (and {@code why}) can see which fields
 * agreed and how much each counted.
 *
 * @param rule   {@value #WEIGHTS} for the Fellegi-Sunter total; the strong identifier's field (e.g. {@code idNumber})
 *               for a deterministic link on the same identifier; {@code conflict:<field>} when two different valid
 *               identifiers forbid the link
 * @param weight the total match weight in bits, prior included (for a deterministic decision, the probabilistic
 *               total is still computed and given)
 * @param fields one entry per comparison, in the settings' order
 */
public record Evidence(String rule, double weight, List<FieldEvidence> fields) {

    /** The rule name of a probabilistic decision. */
    public static final String WEIGHTS = "weights";

    /**
     * @param rule   the rule
     * @param weight the weight
     * @param fields the per-comparison evidence, copied
     */
    public Evidence {
        fields = List.copyOf(fields);
    }

    /** @return whether a strong identifier decided the pair (link or conflict) */
    public boolean deterministic() {
        return !WEIGHTS.equals(rule);
    }

    /** @return whether two different valid identifiers forbid linking the pair */
    public boolean conflicting() {
        return rule.startsWith("conflict:");
    }

    /**
     * One comparison's part.
     *
     * @param comparison the comparison's name, e.g. {@code name}
     * @param level      the level's name, e.g. {@code exact}, or {@code missing}
     * @param weight     its weight in bits, term-frequency adjustment included
     */
    public record FieldEvidence(String comparison, String level, double weight) {
    }
}

package org.jiedao.hub.graph.masking;

import java.util.Set;

import org.jiedao.hub.ontology.PropertyDef;
import org.jiedao.hub.ontology.Sensitivity;

/**
 * What a reader gets for a stored value, by the ontology's sensitivity of the property ({@code hub:sensitivity}) and
 * the sensitivities the reader's role reads in clear ({@code roles.<role>.clear} of the access policy,
 * docs/security/access-policy.md). The one rule shared by the GraphQL API and the data exchange:
 * <ul>
 *   <li>a sensitivity the role reads in clear, and {@code public} always: {@link #CLEAR};</li>
 *   <li>otherwise {@code personal-id} and {@code personal}: {@link #MASKED} ({@link Masks#mask}); a value that has
 *       no mask (an enumeration, a number, a boolean: {@link Masks#maskable}) is {@link #HIDDEN} instead;</li>
 *   <li>otherwise {@code special-category} and {@code internal}: {@link #HIDDEN} (null).</li>
 * </ul>
 */
public enum ValueRule {
    /** The value as stored. */
    CLEAR,
    /** The value masked inside the Cypher statement ({@link Masks#mask}); the clear value never leaves Neo4j. */
    MASKED,
    /** Null: the value is not read at all. */
    HIDDEN;

    /**
     * @param p     a stored property
     * @param clear the sensitivities the role reads in clear (public need not be listed)
     * @return the rule for the property's values, hidden instead of masked when it has no mask
     */
    public static ValueRule of(PropertyDef p, Set<Sensitivity> clear) {
        ValueRule rule = bySensitivity(p.sensitivity(), clear);
        return rule == MASKED && !Masks.maskable(p) ? HIDDEN : rule;
    }

    /**
     * @param s     a sensitivity
     * @param clear the sensitivities the role reads in clear (public need not be listed)
     * @return clear when listed or public, masked for personal-id and personal, hidden for special-category and
     *         internal
     */
    public static ValueRule bySensitivity(Sensitivity s, Set<Sensitivity> clear) {
        if (s == Sensitivity.PUBLIC || clear.contains(s)) {
            return CLEAR;
        }
        return switch (s) {
            case PERSONAL_ID, PERSONAL -> MASKED;
            case SPECIAL_CATEGORY, INTERNAL -> HIDDEN;
            case PUBLIC -> CLEAR;
        };
    }
}

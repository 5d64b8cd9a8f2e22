package org.jiedao.hub.graph.resolution;

import java.util.List;

/**
 * Compares two records on one aspect (a field, or a few fields that describe one thing, such as a name and its
 * pinyin) and gives a <em>comparison level</em>: an index into {@link #levels()}, from the strongest agreement (0) to
 * full disagreement (the last), or {@link #MISSING} when either record lacks the value. The levels are the cells of
 * the Fellegi-Sunter comparison vector (Fellegi and Sunter, "A Theory for Record Linkage", JASA 64, 1969); each has
 * its own m and u probabilities ({@link MatchWeights}).
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface FieldComparator {

    /** The level of a pair where either value is missing: no evidence either way (weight 0). */
    int MISSING = -1;

    /**
     * @return the name of the comparison, used in evidence and configuration, e.g. {@code name}, {@code birthDate}
     */
    String name();

    /**
     * @return the level names, strongest agreement first, the last one the disagreement, e.g.
     *         {@code [exact, transposed, sameYear, different]}; at least two
     */
    List<String> levels();

    /**
     * @return the record fields this comparator reads (a hub value in one of them is dropped before comparing)
     */
    List<String> fields();

    /**
     * @return the field whose value frequency adjusts the weight of the exact level (term-frequency adjustment), or
     *         {@code null} for none
     */
    default String termFrequencyField() {
        return null;
    }

    /**
     * Compares two records.
     *
     * @param a one record
     * @param b another record
     * @return an index into {@link #levels()}, or {@link #MISSING}
     */
    int compare(ResolutionRecord a, ResolutionRecord b);
}

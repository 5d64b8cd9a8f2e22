package org.jiedao.hub.analytics;

import java.util.List;

/**
 * One grid of a coverage: the position reports placed inside its boundary.
 *
 * @param grid      the grid code
 * @param name      the grid's name, or null
 * @param located   whether the grid has a boundary (a grid without one can never be covered)
 * @param reports   how many reports lie inside it
 * @param reportIds the observation ids of those reports, sorted
 */
public record GridVisit(String grid, String name, boolean located, long reports, List<String> reportIds) {
    /** @return whether at least one report lies inside the grid */
    public boolean covered() {
        return reports > 0;
    }
}

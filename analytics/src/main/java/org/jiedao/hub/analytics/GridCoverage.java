package org.jiedao.hub.analytics;

import java.util.List;

/**
 * Which grids of a community had at least one patrol position report inside them in a period.
 *
 * @param community the community division code
 * @param period    the report times counted
 * @param covered   how many of its grids had at least one report
 * @param total     how many grids the community has
 * @param share     {@code covered / total}, 0 when it has no grid
 * @param grids     every grid of the community, by grid code
 */
public record GridCoverage(String community, Period period, int covered, int total, double share, List<GridVisit> grids) {
}

package org.jiedao.hub.analytics;

/**
 * Where a case is counted: its grid, or its community when it has no grid.
 *
 * @param kind      {@code GRID} or {@code COMMUNITY}
 * @param code      the grid code or the community division code
 * @param name      the grid's or community's name, or null
 * @param community the community division code (the grid's community for a grid), or null when unknown
 */
public record Area(String kind, String code, String name, String community) {
    /** The kind of a grid. */
    public static final String GRID = "GRID";
    /** The kind of a community. */
    public static final String COMMUNITY = "COMMUNITY";
}

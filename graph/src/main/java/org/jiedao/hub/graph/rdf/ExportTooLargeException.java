package org.jiedao.hub.graph.rdf;

/**
 * The subgraph asked for has more entity nodes than the exporter's limit ({@link RdfExporter#maxNodes()}).
 * Nothing is exported; the message names the entity, the depth and the limit, so that the caller can ask for a
 * smaller depth.
 */
public final class ExportTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The limit that was exceeded. */
    private final int limit;

    /**
     * @param entity the root entity, as {@code Label:key}
     * @param depth  the depth asked for
     * @param limit  the node limit
     */
    public ExportTooLargeException(String entity, int depth, int limit) {
        super("the subgraph within " + depth + " hop(s) of " + entity + " has more than " + limit
                + " nodes; ask for a smaller depth");
        this.limit = limit;
    }

    /** @return the node limit that was exceeded */
    public int limit() {
        return limit;
    }
}

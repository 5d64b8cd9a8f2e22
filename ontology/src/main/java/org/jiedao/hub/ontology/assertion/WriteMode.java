package org.jiedao.hub.ontology.assertion;

/** How a node assertion meets a node that may already be in the graph. */
public enum WriteMode {
    /** Create the node if absent; set every asserted property (the source is authoritative for this type). */
    AUTHORITATIVE,
    /** Create the node if absent; fill only properties the node does not have yet. */
    FILL,
    /** Never create: reference data (divisions) must already exist; relationships to a missing node are skipped. */
    REFERENCE
}

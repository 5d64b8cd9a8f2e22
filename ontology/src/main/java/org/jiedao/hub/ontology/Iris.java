package org.jiedao.hub.ontology;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * IRIs of the hub's instance data in RDF (exports, SHACL validation): {@code https://w3id.org/jiedao/id/<Label>/<key>}
 * with the key percent-encoded (RFC 3987), so that an entity has the same IRI in every export.
 */
public final class Iris {
    /** Namespace of instance IRIs. */
    public static final String ID = "https://w3id.org/jiedao/id/";

    private Iris() {
    }

    /**
     * @param type the node type
     * @param key  the node's key value
     * @return the entity's IRI
     */
    public static String entity(NodeType type, Object key) {
        return ID + type.label() + "/" + URLEncoder.encode(String.valueOf(key), StandardCharsets.UTF_8).replace("+", "%20");
    }
}

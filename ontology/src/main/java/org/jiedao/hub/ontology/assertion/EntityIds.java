package org.jiedao.hub.ontology.assertion;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The entity ids of resolved types ({@link org.jiedao.hub.ontology.NodeType#entityKey()}, e.g. Person's
 * {@code entityId}): opaque, stable, and free of personal data.
 *
 * <p>An id is a name-based UUID (RFC 9562, version 3) of the record that first asserted the entity and the alias its
 * mapping gives the node, written {@code e-<uuid>}. Being derived, not random, the same record written twice gives
 * the same id (so a re-run is idempotent); being a hash, it does not show the record key it came from.
 */
public final class EntityIds {

    private EntityIds() {
    }

    /**
     * @param recordUid the uid of the asserting record ({@link RecordRef#uid()}), e.g. {@code hotline12345:H2026001}
     * @param alias     the mapping's name for the node, e.g. {@code caller}
     * @return the id, e.g. {@code e-3f1c0a4e-...}
     */
    public static String of(String recordUid, String alias) {
        return "e-" + UUID.nameUUIDFromBytes((recordUid + "#" + alias).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The id of an entity split off from another by an unmerge: derived from the record split off, so that splitting
     * the same record again gives the same id.
     *
     * @param recordUid the record split off
     * @return the id
     */
    public static String split(String recordUid) {
        return of(recordUid, "#split");
    }
}

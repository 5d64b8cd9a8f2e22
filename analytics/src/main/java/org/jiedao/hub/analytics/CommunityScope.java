package org.jiedao.hub.analytics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The communities an analytic may read: all of them, or a set of community division codes (12 digits, the
 * {@code Community.code} key; a caseworker's scope in config/access.yaml). A case belongs to the community of its
 * grid, or of its address when it has no grid; a patrol member to the communities of the grids it patrols; a grid to
 * its community.
 *
 * @param communities the community codes, or null for every community
 */
public record CommunityScope(Set<String> communities) {
    /** Every community. */
    public static final CommunityScope ALL = new CommunityScope(null);

    /** Copies the set. */
    public CommunityScope {
        communities = communities == null ? null : Set.copyOf(communities);
    }

    /**
     * @param codes community division codes
     * @return a scope of exactly those communities (an empty collection sees nothing)
     */
    public static CommunityScope of(Collection<String> codes) {
        return new CommunityScope(Set.copyOf(codes));
    }

    /** @return whether every community may be read */
    public boolean all() {
        return communities == null;
    }

    /** @return the Cypher parameter value: null for all, else the sorted list of codes */
    List<String> parameter() {
        if (communities == null) {
            return null;
        }
        List<String> codes = new ArrayList<>(communities);
        codes.sort(null);
        return codes;
    }

    /**
     * @param code a community code, possibly null
     * @return whether the scope includes it (null is included only when every community may be read)
     */
    public boolean includes(String code) {
        return communities == null || code != null && communities.contains(code);
    }
}

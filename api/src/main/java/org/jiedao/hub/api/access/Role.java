package org.jiedao.hub.api.access;

import java.util.Map;
import java.util.Set;

import org.jiedao.hub.ontology.Sensitivity;

/**
 * One role of the access policy ({@code config/access.yaml}, docs/security.md).
 *
 * @param name              the role's name, e.g. {@code caseworker} or {@code partner:civil-affairs}
 * @param read              the types it may read, by node label, each with the fields it may read ({@link #ALL} for
 *                          every field); null when it may read every type and field
 * @param clear             the sensitivities whose values it reads in clear; {@link Sensitivity#PUBLIC} always is
 * @param scope             the name of the row-level scope applied to it ({@link ScopeDefinition}), or null for none
 * @param purposes          the purposes of use it may state; empty when it need not state one
 * @param personalAccess    whether it may see aggregates over fewer than {@link AccessPolicy#kAnonymity()} people
 * @param introspection     whether it may introspect the schema ({@code __schema}, {@code __type})
 * @param persistedOnly     whether it may run only persisted documents (no free-form queries)
 * @param lookupByMaskedKey whether it may look a node up by a key it reads masked (a root key lookup, an end of
 *                          {@code path}): the answer confirms that the key it typed exists, so this suits a role with
 *                          a row-level scope, whose answers are its own residents only (a caseworker looking up the ID
 *                          card a resident shows her); false: such lookups are refused ({@code FORBIDDEN})
 * @param requestsPerMinute its rate limit per principal, 0 for none
 */
public record Role(String name, Map<String, Set<String>> read, Set<Sensitivity> clear, String scope,
                   Set<String> purposes, boolean personalAccess, boolean introspection, boolean persistedOnly,
                   boolean lookupByMaskedKey, int requestsPerMinute) {
    /** The field set that stands for every field of a type in {@link #read}. */
    public static final Set<String> ALL = Set.of("*");

    /**
     * @param label a node label
     * @return whether the role may read nodes of that type at all
     */
    public boolean readsType(String label) {
        return read == null || read.containsKey(label);
    }

    /**
     * @param label a node label
     * @param field a GraphQL field name of that type
     * @return whether the role may select that field (its value may still be masked or hidden)
     */
    public boolean readsField(String label, String field) {
        if (read == null) {
            return true;
        }
        Set<String> fields = read.get(label);
        return fields != null && (fields.equals(ALL) || fields.contains(field));
    }
}

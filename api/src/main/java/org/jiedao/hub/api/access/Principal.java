package org.jiedao.hub.api.access;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who is calling, once authenticated: a user (signed token) or a partner system (API key, client certificate).
 *
 * @param id            the stable identifier of the caller: a token's {@code sub}, an API key's name, a
 *                      certificate's subject; written to the audit trail
 * @param role          the one role the caller acts in, a key of {@link AccessPolicy#roles()} (e.g. {@code admin},
 *                      {@code analyst}, {@code caseworker}, {@code partner:civil-affairs})
 * @param attributes    the caller's scope values by attribute name, e.g. {@code communities -> [110102001004]}
 *                      (a token's claims, an API key's configured attributes); empty when none
 * @param purpose       the purpose of use stated for this request (header {@code X-Purpose-Of-Use} or the token's
 *                      {@code purpose} claim), or null when none was stated
 * @param authenticatedBy how the caller proved who it is: {@code jwt}, {@code api-key}, {@code mtls} or
 *                      {@code internal} (the hub's own commands)
 */
public record Principal(String id, String role, Map<String, List<String>> attributes, String purpose,
                        String authenticatedBy) {
    /** Key of the authenticated {@link Principal} in a Vert.x {@code RoutingContext}'s data. */
    public static final String ROUTING_KEY = "hub.principal";

    /**
     * @throws NullPointerException if id, role, attributes or authenticatedBy is null
     */
    public Principal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        attributes = Map.copyOf(Objects.requireNonNull(attributes, "attributes"));
        Objects.requireNonNull(authenticatedBy, "authenticatedBy");
    }

    /**
     * @param purpose the purpose of use stated for one request, or null
     * @return this principal with that purpose
     */
    public Principal withPurpose(String purpose) {
        return new Principal(id, role, attributes, purpose, authenticatedBy);
    }

    /**
     * @param name an attribute name, e.g. {@code communities}
     * @return its values, empty when the principal has none
     */
    public List<String> attribute(String name) {
        return attributes.getOrDefault(name, List.of());
    }
}

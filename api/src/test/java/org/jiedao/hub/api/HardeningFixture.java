package org.jiedao.hub.api;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import org.jiedao.hub.api.access.Access;
import org.jiedao.hub.api.access.AccessPolicy;
import org.jiedao.hub.api.access.Principal;

/**
 * The access policy of the hardening tests, and a stand-in for authentication: roles {@code admin} (no limits),
 * {@code closed} (no introspection), {@code partner} (persisted documents only) and {@code limited} (3 requests a
 * minute), all reading everything.
 */
final class HardeningFixture {
    static final String POLICY_YAML = """
            kAnonymity: 5
            roles:
              admin:
                read: all
                clear: [personal-id, personal, special-category, internal]
                personalAccess: true
              closed:
                read: all
                clear: [personal-id, personal]
                introspection: false
              partner:
                read: all
                clear: [personal-id, personal]
                persistedOnly: true
              limited:
                read: all
                clear: [personal-id, personal]
                requestsPerMinute: 3
            """;
    static final AccessPolicy POLICY = AccessPolicy.parse(new ByteArrayInputStream(POLICY_YAML.getBytes(StandardCharsets.UTF_8)),
            "hardening test policy", ApiFixture.O);
    /**
     * Header carrying the test caller's role, as {@code <role>} or {@code <role>/<user>}: a stand-in API key that
     * {@link #authentication()} accepts; without it the request gets 401.
     */
    static final String ROLE_HEADER = org.jiedao.hub.api.auth.Credentials.API_KEY;

    private HardeningFixture() {
    }

    /** @return the access of caller {@code tester} in a role of {@link #POLICY} */
    static Access access(String role) {
        return POLICY.access(new Principal("tester", role, Map.of(), null, "jwt"), ApiFixture.O);
    }

    /**
     * @param role a role of {@link #POLICY}
     * @param user the caller's id
     * @return the {@value #ROLE_HEADER} value for that caller
     */
    static String key(String role, String user) {
        return role + "/" + user;
    }

    /**
     * Test-only authentication through the real {@link org.jiedao.hub.api.auth.Authentication}: the API key
     * {@code <role>[/<user>]} authenticates caller {@code <user>} ({@code tester} when absent) in that role of
     * {@link #POLICY}; the role {@code refused} (undeclared) gets 403 from the policy, any other key 401.
     */
    static org.jiedao.hub.api.auth.Authentication authentication() {
        org.jiedao.hub.api.auth.Authenticator byKey = credentials -> java.util.Optional.ofNullable(credentials.apiKey()).map(k -> {
            String[] parts = k.split("/", 2);
            if (!POLICY.roles().containsKey(parts[0]) && !parts[0].equals("refused")) {
                throw new org.jiedao.hub.api.auth.InvalidCredentialException("not a test key");
            }
            return new Principal(parts.length > 1 ? parts[1] : "tester", parts[0], Map.of(), null, "api-key");
        });
        return new org.jiedao.hub.api.auth.Authentication(java.util.List.of(byKey), POLICY, ApiFixture.O);
    }
}

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
                introspection: false
              partner:
                read: all
                persistedOnly: true
              limited:
                read: all
                requestsPerMinute: 3
            """;
    static final AccessPolicy POLICY = AccessPolicy.parse(new ByteArrayInputStream(POLICY_YAML.getBytes(StandardCharsets.UTF_8)),
            "hardening test policy", ApiFixture.O);
    /** Header naming the role the test caller acts in; without it the request gets 401. */
    static final String ROLE_HEADER = "X-Test-Role";
    /** Header naming the test caller; {@code tester} when absent. */
    static final String USER_HEADER = "X-Test-User";

    private HardeningFixture() {
    }

    /** @return the access of caller {@code tester} in a role of {@link #POLICY} */
    static Access access(String role) {
        return POLICY.access(new Principal("tester", role, Map.of(), null, "jwt"), ApiFixture.O);
    }

    /**
     * Test-only authentication: puts a {@link Principal} for the {@value #ROLE_HEADER} header under
     * {@link Principal#ROUTING_KEY}; no header: 401; role {@code refused}: 403.
     */
    static Handler<RoutingContext> testAuthentication() {
        return ctx -> {
            String role = ctx.request().getHeader(ROLE_HEADER);
            if (role == null) {
                ctx.fail(401);
                return;
            }
            if (role.equals("refused")) {
                ctx.fail(403);
                return;
            }
            String user = ctx.request().getHeader(USER_HEADER);
            ctx.put(Principal.ROUTING_KEY, new Principal(user == null ? "tester" : user, role, Map.of(), null, "jwt"));
            ctx.next();
        };
    }
}

package org.jiedao.hub.api.auth;

import java.util.EnumSet;
import java.util.Set;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import org.jiedao.hub.api.access.Access;
import org.jiedao.hub.api.access.AccessPolicy;
import org.jiedao.hub.api.access.Role;
import org.jiedao.hub.ontology.Sensitivity;

/**
 * Who may use the endpoints that bypass the GraphQL translation (and so its masking and row-level scope), checked
 * after {@link AuthenticationHandler}; a caller that may not gets 403 FORBIDDEN before anything runs.
 * <ul>
 * <li>{@code GET /export} (the unmasked RDF of a subgraph, with provenance): roles that read every type, have no
 *     row-level scope and read personal-id, personal, special-category and internal values in clear ({@link #mayExport}).</li>
 * <li>{@code GET /metrics}: the {@value AccessPolicy#ADMIN} role.</li>
 * </ul>
 */
public final class EndpointRules {
    private static final Set<Sensitivity> EXPORT_CLEAR = EnumSet.of(Sensitivity.PERSONAL_ID, Sensitivity.PERSONAL,
            Sensitivity.SPECIAL_CATEGORY, Sensitivity.INTERNAL);

    private EndpointRules() {
    }

    /**
     * @param role a role
     * @return whether it may export: it reads every type, has no scope and reads every sensitivity in clear
     */
    public static boolean mayExport(Role role) {
        return role.read() == null && role.scope() == null && role.clear().containsAll(EXPORT_CLEAR);
    }

    /** @return the handler guarding {@code /export} */
    public static Handler<RoutingContext> export() {
        return ctx -> {
            Role role = ctx.<Access>get(Access.CONTEXT_KEY).role();
            if (mayExport(role)) {
                ctx.next();
            } else {
                AuthenticationHandler.forbidden(ctx, "role " + role.name()
                        + " may not export: the export is unmasked, so it needs a role that reads every type, has no row-level scope"
                        + " and reads personal-id, personal, special-category and internal values in clear");
            }
        };
    }

    /** @return the handler guarding {@code /metrics} */
    public static Handler<RoutingContext> metrics() {
        return ctx -> {
            Role role = ctx.<Access>get(Access.CONTEXT_KEY).role();
            if (role.name().equals(AccessPolicy.ADMIN)) {
                ctx.next();
            } else {
                AuthenticationHandler.forbidden(ctx, "role " + role.name() + " may not read the metrics; they are for role " + AccessPolicy.ADMIN);
            }
        };
    }
}

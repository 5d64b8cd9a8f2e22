package org.jiedao.hub.routes.exchange;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import org.jiedao.hub.ontology.PropertyDef;
import org.jiedao.hub.ontology.Sensitivity;

/**
 * What each role of the access policy ({@code config/access.yaml}, docs/security/access-policy.md) may read, as far
 * as the exchange needs it: the node types and fields of {@code read} and the sensitivities of {@code clear}. Read
 * here from the same file, because integration-routes must not depend on the API module where the full policy
 * lives.
 *
 * <p>An agreement may share a field only if its partner's role may read the field ({@link #refusal}). Its values are
 * then shared as the API answers that role ({@link org.jiedao.hub.graph.masking.ValueRule}): in clear when the role
 * reads the field's sensitivity in clear ({@code public} always), masked for personal-id and personal values,
 * null for special-category and internal ones.
 */
public final class AccessRoles {
    private final Path file;
    private final Map<String, Role> roles;

    private AccessRoles(Path file, Map<String, Role> roles) {
        this.file = file;
        this.roles = Map.copyOf(roles);
    }

    /**
     * @param name  the role name
     * @param read  readable fields by node label ({@code *} for all fields of a label); null when the role reads all
     * @param clear the sensitivities it reads in clear (public is always added)
     */
    public record Role(String name, Map<String, Set<String>> read, Set<Sensitivity> clear) {
    }

    /**
     * @param accessPolicy the policy file
     * @return its roles
     * @throws AgreementDefinitionException if the file cannot be read, has no {@code roles}, or names an unknown
     *                                      sensitivity
     */
    public static AccessRoles read(Path accessPolicy) {
        JsonNode root;
        try {
            root = YAMLMapper.builder().build().readTree(accessPolicy.toFile());
        } catch (IOException e) {
            throw new AgreementDefinitionException(accessPolicy + ": cannot read the access policy: " + e.getMessage(), e);
        }
        JsonNode rs = root == null ? null : root.path("roles");
        if (rs == null || !rs.isObject()) {
            throw new AgreementDefinitionException(accessPolicy + ": no roles");
        }
        Map<String, Role> out = new LinkedHashMap<>();
        for (var e : rs.properties()) {
            JsonNode n = e.getValue();
            Map<String, Set<String>> read = null;
            if (n.path("read").isObject()) {
                read = new LinkedHashMap<>();
                for (var t : n.path("read").properties()) {
                    Set<String> fields = new LinkedHashSet<>();
                    if (t.getValue().isTextual() && t.getValue().asText().equals("all")) {
                        fields.add("*");
                    } else {
                        t.getValue().forEach(f -> fields.add(f.asText()));
                    }
                    read.put(t.getKey(), fields);
                }
            }
            Set<Sensitivity> clear = new LinkedHashSet<>(Set.of(Sensitivity.PUBLIC));
            for (JsonNode s : n.path("clear")) {
                try {
                    clear.add(Sensitivity.valueOf(s.asText().toUpperCase(Locale.ROOT).replace('-', '_')));
                } catch (IllegalArgumentException ex) {
                    throw new AgreementDefinitionException(accessPolicy + ": roles." + e.getKey() + ".clear: unknown sensitivity " + s.asText(), ex);
                }
            }
            out.put(e.getKey(), new Role(e.getKey(), read, clear));
        }
        return new AccessRoles(accessPolicy, out);
    }

    /**
     * From roles already parsed elsewhere (the app passes the API's policy, so the bundled policy counts too).
     *
     * @param where the policy's name, for messages
     * @param roles its roles
     * @return the roles
     */
    public static AccessRoles of(String where, List<Role> roles) {
        Map<String, Role> out = new LinkedHashMap<>();
        for (Role r : roles) {
            Set<Sensitivity> clear = new LinkedHashSet<>(r.clear());
            clear.add(Sensitivity.PUBLIC);
            out.put(r.name(), new Role(r.name(), r.read(), clear));
        }
        return new AccessRoles(Path.of(where), out);
    }

    /**
     * @param role a role name
     * @return the sensitivities it reads in clear (public included), or null if there is no such role
     */
    public Set<Sensitivity> clear(String role) {
        Role r = roles.get(role);
        return r == null ? null : r.clear();
    }

    /** @return the policy file */
    public Path file() {
        return file;
    }

    /** @return every role name */
    public Set<String> names() {
        return roles.keySet();
    }

    /** @return the partner roles ({@code partner:*}) */
    public List<String> partnerRoles() {
        return roles.keySet().stream().filter(r -> r.startsWith("partner:")).sorted().toList();
    }

    /**
     * @param role  a role name
     * @param label a node label
     * @param field a property of that label
     * @return why the role may not receive the field at all, or empty if it may (masked or not)
     */
    public Optional<String> refusal(String role, String label, PropertyDef field) {
        Role r = roles.get(role);
        if (r == null) {
            return Optional.of("'" + role + "' is not a role of " + file);
        }
        if (r.read() != null) {
            Set<String> fields = r.read().get(label);
            if (fields == null) {
                return Optional.of(role + " may not read " + label + " (roles." + role + ".read in " + file + ")");
            }
            if (!fields.contains("*") && !fields.contains(field.name())) {
                return Optional.of(role + " may not read " + label + "." + field.name() + " (roles." + role + ".read in "
                        + file + " allows " + fields + ")");
            }
        }
        return Optional.empty();
    }
}

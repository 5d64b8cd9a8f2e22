package org.jiedao.hub.api.access;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.Sensitivity;

/**
 * The access policy: roles, row-level scopes and the k of k-anonymity, declared in YAML ({@code config/access.yaml};
 * the format is documented in docs/security.md). Immutable; shared by all requests.
 *
 * <pre>{@code
 * kAnonymity: 5
 * scopes:
 *   community:
 *     attribute: communities
 *     target: Community.code
 *     paths: { Person: [RESIDES_AT, IN_COMMUNITY], Vehicle: [<OWNS, RESIDES_AT, IN_COMMUNITY] }
 *     unscoped: [District, Subdistrict]
 * roles:
 *   caseworker:
 *     read: all                      # or { Person: all, Vehicle: [plate, brand] }
 *     clear: [personal-id, personal]
 *     scope: community
 *     purposes: [case-handling]
 *     personalAccess: true           # default false
 *     introspection: true            # default true
 *     persistedOnly: false           # default false
 *     lookupByMaskedKey: true        # default false: look up by a key it reads masked (Role#lookupByMaskedKey)
 *     requestsPerMinute: 600         # default 0: unlimited
 * }</pre>
 *
 * @param kAnonymity the smallest number of people an aggregate may cover for roles without personal access
 * @param scopes     the row-level scopes by name
 * @param roles      the roles by name
 */
public record AccessPolicy(int kAnonymity, Map<String, ScopeDefinition> scopes, Map<String, Role> roles) {
    /** The policy bundled with the hub, used when no file is configured. */
    public static final String BUNDLED = "/org/jiedao/hub/api/access/access.yaml";
    /** The role of the hub's own commands and of the first-start admin credential. */
    public static final String ADMIN = "admin";

    /**
     * @param file     a policy file
     * @param ontology the ontology its labels and relationship types must exist in
     * @return the policy
     * @throws IllegalArgumentException naming the file and the entry that is malformed or unknown
     */
    public static AccessPolicy load(Path file, Ontology ontology) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString(), ontology);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the access policy: " + e.getMessage(), e);
        }
    }

    /**
     * @param ontology the ontology
     * @return the bundled policy ({@value #BUNDLED})
     */
    public static AccessPolicy bundled(Ontology ontology) {
        try (InputStream in = AccessPolicy.class.getResourceAsStream(BUNDLED)) {
            return parse(in, BUNDLED, ontology);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param in       the YAML text
     * @param where    its name, for messages
     * @param ontology the ontology its labels and relationship types must exist in
     * @return the policy
     * @throws IllegalArgumentException naming the entry that is malformed or unknown
     */
    public static AccessPolicy parse(InputStream in, String where, Ontology ontology) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(where + ": expected a map with kAnonymity, scopes and roles");
        }
        int k = root.path("kAnonymity").asInt(5);
        if (k < 1) {
            throw new IllegalArgumentException(where + ": kAnonymity must be at least 1");
        }
        Map<String, ScopeDefinition> scopes = new LinkedHashMap<>();
        root.path("scopes").properties().forEach(e -> scopes.put(e.getKey(), scope(e.getKey(), e.getValue(), where, ontology)));
        Map<String, Role> roles = new LinkedHashMap<>();
        root.path("roles").properties().forEach(e -> roles.put(e.getKey(), role(e.getKey(), e.getValue(), where, ontology, scopes)));
        if (!roles.containsKey(ADMIN)) {
            throw new IllegalArgumentException(where + ": roles: the role '" + ADMIN + "' must be declared");
        }
        return new AccessPolicy(k, Map.copyOf(scopes), Map.copyOf(roles));
    }

    /**
     * @param principal an authenticated caller with the purpose it stated
     * @param ontology  the ontology
     * @return what the caller may do in this request
     * @throws AccessDeniedException if the principal's role is not declared, or the role requires a purpose of use
     *                               and none or an undeclared one was stated
     */
    public Access access(Principal principal, Ontology ontology) {
        Role role = roles.get(principal.role());
        if (role == null) {
            throw new AccessDeniedException("role '" + principal.role() + "' is not declared in the access policy");
        }
        if (!role.purposes().isEmpty()) {
            if (principal.purpose() == null || principal.purpose().isBlank()) {
                throw new AccessDeniedException("role " + role.name() + " must state a purpose of use (header X-Purpose-Of-Use or token claim 'purpose'), one of "
                        + role.purposes());
            }
            if (!role.purposes().contains(principal.purpose())) {
                throw new AccessDeniedException("purpose of use '" + principal.purpose() + "' is not one of role " + role.name()
                        + "'s " + role.purposes());
            }
        }
        return new Access(principal, role, this, ontology);
    }

    private static ScopeDefinition scope(String name, JsonNode n, String where, Ontology ontology) {
        String at = where + ": scopes." + name;
        String attribute = text(n, "attribute", at);
        String[] target = text(n, "target", at).split("\\.", 2);
        if (target.length != 2 || ontology.findNodeType(target[0]).isEmpty()) {
            throw new IllegalArgumentException(at + ".target: expected <Label>.<property> of the ontology, was " + n.path("target").asText());
        }
        Map<String, List<String>> paths = new LinkedHashMap<>();
        n.path("paths").properties().forEach(e -> {
            label(e.getKey(), at + ".paths", ontology);
            List<String> steps = new ArrayList<>();
            e.getValue().forEach(s -> {
                String type = s.asText().startsWith("<") ? s.asText().substring(1) : s.asText();
                if (ontology.relationshipTypes().stream().noneMatch(r -> r.type().equals(type))) {
                    throw new IllegalArgumentException(at + ".paths." + e.getKey() + ": no relationship type " + type + " in the ontology");
                }
                steps.add(s.asText());
            });
            paths.put(e.getKey(), List.copyOf(steps));
        });
        Set<String> unscoped = new LinkedHashSet<>();
        n.path("unscoped").forEach(l -> unscoped.add(label(l.asText(), at + ".unscoped", ontology)));
        return new ScopeDefinition(name, attribute, target[0], target[1], Map.copyOf(paths), Set.copyOf(unscoped));
    }

    private static Role role(String name, JsonNode n, String where, Ontology ontology, Map<String, ScopeDefinition> scopes) {
        String at = where + ": roles." + name;
        Map<String, Set<String>> read = null;
        JsonNode r = n.path("read");
        if (r.isObject()) {
            read = new LinkedHashMap<>();
            for (var e : r.properties()) {
                label(e.getKey(), at + ".read", ontology);
                Set<String> fields = new LinkedHashSet<>();
                if (e.getValue().isTextual() && e.getValue().asText().equals("all")) {
                    fields.addAll(Role.ALL);
                } else {
                    e.getValue().forEach(f -> fields.add(f.asText()));
                }
                read.put(e.getKey(), Set.copyOf(fields));
            }
            read = Map.copyOf(read);
        } else if (!(r.isTextual() && r.asText().equals("all"))) {
            throw new IllegalArgumentException(at + ".read: expected 'all' or a map of node labels to 'all' or field lists");
        }
        Set<Sensitivity> clear = new LinkedHashSet<>(Set.of(Sensitivity.PUBLIC));
        n.path("clear").forEach(s -> {
            try {
                clear.add(Sensitivity.valueOf(s.asText().toUpperCase(Locale.ROOT).replace('-', '_')));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(at + ".clear: unknown sensitivity " + s.asText()
                        + " (personal-id, personal, special-category, internal, public)", e);
            }
        });
        String scope = n.hasNonNull("scope") ? n.get("scope").asText() : null;
        if (scope != null && !scopes.containsKey(scope)) {
            throw new IllegalArgumentException(at + ".scope: no scope named " + scope + " (declared: " + scopes.keySet() + ")");
        }
        Set<String> purposes = new LinkedHashSet<>();
        n.path("purposes").forEach(p -> purposes.add(p.asText()));
        int rate = n.path("requestsPerMinute").asInt(0);
        if (rate < 0) {
            throw new IllegalArgumentException(at + ".requestsPerMinute: must be 0 (unlimited) or more");
        }
        return new Role(name, read, Set.copyOf(clear), scope, Set.copyOf(purposes), n.path("personalAccess").asBoolean(false),
                n.path("introspection").asBoolean(true), n.path("persistedOnly").asBoolean(false),
                n.path("lookupByMaskedKey").asBoolean(false), rate);
    }

    private static String label(String label, String at, Ontology ontology) {
        if (ontology.findNodeType(label).isEmpty()) {
            throw new IllegalArgumentException(at + ": no node type " + label + " in the ontology");
        }
        return label;
    }

    private static String text(JsonNode n, String field, String at) {
        if (!n.hasNonNull(field)) {
            throw new IllegalArgumentException(at + ": '" + field + "' is required");
        }
        return n.get(field).asText();
    }
}

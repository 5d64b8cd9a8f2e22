package org.jiedao.hub.api.access;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;

import org.jiedao.hub.api.cypher.RowScope;
import org.jiedao.hub.api.schema.FieldBinding;
import org.jiedao.hub.api.schema.SchemaBuilder;
import org.jiedao.hub.graph.masking.Masks;
import org.jiedao.hub.graph.masking.ValueRule;
import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.PropertyDef;
import org.jiedao.hub.ontology.Sensitivity;

/**
 * What one authenticated caller may do in one request: its principal, its role and the policy they come from.
 * Put in the request's {@link GraphQLContext} under {@link #CONTEXT_KEY} by the HTTP layer; the translators read it
 * to refuse fields, mask values and add the role's row-level scope to every node pattern of the one statement.
 *
 * @param principal the caller
 * @param role      its role
 * @param policy    the policy the role comes from
 * @param ontology  the ontology (sensitivity of relationship properties)
 */
public record Access(Principal principal, Role role, AccessPolicy policy, Ontology ontology) {
    /** Key of the {@link Access} in a request's {@link GraphQLContext}. */
    public static final String CONTEXT_KEY = Access.class.getName();

    /**
     * @param policy   the policy (its {@value AccessPolicy#ADMIN} role)
     * @param ontology the ontology
     * @param id       who acts, e.g. {@code hub bench api}
     * @return the access of the hub's own commands: the admin role, authenticated {@code internal}
     */
    public static Access internal(AccessPolicy policy, Ontology ontology, String id) {
        return policy.access(new Principal(id, AccessPolicy.ADMIN, Map.of(), "operations", "internal"), ontology);
    }

    /**
     * @param env a data fetcher's environment
     * @return the request's access
     * @throws AccessDeniedException if the request carries none (a request that did not pass authentication)
     */
    public static Access of(DataFetchingEnvironment env) {
        return of(env.getGraphQlContext());
    }

    /**
     * @param context a request's context
     * @return the request's access
     * @throws AccessDeniedException if the context carries none
     */
    public static Access of(GraphQLContext context) {
        Access a = context == null ? null : context.get(CONTEXT_KEY);
        if (a == null) {
            throw new AccessDeniedException("the request is not authenticated");
        }
        return a;
    }

    /**
     * The role's rule for one field: {@link FieldRule#REFUSED} when the role may not read the type or the field
     * ({@link Role#read()}); for stored values, by the ontology's sensitivity: clear when the role has the
     * sensitivity in {@link Role#clear()}, else personal-id and personal values {@link FieldRule#MASKED},
     * special-category and internal ones {@link FieldRule#HIDDEN}; a value that would be masked but has no mask
     * (an enumeration, a number, a boolean: {@link Masks#maskable}) is hidden instead; relationship and aggregate fields
     * are {@link FieldRule#REFUSED} when the role may not read the type they reach, and computed counts when it may
     * not read the type they count; provenance ({@code sources}) is clear only to a role that reads every sensitivity in
     * clear and has no scope, else hidden (an empty list; {@link #provenance}); a {@code timeline} is clear, each of
     * its events being shown by the rules of the relationship field, date and node it comes from. A non-null field that would be hidden (a key whose sensitivity the role may
     * not read) is refused, since it cannot answer null. A type the role's row-level scope cannot reach
     * ({@link #inScopeReach}) counts as a type the role may not read.
     *
     * @param type  the node type the field belongs to
     * @param field the field
     * @return the rule
     */
    public FieldRule rule(NodeType type, SchemaBuilder.Field field) {
        if (!role.readsType(type.label()) || !role.readsField(type.label(), field.name()) || !inScopeReach(type)) {
            return FieldRule.REFUSED;
        }
        FieldRule rule = switch (field.binding()) {
            case FieldBinding.Property p -> stored(p.property());
            case FieldBinding.RelationshipProperty rp -> ontology.relationshipTypes().stream()
                    .flatMap(r -> r.properties().stream()).filter(x -> x.name().equals(rp.name()))
                    .findFirst().map(this::stored).orElse(FieldRule.HIDDEN);
            case FieldBinding.Relationship r -> role.readsType(r.target().label()) && inScopeReach(r.target()) ? FieldRule.CLEAR : FieldRule.REFUSED;
            case FieldBinding.Aggregate a -> role.readsType(a.relationship().target().label()) && inScopeReach(a.relationship().target())
                    ? FieldRule.CLEAR : FieldRule.REFUSED;
            case FieldBinding.Computed c -> c.field().counts() == null
                    || role.readsType(c.field().counts()) && inScopeReach(ontology.nodeType(c.field().counts())) ? FieldRule.CLEAR : FieldRule.REFUSED;
            case FieldBinding.Sources s -> provenance();
            // each event is shown by the rules of the relationship field, date and other node it comes from
            case FieldBinding.Timeline t -> FieldRule.CLEAR;
        };
        boolean nonNull = field.type().endsWith("!") && !(field.binding() instanceof FieldBinding.Sources);
        return rule == FieldRule.HIDDEN && nonNull ? FieldRule.REFUSED : rule;
    }

    /**
     * @param p a stored property
     * @return the role's rule for its values: by sensitivity, hidden instead of masked when it has no mask (the rule
     *         the data exchange applies too: {@link ValueRule#of})
     */
    public FieldRule stored(PropertyDef p) {
        return FieldRule.valueOf(ValueRule.of(p, role.clear()).name());
    }

    /**
     * @param type a node type
     * @return false when the role's row-level scope can never reach the type (neither on a scope path nor unscoped:
     *         fail closed, docs/security/row-level-scope.md); true without a scope
     */
    public boolean inScopeReach(NodeType type) {
        return RowScope.of(this).reaches(type);
    }

    /**
     * @param type a node type
     * @return whether the role may follow changes of the type ({@code entityChanged}): it reads the type and its key
     *         in clear (an event names the node by its key)
     */
    public boolean followsChanges(NodeType type) {
        return role.readsType(type.label()) && role.readsField(type.label(), type.key().name()) && stored(type.key()) == FieldRule.CLEAR;
    }

    /**
     * Provenance ({@code sources}) names source records by their record keys and locations, which are built from the
     * records' own values (an ID number, a household number, a certificate number that encodes a disability) and
     * include records of every person a node was asserted with: so it is read only by a role that reads every
     * sensitivity in clear and has no row-level scope; for any other role it is hidden (an empty list).
     *
     * The same rule decides who may use entity resolution's fields ({@code why}, {@code whyNot}, {@code reviewItems},
     * {@code personByEntityId} and the merge/unmerge/review mutations, {@link org.jiedao.hub.api.entity.EntityFields}):
     * they show and change which records are one person.
     *
     * @return {@link FieldRule#CLEAR} or {@link FieldRule#HIDDEN}
     */
    public FieldRule provenance() {
        boolean all = role.clear().containsAll(java.util.EnumSet.of(Sensitivity.PERSONAL_ID, Sensitivity.PERSONAL,
                Sensitivity.SPECIAL_CATEGORY, Sensitivity.INTERNAL));
        return all && role.scope() == null ? FieldRule.CLEAR : FieldRule.HIDDEN;
    }

    /**
     * @param type a node type
     * @return whether it is a personal type: one with any personal-id, personal or special-category property
     *         (k-anonymity applies to aggregates over it)
     */
    public static boolean personal(NodeType type) {
        return type.properties().stream().anyMatch(p -> p.sensitivity() == Sensitivity.PERSONAL_ID
                || p.sensitivity() == Sensitivity.PERSONAL || p.sensitivity() == Sensitivity.SPECIAL_CATEGORY);
    }

    /**
     * @param counted the node type an aggregate counts
     * @return the k below which the aggregate is suppressed (answers null; docs/security/access-policy.md,
     *         "k-anonymity"), or 0 when it is not: the role has personal access or the type is not personal
     */
    public int suppressBelow(NodeType counted) {
        return suppressesSmallGroups() && personal(counted) ? policy.kAnonymity() : 0;
    }

    /** @return the row-level scope of the role, if it has one */
    public Optional<ScopeDefinition> scope() {
        return Optional.ofNullable(role.scope()).map(policy.scopes()::get);
    }

    /** @return the values the principal is scoped to (e.g. its community codes); empty without a scope */
    public Set<String> scopeValues() {
        return scope().map(s -> Set.copyOf(principal.attribute(s.attribute()))).orElse(Set.of());
    }

    /** @return whether aggregates over fewer than {@link AccessPolicy#kAnonymity()} people are suppressed */
    public boolean suppressesSmallGroups() {
        return !role.personalAccess();
    }

    /** @return the scope values as a list, for a Cypher parameter */
    public List<String> scopeParameter() {
        return List.copyOf(scopeValues());
    }
}

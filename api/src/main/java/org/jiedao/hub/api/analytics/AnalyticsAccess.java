package org.jiedao.hub.api.analytics;

import java.util.List;

import org.jiedao.hub.analytics.CommunityScope;
import org.jiedao.hub.api.access.Access;
import org.jiedao.hub.api.access.FieldRule;
import org.jiedao.hub.ontology.Ontology;

/**
 * What a caller may see of the analytics (docs/analytics.md, "Access"), decided from its {@link Access} by the same
 * policy as every other field: the types it reads, the sensitivities it reads in clear, its row-level scope and
 * provenance.
 *
 * @param access   the caller's access
 * @param ontology the ontology (property sensitivities)
 */
record AnalyticsAccess(Access access, Ontology ontology) {

    /**
     * @return the communities the caller may read: all without a scope, its community codes with a scope that
     *         targets {@code Community.code}, and none with any other scope (fail closed)
     */
    CommunityScope scope() {
        return access.scope().map(s -> "Community".equals(s.targetLabel()) && "code".equals(s.targetProperty())
                ? CommunityScope.of(access.scopeValues()) : CommunityScope.of(List.of())).orElse(CommunityScope.ALL);
    }

    /** @return whether the role reads the type and its row-level scope can reach it */
    boolean reads(String label) {
        return access.role().readsType(label) && access.inScopeReach(ontology.nodeType(label));
    }

    /** @return whether the role reads {@code label.property} in clear */
    boolean clear(String label, String property) {
        return reads(label) && access.role().readsField(label, property)
                && ontology.nodeType(label).property(property).map(p -> access.stored(p) == FieldRule.CLEAR).orElse(false);
    }

    /** @return whether source-record uids may be shown: the rule of {@code sources} ({@link Access#provenance()}) */
    boolean provenance() {
        return access.provenance() == FieldRule.CLEAR;
    }

    /** @return the caller's role name, for messages */
    String role() {
        return access.role().name();
    }
}

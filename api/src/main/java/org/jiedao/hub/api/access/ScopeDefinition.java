package org.jiedao.hub.api.access;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A row-level scope of the access policy, e.g. {@code community}: a caseworker sees only the people, households,
 * addresses and cases that reach one of her communities.
 *
 * @param name           the scope's name, referred to by {@link Role#scope()}
 * @param attribute      the principal attribute holding the allowed values ({@link Principal#attribute}), e.g.
 *                       {@code communities}
 * @param targetLabel    the label of the node the values identify, e.g. {@code Community}
 * @param targetProperty the property of that node compared with the values, e.g. {@code code}
 * @param paths          for each scoped node label, the relationship types leading from it to the target, in order;
 *                       a type prefixed with {@code <} is followed against its direction (e.g. {@code Vehicle:
 *                       [<OWNS, RESIDES_AT, IN_COMMUNITY]}); an empty list for the target type itself
 * @param unscoped       the labels every principal of the scope reads whole (not personal: divisions, sensors...);
 *                       a label neither in {@code paths} nor here is refused to roles with this scope (fail closed)
 */
public record ScopeDefinition(String name, String attribute, String targetLabel, String targetProperty,
                              Map<String, List<String>> paths, Set<String> unscoped) {
}

package org.jiedao.hub.analytics;

/**
 * How much of a service's form the graph fills for the residents it is meant for (the eligible residents not enrolled):
 * all their forms' fields together.
 *
 * @param service   the service code, or {@code null} for all services together
 * @param residents the forms counted (one per eligible resident not enrolled)
 * @param fields    their fields together (residents × fields per form)
 * @param filled    of those, the fields the graph filled
 */
public record PrefillShare(String service, int residents, long fields, long filled) {
    /** @return filled over fields, 0 to 1 (0 when there are no fields) */
    public double share() {
        return fields == 0 ? 0 : (double) filled / fields;
    }
}

package org.jiedao.hub.api.query;

import java.util.List;

/** The hand-written root fields the API offers beyond the per-type key lookups. Add a new one here. */
public final class RootFields {
    private RootFields() {
    }

    /** @return every hand-written root field, in schema order */
    public static List<RootField> all() {
        List<RootField> all = new java.util.ArrayList<>(List.of(new SearchField(), new PathField()));
        all.addAll(org.jiedao.hub.api.analytics.AnalyticsFields.all());
        all.addAll(org.jiedao.hub.api.analytics.CrowdFields.all());
        all.addAll(org.jiedao.hub.api.analytics.ParkingFields.all());
        all.addAll(org.jiedao.hub.api.analytics.KindergartenFields.all());
        all.addAll(org.jiedao.hub.api.analytics.ServiceFields.all());
        return List.copyOf(all);
    }
}

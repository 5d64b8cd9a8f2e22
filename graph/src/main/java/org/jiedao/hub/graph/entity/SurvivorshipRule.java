package org.jiedao.hub.graph.entity;

import java.util.Locale;

/**
 * One rule of survivorship: how an entity's value of a property is chosen among the values its records assert
 * (the terms of master-data management, as in the Informatica/Talend "survivorship" rules).
 */
public enum SurvivorshipRule {
    /** The value of the record whose source comes first in the configured source order. */
    SOURCE_PRIORITY("sourcePriority"),
    /** The value of the most recently ingested record. */
    RECENCY("recency"),
    /** The value asserted by the most records. */
    MOST_FREQUENT("mostFrequent"),
    /** The longest value (as text). */
    LONGEST("longest");

    private final String configName;

    SurvivorshipRule(String configName) {
        this.configName = configName;
    }

    /** @return the rule's name in configuration, e.g. {@code sourcePriority} */
    public String configName() {
        return configName;
    }

    /**
     * @param name a rule's configuration name, any case
     * @return the rule
     * @throws IllegalArgumentException naming the known rules if the name is none of them
     */
    public static SurvivorshipRule of(String name) {
        for (SurvivorshipRule r : values()) {
            if (r.configName.toLowerCase(Locale.ROOT).equals(name == null ? "" : name.trim().toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown survivorship rule '" + name
                + "'; known: sourcePriority, recency, mostFrequent, longest");
    }
}

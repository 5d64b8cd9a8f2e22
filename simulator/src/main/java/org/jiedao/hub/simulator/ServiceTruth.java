package org.jiedao.hub.simulator;

import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the generated registers of the proactive services make true (issue 8, item 3), per service code
 * ({@code elderly-card}, {@code nursing-subsidy}), as canonical 18-character ID numbers: who is enrolled (holds the
 * card, receives the subsidy), who is eligible and not enrolled, and which of those opted out of notices. Also in
 * {@code <outDir>/services_truth.csv}.
 *
 * @param enrolled            eligible residents already enrolled
 * @param eligibleNotEnrolled eligible residents not enrolled (opted out or not)
 * @param optedOut            those of {@code eligibleNotEnrolled} who asked for no notices
 */
public record ServiceTruth(Map<String, Set<String>> enrolled, Map<String, Set<String>> eligibleNotEnrolled,
                           Map<String, Set<String>> optedOut) {
    /** Copies the maps as sorted, unmodifiable ones. */
    public ServiceTruth {
        enrolled = copy(enrolled);
        eligibleNotEnrolled = copy(eligibleNotEnrolled);
        optedOut = copy(optedOut);
    }

    /**
     * @param service a service code
     * @return the eligible residents not enrolled who did not opt out: those who must get exactly one notice
     */
    public SortedSet<String> toNotify(String service) {
        SortedSet<String> ids = new TreeSet<>(eligibleNotEnrolled.getOrDefault(service, Set.of()));
        ids.removeAll(optedOut.getOrDefault(service, Set.of()));
        return ids;
    }

    private static Map<String, Set<String>> copy(Map<String, Set<String>> m) {
        Map<String, Set<String>> c = new TreeMap<>();
        m.forEach((k, v) -> c.put(k, java.util.Collections.unmodifiableSortedSet(new TreeSet<>(v))));
        return java.util.Collections.unmodifiableMap(c);
    }
}

package org.jiedao.hub.graph.entity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Survivorship: chooses an entity's property values from what its records assert (DESIGN.md decision 2). Each
 * property has an ordered list of {@link SurvivorshipRule}s, its own or the default list; a rule narrows the
 * candidate values and the next breaks the ties left. A last, fixed tie-break (the smallest record uid) makes the
 * choice deterministic. A property may <em>follow</em> another (a derived value such as {@code namePinyin}
 * follows {@code name}): it takes its value from the record whose value won for the other, so an entity never shows
 * one source's name with another source's pinyin.
 *
 * @param sourcePriority source ids, most trusted first; sources not listed come after, in id order
 * @param defaults       rules for properties without their own
 * @param perProperty    property name to its rules
 * @param follows        property name to the property whose winning record it follows
 */
public record Survivorship(List<String> sourcePriority, List<SurvivorshipRule> defaults,
                           Map<String, List<SurvivorshipRule>> perProperty, Map<String, String> follows) {

    /**
     * @param sourcePriority source ids, copied
     * @param defaults       default rules, copied; not empty
     * @param perProperty    per-property rules, copied
     * @param follows        followed properties, copied
     * @throws IllegalArgumentException if the default rules are empty or a property follows itself
     */
    public Survivorship {
        sourcePriority = List.copyOf(sourcePriority);
        defaults = List.copyOf(defaults);
        perProperty = Map.copyOf(perProperty);
        follows = Map.copyOf(follows);
        if (defaults.isEmpty()) {
            throw new IllegalArgumentException("survivorship needs at least one default rule");
        }
        follows.forEach((p, q) -> {
            if (p.equals(q)) {
                throw new IllegalArgumentException("survivorship: " + p + " cannot follow itself");
            }
        });
    }

    /** @return source priority empty, rules {@code [sourcePriority, recency]} for every property */
    public static Survivorship standard() {
        return new Survivorship(List.of(), List.of(SurvivorshipRule.SOURCE_PRIORITY, SurvivorshipRule.RECENCY),
                Map.of(), Map.of());
    }

    /**
     * What one record asserts about an entity.
     *
     * @param recordUid  the record's uid
     * @param source     its source id
     * @param ingestedAt when its content was written
     * @param values     property name to value (typed as the graph holds it)
     */
    public record Assertion(String recordUid, String source, Instant ingestedAt, Map<String, Object> values) {
        /** Copies the values; null values are dropped. */
        public Assertion {
            Objects.requireNonNull(recordUid, "recordUid");
            Map<String, Object> copy = new LinkedHashMap<>();
            values.forEach((k, v) -> {
                if (v != null) {
                    copy.put(k, v);
                }
            });
            values = java.util.Collections.unmodifiableMap(copy);
            source = source == null ? "" : source;
            ingestedAt = ingestedAt == null ? Instant.EPOCH : ingestedAt;
        }
    }

    /**
     * Chooses the values.
     *
     * @param assertions what each record asserts
     * @return property name to the surviving value and the record it came from, for every property some record
     *         asserts
     */
    public Map<String, Chosen> choose(List<Assertion> assertions) {
        Map<String, Chosen> out = new LinkedHashMap<>();
        java.util.Set<String> names = new java.util.TreeSet<>();
        assertions.forEach(a -> names.addAll(a.values().keySet()));
        for (String name : names) {
            if (!follows.containsKey(name)) {
                out.put(name, pick(name, assertions));
            }
        }
        for (String name : names) {
            String leader = follows.get(name);
            if (leader == null) {
                continue;
            }
            Chosen lead = out.get(leader);
            Assertion from = lead == null ? null : assertions.stream()
                    .filter(a -> a.recordUid().equals(lead.recordUid()) && a.values().containsKey(name)).findFirst().orElse(null);
            out.put(name, from != null ? new Chosen(from.values().get(name), from.recordUid()) : pick(name, assertions));
        }
        return out;
    }

    /**
     * A surviving value.
     *
     * @param value     the value
     * @param recordUid the record it came from
     */
    public record Chosen(Object value, String recordUid) {
    }

    private Chosen pick(String name, List<Assertion> assertions) {
        List<Assertion> candidates = new ArrayList<>(assertions.stream().filter(a -> a.values().containsKey(name)).toList());
        Map<String, Integer> frequency = new HashMap<>();
        candidates.forEach(a -> frequency.merge(String.valueOf(a.values().get(name)), 1, Integer::sum));
        for (SurvivorshipRule rule : perProperty.getOrDefault(name, defaults)) {
            if (candidates.size() <= 1) {
                break;
            }
            Comparator<Assertion> better = switch (rule) {
                case SOURCE_PRIORITY -> Comparator.comparingInt(a -> rank(a.source()));
                case RECENCY -> Comparator.comparing(Assertion::ingestedAt).reversed();
                case MOST_FREQUENT -> Comparator.comparingInt((Assertion a) ->
                        frequency.get(String.valueOf(a.values().get(name)))).reversed();
                case LONGEST -> Comparator.comparingInt((Assertion a) ->
                        String.valueOf(a.values().get(name)).length()).reversed();
            };
            Assertion best = candidates.stream().min(better).orElseThrow();
            candidates.removeIf(a -> better.compare(a, best) != 0);
        }
        Assertion winner = candidates.stream().min(Comparator.comparing(Assertion::recordUid)).orElseThrow();
        return new Chosen(winner.values().get(name), winner.recordUid());
    }

    private int rank(String source) {
        int i = sourcePriority.indexOf(source);
        return i < 0 ? sourcePriority.size() : i;
    }
}

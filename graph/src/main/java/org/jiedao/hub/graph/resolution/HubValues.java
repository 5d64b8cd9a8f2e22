package org.jiedao.hub.graph.resolution;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Values shared by too many distinct people to be evidence: a community office's phone number given by hundreds of
 * residents, a collective household's address. A value of a watched field is a <em>hub value</em> when the records
 * holding it carry more than {@code maxIdentities} distinct strong identifiers (valid ID numbers); hub values are
 * dropped from the records before blocking and comparison, so they neither make candidate pairs nor add weight.
 */
public final class HubValues {

    private final Map<String, Set<String>> hubs;

    private HubValues(Map<String, Set<String>> hubs) {
        this.hubs = hubs;
    }

    /**
     * Finds the hub values.
     *
     * @param records       the records
     * @param fields        the fields to watch, e.g. {@code phone}, {@code addressKey}
     * @param identifiers   the strong-identifier fields whose distinct values are counted
     * @param maxIdentities the most distinct identities a value may be shared by and still count as evidence
     * @return the hub values
     */
    public static HubValues find(List<ResolutionRecord> records, List<String> fields, List<String> identifiers,
                                 int maxIdentities) {
        Map<String, Set<String>> hubs = new HashMap<>();
        for (String f : fields) {
            Map<String, Set<String>> ids = new HashMap<>();
            for (ResolutionRecord r : records) {
                String v = r.get(f);
                if (v == null) {
                    continue;
                }
                for (String idField : identifiers) {
                    String id = r.get(idField);
                    if (id != null) {
                        Set<String> s = ids.computeIfAbsent(v, x -> new HashSet<>());
                        if (s.size() <= maxIdentities) {
                            s.add(idField + '\u001F' + id);
                        }
                    }
                }
            }
            Set<String> hub = new HashSet<>();
            ids.forEach((v, s) -> {
                if (s.size() > maxIdentities) {
                    hub.add(v);
                }
            });
            hubs.put(f, hub);
        }
        return new HubValues(hubs);
    }

    /**
     * @param field a field
     * @param value a value
     * @return whether it is a hub value of that field
     */
    public boolean isHub(String field, String value) {
        Set<String> s = hubs.get(field);
        return s != null && value != null && s.contains(value);
    }

    /**
     * The record without its hub values.
     *
     * @param r a record
     * @return the same record if it holds none
     */
    public ResolutionRecord strip(ResolutionRecord r) {
        List<String> drop = null;
        for (Map.Entry<String, Set<String>> e : hubs.entrySet()) {
            if (e.getValue().contains(r.get(e.getKey()))) {
                if (drop == null) {
                    drop = new java.util.ArrayList<>(2);
                }
                drop.add(e.getKey());
            }
        }
        return drop == null ? r : r.without(drop);
    }

    /** @return per watched field, how many hub values it has (the values themselves are personal data: not logged) */
    public Map<String, Integer> counts() {
        Map<String, Integer> m = new java.util.TreeMap<>();
        hubs.forEach((f, s) -> m.put(f, s.size()));
        return m;
    }
}

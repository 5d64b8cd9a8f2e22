package org.jiedao.hub.ontology.assertion;

import java.util.List;
import java.util.Optional;

/**
 * Everything one source record asserts, with its provenance. A record is written whole or not at all.
 *
 * @param record        provenance of the record
 * @param nodes         node assertions; aliases unique
 * @param relationships relationship assertions between those nodes
 * @throws IllegalArgumentException if aliases repeat or a relationship names an alias the record lacks
 */
public record RecordAssertions(RecordRef record, List<NodeAssertion> nodes, List<RelationshipAssertion> relationships) {
    public RecordAssertions {
        nodes = List.copyOf(nodes);
        relationships = List.copyOf(relationships);
        long distinct = nodes.stream().map(NodeAssertion::alias).distinct().count();
        if (distinct != nodes.size()) {
            throw new IllegalArgumentException("record " + record.uid() + ": node aliases repeat");
        }
        java.util.Set<String> aliases = new java.util.HashSet<>();
        nodes.forEach(n -> aliases.add(n.alias()));
        for (RelationshipAssertion r : relationships) {
            if (!aliases.contains(r.fromAlias()) || !aliases.contains(r.toAlias())) {
                throw new IllegalArgumentException("record " + record.uid() + ": relationship " + r.type().type()
                        + " names an alias the record does not assert (" + r.fromAlias() + " -> " + r.toAlias() + ")");
            }
        }
    }

    /** @return the node asserted under this alias */
    public Optional<NodeAssertion> node(String alias) {
        return nodes.stream().filter(n -> n.alias().equals(alias)).findFirst();
    }
}

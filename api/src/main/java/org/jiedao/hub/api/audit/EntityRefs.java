package org.jiedao.hub.api.audit;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.execution.DataFetcherResult;

import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.Ontology;
import org.neo4j.cypherdsl.core.Cypher;
import org.neo4j.cypherdsl.core.Expression;
import org.neo4j.cypherdsl.core.Node;

/**
 * Which entities a response returned, for the audit trail: every map projection of a node that a root field's
 * statement returns carries one extra entry {@value #KEY} = {@code [label, key]} (the label of the type the node is
 * merged on, and its key value). The key cannot clash with a response key (GraphQL names are
 * {@code [_A-Za-z][_0-9A-Za-z]*}), and the field fetchers read maps by response key, so the entry never reaches a
 * response. {@link #collect} gathers them from a root field's value.
 */
public final class EntityRefs {
    /** The reserved map entry holding {@code [label, key]}. */
    public static final String KEY = "@ref";

    private EntityRefs() {
    }

    /**
     * @param node     the projected node, bound in the statement
     * @param type     its node type as the selection sees it
     * @param ontology the ontology (the type the node is merged on: a Complaint is referred to as a Case)
     * @return the Cypher list {@code ['<Label>', node.<key>]}
     */
    public static Expression cypher(Node node, NodeType type, Ontology ontology) {
        NodeType merged = ontology.mergeType(type);
        return Cypher.listOf(Cypher.literalOf(merged.label()), node.property(merged.key().name()));
    }

    /**
     * @param type     a node type
     * @param key      a node's key value
     * @param ontology the ontology
     * @return the value of {@value #KEY} for it, for maps built in Java (search hits, path nodes)
     */
    public static List<Object> of(NodeType type, Object key, Ontology ontology) {
        return List.of(ontology.mergeType(type).label(), key);
    }

    /**
     * Adds every entity referenced anywhere in a value (maps, lists, a {@link DataFetcherResult}'s data).
     *
     * @param value a root field's value
     * @param into  where to add them
     */
    public static void collect(Object value, Set<EntityRef> into) {
        switch (value) {
            case null -> {
            }
            case DataFetcherResult<?> r -> collect(r.getData(), into);
            case Map<?, ?> m -> {
                if (m.get(KEY) instanceof List<?> ref && ref.size() == 2 && ref.get(0) != null && ref.get(1) != null) {
                    into.add(new EntityRef(ref.get(0).toString(), ref.get(1)));
                }
                for (Object v : m.values()) {
                    if (v instanceof Map<?, ?> || v instanceof Collection<?>) {
                        collect(v, into);
                    }
                }
            }
            case Collection<?> c -> {
                for (Object v : c) {
                    if (v instanceof Map<?, ?> || v instanceof Collection<?>) {
                        collect(v, into);
                    }
                }
            }
            default -> {
            }
        }
    }
}

package org.jiedao.hub.api.schema;

import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.PropertyDef;
import org.jiedao.hub.ontology.RelationshipType;

/** What a GraphQL field of a generated type reads in the graph. */
public sealed interface FieldBinding {
    /** A stored property of the node. */
    record Property(PropertyDef property) implements FieldBinding {
    }

    /**
     * A relationship followed from the node.
     *
     * @param type    the relationship type
     * @param forward true from start to end node, false backwards
     * @param target  the node type reached
     * @param many    whether the field is a list
     */
    record Relationship(RelationshipType type, boolean forward, NodeType target, boolean many) implements FieldBinding {
    }

    /** A property of the relationship through which the node was reached (null elsewhere). */
    record RelationshipProperty(String name) implements FieldBinding {
    }

    /** A computed field. */
    record Computed(ComputedField field) implements FieldBinding {
    }

    /**
     * Aggregates (count, min, max, ...) over the nodes a list relationship field reaches ({@code vehiclesAggregate}).
     *
     * @param relationship the list relationship field aggregated over
     */
    record Aggregate(Relationship relationship) implements FieldBinding {
    }

    /** The source records that assert the node. */
    record Sources() implements FieldBinding {
    }

    /**
     * The node's dated events in date order ({@code timeline}), from its relationship fields.
     *
     * @param sources the kinds of events, derived from the ontology, at least one
     */
    record Timeline(java.util.List<TimelineSource> sources) implements FieldBinding {
        public Timeline {
            sources = java.util.List.copyOf(sources);
        }
    }
}

package org.jiedao.hub.api.schema;

import java.util.function.Function;

import org.neo4j.cypherdsl.core.Expression;
import org.neo4j.cypherdsl.core.Node;

/**
 * A field that is not stored but computed in the same Cypher statement, such as a community's resident count.
 *
 * @param typeLabel   node label of the GraphQL type it belongs to
 * @param name        field name
 * @param graphqlType its GraphQL type, e.g. {@code Int!}
 * @param description what it counts, for the schema's documentation
 * @param expression  builds the Cypher expression from the node it is computed for
 * @param counts      the node label it counts when it is a count (k-anonymity suppresses it below k for personal
 *                    types, so its GraphQL type must be nullable), or null
 */
public record ComputedField(String typeLabel, String name, String graphqlType, String description,
                            Function<Node, Expression> expression, String counts) {
    /**
     * A computed field that is not a count of nodes.
     *
     * @param typeLabel   node label of the GraphQL type it belongs to
     * @param name        field name
     * @param graphqlType its GraphQL type
     * @param description what it gives
     * @param expression  builds the Cypher expression from the node it is computed for
     */
    public ComputedField(String typeLabel, String name, String graphqlType, String description,
                         Function<Node, Expression> expression) {
        this(typeLabel, name, graphqlType, description, expression, null);
    }
}

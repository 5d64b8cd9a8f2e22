package org.jiedao.hub.api.schema;

import java.util.function.BiFunction;
import java.util.function.Function;

import org.jiedao.hub.api.cypher.RowScope;
import org.neo4j.cypherdsl.core.Expression;
import org.neo4j.cypherdsl.core.Node;

/**
 * A field that is not stored but computed in the same Cypher statement, such as a community's resident count.
 *
 * @param typeLabel   node label of the GraphQL type it belongs to
 * @param name        field name
 * @param graphqlType its GraphQL type, e.g. {@code Int!}
 * @param description what it counts, for the schema's documentation
 * @param expression  builds the Cypher expression from the node it is computed for and the request's row-level
 *                    scope, which every node it counts or reads besides that node must satisfy
 *                    ({@link RowScope#condition(String, Node)})
 * @param counts      the node label it counts when it is a count (k-anonymity suppresses it below k for personal
 *                    types, so its GraphQL type must be nullable), or null
 */
public record ComputedField(String typeLabel, String name, String graphqlType, String description,
                            BiFunction<Node, RowScope, Expression> expression, String counts) {
    /**
     * A computed field that reads only the node it is computed for, so no scope applies to it.
     *
     * @param typeLabel   node label of the GraphQL type it belongs to
     * @param name        field name
     * @param graphqlType its GraphQL type
     * @param description what it gives
     * @param expression  builds the Cypher expression from the node
     */
    public ComputedField(String typeLabel, String name, String graphqlType, String description,
                         Function<Node, Expression> expression) {
        this(typeLabel, name, graphqlType, description, (BiFunction<Node, RowScope, Expression>) (n, s) -> expression.apply(n), null);
    }
}

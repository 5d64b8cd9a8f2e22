package org.jiedao.hub.api.limits;

import java.util.Map;

import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.FieldComplexityEnvironment;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLTypeUtil;

/**
 * The complexity of a field as an estimate of the values it returns, list sizes multiplied through nesting:
 * <ul>
 * <li>a field that is not a list: {@code 1 + childComplexity} (itself and its selection; a scalar costs 1);</li>
 * <li>a list field: {@code size x max(1, childComplexity)}, where size is its {@code first} argument; for a
 * list without {@code first} whose parent field has one (a connection's {@code edges}), the parent's
 * {@code first}; otherwise {@link #DEFAULT_LIST_SIZE}.</li>
 * </ul>
 * So {@code persons(first: 100) { edges { node { vehicles(first: 100) { plate } } } }} costs about 10,000.
 * Introspection ({@code __schema}, {@code __type}) costs 0: graphql-java's {@code GoodFaithIntrospection}, on by
 * default, bounds it, and GraphiQL's introspection query must pass. Values
 * are capped at a ceiling (the limit + 1), so that sums cannot overflow once a field alone passes the limit.
 */
public final class ListSizeComplexity implements FieldComplexityCalculator {
    /** Size assumed for a list field without a {@code first} argument. */
    public static final int DEFAULT_LIST_SIZE = 20;
    private static final String FIRST = "first";
    private final long ceiling;

    /** @param ceiling the largest value returned (use the complexity limit + 1) */
    public ListSizeComplexity(int ceiling) {
        this.ceiling = ceiling;
    }

    @Override
    public int calculate(FieldComplexityEnvironment env, int childComplexity) {
        if (isIntrospection(env.getField().getName())) {
            return 0;
        }
        long child = childComplexity < 0 ? ceiling : childComplexity; // an overflow upstream counts as too much
        long cost = isList(env.getFieldDefinition()) ? listSize(env) * Math.max(1, child) : 1 + child;
        return (int) Math.min(cost, ceiling);
    }

    private static long listSize(FieldComplexityEnvironment env) {
        Long own = first(env.getFieldDefinition(), env.getArguments());
        if (own != null) {
            return own;
        }
        FieldComplexityEnvironment parent = env.getParentEnvironment();
        if (parent != null && !isList(parent.getFieldDefinition())) {
            Long ofParent = first(parent.getFieldDefinition(), parent.getArguments());
            if (ofParent != null) {
                return ofParent;
            }
        }
        return DEFAULT_LIST_SIZE;
    }

    private static Long first(GraphQLFieldDefinition field, Map<String, Object> arguments) {
        if (field.getArgument(FIRST) == null) {
            return null;
        }
        return arguments.get(FIRST) instanceof Number n ? Math.max(0, n.longValue()) : null;
    }

    /**
     * @param fieldName a field name
     * @return whether it is an introspection root field, {@code __schema} or {@code __type}
     */
    static boolean isIntrospection(String fieldName) {
        return fieldName.equals("__schema") || fieldName.equals("__type");
    }

    private static boolean isList(GraphQLFieldDefinition field) {
        return GraphQLTypeUtil.isList(GraphQLTypeUtil.unwrapNonNull(field.getType()));
    }
}

package org.jiedao.hub.api.schema;

import java.util.Map;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.PropertyDataFetcher;

/**
 * Reads a field of a generated type from the map the Cypher statement returned. The statement keys its maps by
 * response key (the alias where one is given, GraphQL spec, section 2.7 "Field Alias"), so that
 * {@code before: members(asOf: "2020-01-01") { name } after: members(asOf: "2024-01-01") { name }} gives each alias
 * its own answer. A map keyed by field name (built elsewhere) is read by field name when the response key is absent.
 */
public final class ResultKeyDataFetcher implements DataFetcher<Object> {
    /** The one instance; it holds no state. */
    public static final ResultKeyDataFetcher INSTANCE = new ResultKeyDataFetcher();

    private ResultKeyDataFetcher() {
    }

    /**
     * @param env the field being resolved; its source is a map, or null
     * @return the value under the field's response key, else under its name (a property of a non-map source)
     */
    @Override
    public Object get(DataFetchingEnvironment env) {
        if (!(env.getSource() instanceof Map<?, ?> source)) {
            return PropertyDataFetcher.fetching(env.getField().getName()).get(env);
        }
        String key = env.getField().getResultKey();
        return source.containsKey(key) ? source.get(key) : source.get(env.getField().getName());
    }
}

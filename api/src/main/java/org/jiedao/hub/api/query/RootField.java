package org.jiedao.hub.api.query;

import graphql.schema.DataFetcher;

/**
 * A hand-written root field of the {@code Query} type (search, path, lists...), next to the per-type key lookups
 * derived from the ontology. Each implementation is one small class with its SDL and its data fetcher; the
 * factory adds it to the schema with {@code extend type Query}.
 */
public interface RootField {
    /** @return the field name in {@code Query}, e.g. {@code search} */
    String name();

    /**
     * @param context what fields need to build and run their Cypher
     * @return the field's SDL as it appears inside {@code type Query { ... }}, with its description and arguments
     */
    String fieldSdl(QueryContext context);

    /**
     * @param context what fields need to build and run their Cypher
     * @return SDL of the types the field needs (object, input, enum types), or an empty string
     */
    default String typesSdl(QueryContext context) {
        return "";
    }

    /**
     * @param context what fields need to build and run their Cypher
     * @return the data fetcher; it must not block the calling thread (run Cypher through {@link QueryContext#cypher()})
     */
    DataFetcher<?> fetcher(QueryContext context);
}

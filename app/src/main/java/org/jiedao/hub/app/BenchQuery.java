package org.jiedao.hub.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One query of {@code hub bench api}: its GraphQL document and the hand-written Cypher giving the same answer, read
 * from the classpath ({@code /bench/<name>.graphql} and {@code /bench/<name>.cypher}, so they are easy to change),
 * and the name of the one variable (GraphQL) and parameter (Cypher) that carries the key.
 *
 * <p>The Cypher returns one row with one column {@code result}, a map shaped like the GraphQL field's value (codes
 * as stored; the benchmark compares them through the code lists), or no row when the key is unknown.
 *
 * @param name     short name, e.g. {@code person360}
 * @param field    the root field of the GraphQL document, e.g. {@code person}
 * @param variable the GraphQL variable and Cypher parameter holding the key, e.g. {@code idNumber}
 * @param keys     what kind of key it takes: {@code person} (ID numbers) or {@code community} (division codes)
 * @param graphql  the GraphQL document
 * @param cypher   the hand-written Cypher statement
 */
record BenchQuery(String name, String field, String variable, String keys, String graphql, String cypher) {
    /** The person-360 query: a resident with household members, vehicles, cases and address up to the district. */
    static BenchQuery person360() {
        return load("person360", "person", "idNumber", "person");
    }

    /** The community-level list query: a community's addresses with their residents. */
    static BenchQuery community() {
        return load("community", "community", "code", "community");
    }

    /** @return the queries of the benchmark, in report order */
    static List<BenchQuery> all() {
        return List.of(person360(), community());
    }

    private static BenchQuery load(String name, String field, String variable, String keys) {
        return new BenchQuery(name, field, variable, keys, resource("/bench/" + name + ".graphql"), resource("/bench/" + name + ".cypher"));
    }

    private static String resource(String path) {
        try (InputStream in = BenchQuery.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource not found: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.jiedao.hub.api.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The parameters of a GraphQL-over-HTTP request (GraphQL over HTTP, draft 2025, section "Request Parameters"):
 * from a JSON body of a POST, or from the URL of a GET where {@code variables} and {@code extensions} are JSON text.
 *
 * @param query          the document text, or null if the request names its document by hash only
 * @param operationName  the operation to run, or null
 * @param variables      variable values (plain maps, lists, strings, numbers, booleans, nulls); empty if none
 * @param extensions     the request's extensions; empty if none
 * @param persistedHash  {@code extensions.persistedQuery.sha256Hash} (64 hex digits), or null
 */
public record GraphQLRequest(String query, String operationName, Map<String, Object> variables, Map<String, Object> extensions,
                             String persistedHash) {
    /** Thrown for a request that is not a well-formed GraphQL-over-HTTP request; the message says why (answer 400). */
    public static final class Malformed extends Exception {
        /** @param message the reason, for the client */
        public Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * @param body the POST body, JSON text in UTF-8
     * @return the parameters
     * @throws Malformed if the body is empty, not JSON, not a JSON object, or a parameter has the wrong type
     */
    public static GraphQLRequest fromJson(Buffer body) throws Malformed {
        if (body == null || body.length() == 0) {
            throw new Malformed("the request body is empty; send a JSON object with a \"query\"");
        }
        Object json;
        try {
            json = Json.decodeValue(body);
        } catch (DecodeException e) {
            throw new Malformed("the request body is not valid JSON");
        }
        if (!(json instanceof JsonObject object)) {
            throw new Malformed("the request body must be a JSON object with a \"query\" (batches are not supported)");
        }
        return of(object.getValue("query"), object.getValue("operationName"), object.getValue("variables"), object.getValue("extensions"));
    }

    /**
     * @param params the URL's query parameters
     * @return the parameters
     * @throws Malformed if {@code variables} or {@code extensions} is not a JSON object, or no document is given
     */
    public static GraphQLRequest fromUrl(MultiMap params) throws Malformed {
        return of(params.get("query"), params.get("operationName"), jsonParameter(params, "variables"), jsonParameter(params, "extensions"));
    }

    private static Object jsonParameter(MultiMap params, String name) throws Malformed {
        String text = params.get(name);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Json.decodeValue(text);
        } catch (DecodeException e) {
            throw new Malformed("the URL parameter " + name + " is not valid JSON");
        }
    }

    private static GraphQLRequest of(Object query, Object operationName, Object variables, Object extensions) throws Malformed {
        if (query != null && !(query instanceof String)) {
            throw new Malformed("query must be a string");
        }
        if (operationName != null && !(operationName instanceof String)) {
            throw new Malformed("operationName must be a string");
        }
        Map<String, Object> vars = map(variables, "variables");
        Map<String, Object> ext = map(extensions, "extensions");
        String hash = persistedHash(ext);
        if ((query == null || ((String) query).isBlank()) && hash == null) {
            throw new Malformed("the request has no query");
        }
        return new GraphQLRequest((String) query, (String) operationName, vars, ext, hash);
    }

    private static String persistedHash(Map<String, Object> extensions) throws Malformed {
        Object pq = extensions.get("persistedQuery");
        if (pq == null) {
            return null;
        }
        if (!(pq instanceof Map<?, ?> m) || !(m.get("sha256Hash") instanceof String hash) || !hash.matches("[0-9a-fA-F]{64}")
                || !(m.get("version") instanceof Number version) || version.intValue() != 1) {
            throw new Malformed("extensions.persistedQuery must be {\"version\": 1, \"sha256Hash\": \"<64 hex digits>\"}");
        }
        return hash;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String name) throws Malformed {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof JsonObject object)) {
            throw new Malformed(name + " must be a JSON object");
        }
        return (Map<String, Object>) plain(object);
    }

    /** Vert.x JSON values as plain Java maps and lists, as graphql-java coerces variables from. */
    private static Object plain(Object value) {
        if (value instanceof JsonObject o) {
            Map<String, Object> m = new LinkedHashMap<>();
            o.getMap().forEach((k, v) -> m.put(k, plain(v)));
            return m;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> m = new LinkedHashMap<>();
            map.forEach((k, v) -> m.put(String.valueOf(k), plain(v)));
            return m;
        }
        if (value instanceof JsonArray a) {
            List<Object> l = new ArrayList<>();
            a.getList().forEach(v -> l.add(plain(v)));
            return l;
        }
        if (value instanceof List<?> list) {
            List<Object> l = new ArrayList<>();
            list.forEach(v -> l.add(plain(v)));
            return l;
        }
        return value;
    }
}

package org.jiedao.hub.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;

/**
 * Keeps parsed and validated documents by their text, so that a client sending the same query again (with other
 * variables) skips parsing and validation: graphql-java's {@link PreparsedDocumentProvider} extension point, as its
 * documentation ("Query caching") recommends. Validation depends only on the document and the schema, so a cached
 * entry, with its errors if it had any, is what validating the text again would give; limits that depend on
 * variables (depth, complexity) run at execution and are not skipped.
 *
 * <p>At most {@code capacity} documents of up to {@value #MAX_CACHED_CHARS} characters are kept, least recently
 * used first out; longer documents are parsed every time. Thread-safe.
 */
public final class DocumentCache implements PreparsedDocumentProvider {
    /** Longest document text cached, in characters. */
    public static final int MAX_CACHED_CHARS = 16 * 1024;
    private final Map<String, PreparsedDocumentEntry> entries;

    /**
     * @param capacity most documents kept, at least 1
     * @throws IllegalArgumentException if {@code capacity} is below 1
     */
    public DocumentCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PreparsedDocumentEntry> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
                                                                      Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        String text = input.getQuery();
        if (text == null || text.length() > MAX_CACHED_CHARS) {
            return CompletableFuture.completedFuture(parseAndValidate.apply(input));
        }
        PreparsedDocumentEntry cached;
        synchronized (entries) {
            cached = entries.get(text);
        }
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        PreparsedDocumentEntry entry = parseAndValidate.apply(input);
        synchronized (entries) {
            entries.put(text, entry);
        }
        return CompletableFuture.completedFuture(entry);
    }

    /** @return the number of documents kept now */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}

package org.jiedao.hub.api.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.persisted.PersistedQueryCache;
import graphql.execution.preparsed.persisted.PersistedQueryCacheMiss;
import graphql.execution.preparsed.persisted.PersistedQueryNotFound;
import graphql.execution.preparsed.persisted.PersistedQuerySupport;

/**
 * The documents a request may name by hash, for graphql-java's {@link PersistedQuerySupport} (see
 * {@link PersistedQueries}): the <em>configured</em> documents, files {@code *.graphql} of a folder, each known by
 * the SHA-256 of its exact text (UTF-8 bytes, lower-case hex, as Apollo's automatic persisted queries compute it);
 * and documents <em>registered</em> by clients with automatic persisted queries (a request carrying both the hash
 * and the text), of which the {@code registeredLimit} most recently used are kept.
 *
 * <p>Parsed and validated documents are cached per hash; a document with parse or validation errors is not cached
 * (nor registered), so the next request sees the same errors. Thread-safe.
 */
public final class PersistedQueryStore implements PersistedQueryCache {
    private final Map<String, String> configured;
    private final Map<String, PreparsedDocumentEntry> configuredParsed = new ConcurrentHashMap<>();
    private final Map<String, Registered> registered;
    private final int registeredLimit;

    private record Registered(String text, PreparsedDocumentEntry entry) {
    }

    /**
     * @param configured      configured documents: lower-case hex SHA-256 of the text -> text
     * @param registeredLimit client-registered documents kept at most; 0: clients cannot register documents
     */
    public PersistedQueryStore(Map<String, String> configured, int registeredLimit) {
        this.configured = Map.copyOf(configured);
        this.registeredLimit = registeredLimit;
        this.registered = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Registered> eldest) {
                return size() > PersistedQueryStore.this.registeredLimit;
            }
        });
    }

    /**
     * Reads the configured documents of a folder (not its subfolders).
     *
     * @param dir             folder of {@code *.graphql} files (UTF-8), or null for none
     * @param registeredLimit client-registered documents kept at most; 0: clients cannot register documents
     * @return the store
     * @throws UncheckedIOException naming the folder or file that cannot be read
     */
    public static PersistedQueryStore load(Path dir, int registeredLimit) {
        Map<String, String> documents = new LinkedHashMap<>();
        if (dir != null) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".graphql")).sorted().toList()) {
                    String text = Files.readString(file, StandardCharsets.UTF_8);
                    documents.put(sha256(text), text);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the persisted documents in " + dir + ": " + e.getMessage(), e);
            }
        }
        return new PersistedQueryStore(documents, registeredLimit);
    }

    /**
     * @param text a document's exact text
     * @return the lower-case hex SHA-256 of its UTF-8 bytes (64 characters), the key clients send as
     *         {@code extensions.persistedQuery.sha256Hash}
     */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** @return the configured documents: hash -> text (unmodifiable) */
    public Map<String, String> configured() {
        return configured;
    }

    /**
     * @param hash a SHA-256 in hex (any case)
     * @return true if a configured document has that hash
     */
    public boolean isConfigured(String hash) {
        return configured.containsKey(hash.toLowerCase(Locale.ROOT));
    }

    /**
     * @param hash a SHA-256 in hex (any case)
     * @return the text of the configured or registered document with that hash, or null if there is none
     */
    public String text(String hash) {
        String key = hash.toLowerCase(Locale.ROOT);
        String text = configured.get(key);
        if (text != null) {
            return text;
        }
        Registered r = registered.get(key);
        return r == null ? null : r.text();
    }

    /**
     * Finds the document for a hash: a configured one (whatever text the request carries), else a registered one,
     * else registers the request's text under the hash (the caller, {@link PersistedQuerySupport}, checks that
     * text and hash agree and parses and validates it).
     *
     * @throws PersistedQueryNotFound if no document has the hash and the request has no text, or registration is off
     */
    @Override
    public CompletableFuture<PreparsedDocumentEntry> getPersistedQueryDocumentAsync(Object persistedQueryId, ExecutionInput executionInput,
                                                                                    PersistedQueryCacheMiss onCacheMiss) throws PersistedQueryNotFound {
        String key = persistedQueryId.toString().toLowerCase(Locale.ROOT);
        String configuredText = configured.get(key);
        if (configuredText != null) {
            PreparsedDocumentEntry cached = configuredParsed.get(key);
            if (cached == null) {
                cached = onCacheMiss.apply(configuredText);
                if (!cached.hasErrors()) {
                    configuredParsed.put(key, cached);
                }
            }
            return CompletableFuture.completedFuture(cached);
        }
        Registered known = registered.get(key);
        if (known != null) {
            return CompletableFuture.completedFuture(known.entry());
        }
        String text = executionInput.getQuery();
        if (registeredLimit == 0 || text == null || text.isBlank() || text.equals(PersistedQuerySupport.PERSISTED_QUERY_MARKER)) {
            throw new PersistedQueryNotFound(persistedQueryId);
        }
        PreparsedDocumentEntry entry = onCacheMiss.apply(text);
        if (!entry.hasErrors()) {
            registered.put(key, new Registered(text, entry));
        }
        return CompletableFuture.completedFuture(entry);
    }
}

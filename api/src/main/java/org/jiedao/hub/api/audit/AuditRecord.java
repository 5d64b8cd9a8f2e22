package org.jiedao.hub.api.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of an audit chain file (JSON Lines, docs/security/audit.md), with personal values already pseudonymised.
 * Members (null and empty ones left out of the line):
 * {@code v} (format version, 1), {@code chain}, {@code seq} (1, 2, ... within the chain), {@code time} (ISO-8601
 * UTC, milliseconds), {@code kind} ({@code graphql}, {@code export}, {@code delivery}), {@code principal},
 * {@code role}, {@code authenticatedBy}, {@code purpose}, {@code operation}, {@code documentHash} (SHA-256 hex),
 * {@code variables} (strings replaced by pseudonyms), {@code literals} (pseudonyms), {@code entities}
 * ({@code <Label>:<pseudonym>}), {@code subject}, {@code resultBytes}, {@code resultEntities}, {@code outcome}
 * ({@code ok} or {@code error}), {@code errors} (codes), {@code traceId}, {@code details}, {@code prev} and
 * {@code hash}.
 *
 * @param chain          the chain (one per hub process instance, e.g. the host name)
 * @param seq            position in the chain, from 1, without gaps
 * @param time           when it was recorded
 * @param kind           {@code graphql}, {@code export} or {@code delivery}
 * @param principal      who
 * @param role           in which role
 * @param authenticatedBy how it authenticated
 * @param purpose        stated purpose, or null
 * @param operation      operation name, export format or delivery agreement, or null
 * @param documentHash   SHA-256 of the GraphQL document, or null
 * @param variables      variables with strings pseudonymised
 * @param literals       pseudonyms of the document's string literals
 * @param entities       returned entities as {@code <Label>:<pseudonym>}, sorted
 * @param subject        the entity the request was about as {@code <Label>:<pseudonym>}, or null
 * @param resultBytes    response or payload size in bytes
 * @param resultEntities number of distinct entities returned
 * @param outcome        {@code ok} or {@code error}
 * @param errors         error codes
 * @param traceId        trace id, or null
 * @param details        other facts
 * @param prev           hash of the previous record (64 zeros for the first)
 * @param hash           {@code HMAC-SHA256(chain key, prev || canonical JSON of the other members)}
 */
public record AuditRecord(String chain, long seq, Instant time, String kind, String principal, String role,
                          String authenticatedBy, String purpose, String operation, String documentHash,
                          Map<String, Object> variables, List<String> literals, List<String> entities, String subject,
                          long resultBytes, long resultEntities, String outcome, List<String> errors, String traceId,
                          Map<String, Object> details, String prev, String hash) {
    /** Format version written in {@code v}. */
    public static final int VERSION = 1;
    /** {@code prev} of a chain's first record. */
    public static final String GENESIS = "0".repeat(64);

    /**
     * @return the members the hash covers (all but {@code prev} and {@code hash}), null and empty ones left out
     */
    public Map<String, Object> content() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("v", VERSION);
        m.put("chain", chain);
        m.put("seq", seq);
        m.put("time", time.toString());
        m.put("kind", kind);
        m.put("principal", principal);
        m.put("role", role);
        m.put("authenticatedBy", authenticatedBy);
        put(m, "purpose", purpose);
        put(m, "operation", operation);
        put(m, "documentHash", documentHash);
        put(m, "variables", variables);
        put(m, "literals", literals);
        put(m, "entities", entities);
        put(m, "subject", subject);
        m.put("resultBytes", resultBytes);
        m.put("resultEntities", resultEntities);
        m.put("outcome", outcome);
        put(m, "errors", errors);
        put(m, "traceId", traceId);
        put(m, "details", details);
        return m;
    }

    /** @return the whole line's members: {@link #content()} with {@code prev} and {@code hash} */
    public Map<String, Object> toMap() {
        Map<String, Object> m = content();
        m.put("prev", prev);
        m.put("hash", hash);
        return m;
    }

    private static void put(Map<String, Object> m, String name, Object value) {
        if (value == null || value instanceof Map<?, ?> map && map.isEmpty() || value instanceof List<?> l && l.isEmpty()) {
            return;
        }
        m.put(name, value);
    }

    /**
     * @param m a parsed line
     * @return the record it holds (missing members read as null, empty or 0)
     * @throws IllegalArgumentException if {@code seq} or {@code time} is missing or malformed
     */
    @SuppressWarnings("unchecked")
    public static AuditRecord fromMap(Map<String, Object> m) {
        try {
            return new AuditRecord(str(m, "chain"), ((Number) m.get("seq")).longValue(), Instant.parse(str(m, "time")),
                    str(m, "kind"), str(m, "principal"), str(m, "role"), str(m, "authenticatedBy"), str(m, "purpose"),
                    str(m, "operation"), str(m, "documentHash"),
                    m.get("variables") instanceof Map<?, ?> v ? (Map<String, Object>) v : Map.of(),
                    m.get("literals") instanceof List<?> l ? (List<String>) l : List.of(),
                    m.get("entities") instanceof List<?> e ? (List<String>) e : List.of(), str(m, "subject"),
                    num(m, "resultBytes"), num(m, "resultEntities"), str(m, "outcome"),
                    m.get("errors") instanceof List<?> e ? (List<String>) e : List.of(), str(m, "traceId"),
                    m.get("details") instanceof Map<?, ?> d ? (Map<String, Object>) d : Map.of(), str(m, "prev"), str(m, "hash"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not an audit record: " + e.getMessage(), e);
        }
    }

    private static String str(Map<String, Object> m, String name) {
        Object v = m.get(name);
        return v == null ? null : v.toString();
    }

    private static long num(Map<String, Object> m, String name) {
        return m.get(name) instanceof Number n ? n.longValue() : 0;
    }
}

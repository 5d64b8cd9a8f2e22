package org.jiedao.hub.graph.write;

import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;

/**
 * The read and review side of the quarantine: lists and finds {@code QuarantinedRecord} nodes (written by
 * {@link RecordWriter} with {@code uid, source, location, reason, raw, quarantinedAt}) and records what a replay
 * made of them. Nothing is ever deleted: an entry whose record was later written is marked resolved
 * ({@code resolvedAt}, {@code recordUid}) and kept for audit. All statements are parameterised Cypher. Thread-safe.
 */
public final class QuarantineStore {
    /** Properties returned for an entry, in the shape {@link #entry(Record)} reads. */
    private static final String RETURN_ENTRY = """
            RETURN q.uid AS uid, q.source AS source, q.location AS location, q.reason AS reason, q.raw AS raw,
                   q.quarantinedAt AS quarantinedAt, q.resolvedAt AS resolvedAt, q.recordUid AS recordUid,
                   q.correctedRaw AS correctedRaw, q.replayedAt AS replayedAt""";
    private final Driver driver;

    /** @param driver the hub's driver */
    public QuarantineStore(Driver driver) {
        this.driver = Objects.requireNonNull(driver, "driver");
    }

    /**
     * One quarantine entry.
     *
     * @param uid           its id ({@code <source>:<64 hex>}, see {@link Quarantined#uid()})
     * @param source        the source id
     * @param location      where the record was read, e.g. {@code hukou_registry.csv line 17}, or the file name for
     *                      a file rejected whole
     * @param reason        why it was refused (the latest reason, after a replay that still failed)
     * @param raw           the raw values as read, a JSON object
     * @param quarantinedAt when it was first quarantined (null on entries written before the field existed)
     * @param resolvedAt    when a replay wrote it, or null while it is unresolved
     * @param recordUid     the {@code SourceRecord} uid it was written as, or null
     * @param correctedRaw  the corrected raw values last replayed (a JSON object), or null if none were given
     * @param replayedAt    when it was last replayed, or null
     */
    public record Entry(String uid, String source, String location, String reason, String raw,
                        ZonedDateTime quarantinedAt, ZonedDateTime resolvedAt, String recordUid, String correctedRaw,
                        ZonedDateTime replayedAt) {
        /** @return whether a replay has written this record */
        public boolean resolved() {
            return resolvedAt != null;
        }
    }

    /**
     * Entries in source order, then by location (so {@code line 9} comes before {@code line 10}).
     *
     * @param source          only this source id, or null for all
     * @param includeResolved also resolved entries (for audit); otherwise only unresolved ones
     * @param limit           at most this many; 0 or less for all
     * @return the entries
     */
    public List<Entry> list(String source, boolean includeResolved, int limit) {
        Map<String, Object> params = new HashMap<>();
        params.put("source", source);
        params.put("all", includeResolved);
        params.put("limit", limit <= 0 ? Long.MAX_VALUE : limit);
        try (var session = driver.session()) {
            return session.executeRead(tx -> tx.run("""
                    MATCH (q:QuarantinedRecord)
                    WHERE ($source IS NULL OR q.source = $source) AND ($all OR q.resolvedAt IS NULL)
                    WITH q ORDER BY q.source, size(q.location), q.location LIMIT $limit
                    """ + RETURN_ENTRY, params).list(QuarantineStore::entry));
        }
    }

    /**
     * Finds one entry by its id or a unique prefix of it (as {@code hub quarantine list} prints it).
     *
     * @param idOrPrefix a full uid or the start of one, at least 3 characters
     * @return the entry, or empty if none matches
     * @throws IllegalArgumentException if the prefix is shorter than 3 characters or matches several entries
     *                                  (the message lists up to 5 of them)
     */
    public Optional<Entry> find(String idOrPrefix) {
        if (idOrPrefix == null || idOrPrefix.strip().length() < 3) {
            throw new IllegalArgumentException("give a quarantine id (or at least its first 3 characters), was '" + idOrPrefix + "'");
        }
        try (var session = driver.session()) {
            List<Entry> found = session.executeRead(tx -> tx.run("""
                    MATCH (q:QuarantinedRecord) WHERE q.uid = $id OR q.uid STARTS WITH $id
                    WITH q ORDER BY q.uid = $id DESC, q.uid LIMIT 6
                    """ + RETURN_ENTRY, Map.of("id", idOrPrefix.strip())).list(QuarantineStore::entry));
            if (found.isEmpty() || found.getFirst().uid().equals(idOrPrefix.strip())) {
                return found.stream().findFirst();
            }
            if (found.size() > 1) {
                throw new IllegalArgumentException("'" + idOrPrefix + "' matches several quarantine entries, e.g. "
                        + found.stream().limit(5).map(Entry::uid).toList() + "; give more of the id");
            }
            return Optional.of(found.getFirst());
        }
    }

    /**
     * What a replay wrote for one entry.
     *
     * @param uid          the entry's uid
     * @param recordUid    the uid of the {@code SourceRecord} written for it, or null when a whole file was re-read
     * @param correctedRaw the corrected values replayed (a JSON object), or null if the stored raw values were replayed
     */
    public record Resolution(String uid, String recordUid, String correctedRaw) {
    }

    /**
     * What a replay that still failed found for one entry.
     *
     * @param uid          the entry's uid
     * @param reason       why the record is still refused
     * @param correctedRaw the corrected values replayed (a JSON object), or null if the stored raw values were replayed
     */
    public record Refusal(String uid, String reason, String correctedRaw) {
    }

    /**
     * Marks entries resolved after their records were written: sets {@code resolvedAt} and {@code replayedAt} to
     * now, {@code recordUid}, and {@code correctedRaw} if corrected values were used. The entries are kept. One
     * transaction.
     *
     * @param resolutions what was written for which entry
     * @return how many entries were found and marked
     */
    public long markResolved(List<Resolution> resolutions) {
        List<Map<String, Object>> rows = resolutions.stream().map(r -> row("uid", r.uid(), "recordUid", r.recordUid(),
                "corrected", r.correctedRaw())).toList();
        return update("""
                UNWIND $rows AS row MATCH (q:QuarantinedRecord {uid: row.uid})
                SET q.resolvedAt = datetime(), q.replayedAt = datetime(), q.recordUid = row.recordUid,
                    q.correctedRaw = coalesce(row.corrected, q.correctedRaw)
                RETURN count(q) AS n""", rows);
    }

    /**
     * Records replays that still failed: the entries stay unresolved with their new reasons. One transaction.
     *
     * @param refusals the new reason for each entry
     * @return how many entries were found and updated
     */
    public long stillInvalid(List<Refusal> refusals) {
        List<Map<String, Object>> rows = refusals.stream().map(r -> row("uid", r.uid(), "reason", r.reason(),
                "corrected", r.correctedRaw())).toList();
        return update("""
                UNWIND $rows AS row MATCH (q:QuarantinedRecord {uid: row.uid})
                SET q.reason = row.reason, q.replayedAt = datetime(), q.correctedRaw = coalesce(row.corrected, q.correctedRaw)
                RETURN count(q) AS n""", rows);
    }

    /**
     * @return the ids of every source that has written records or has quarantine entries, sorted
     */
    public List<String> knownSources() {
        try (var session = driver.session()) {
            return session.executeRead(tx -> tx.run("""
                    CALL () { MATCH (r:SourceRecord) RETURN DISTINCT r.source AS s
                              UNION MATCH (q:QuarantinedRecord) RETURN DISTINCT q.source AS s }
                    RETURN s ORDER BY s""").list(r -> r.get("s").asString()));
        }
    }

    private long update(String cypher, List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        try (var session = driver.session()) {
            return session.executeWrite(tx -> tx.run(cypher, Map.of("rows", rows)).single().get("n").asLong());
        }
    }

    /** A parameter row; unlike {@link Map#of}, null values are allowed. */
    private static Map<String, Object> row(String k1, Object v1, String k2, Object v2, String k3, Object v3) {
        Map<String, Object> m = new HashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        m.put(k3, v3);
        return m;
    }

    private static Entry entry(Record r) {
        return new Entry(r.get("uid").asString(), r.get("source").asString(), r.get("location").asString(),
                r.get("reason").asString(), r.get("raw").asString(null), time(r.get("quarantinedAt")),
                time(r.get("resolvedAt")), r.get("recordUid").asString(null), r.get("correctedRaw").asString(null),
                time(r.get("replayedAt")));
    }

    private static ZonedDateTime time(Value v) {
        return v.isNull() ? null : v.asZonedDateTime();
    }
}

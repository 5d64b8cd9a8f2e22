package org.jiedao.hub.routes.notices;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;

/**
 * The notice outbox's store in Neo4j: one {@code ServiceNotice} node per resident and service, keyed
 * {@code <service>|<ID number>} under a uniqueness constraint, so a notice is created once and never again, whatever
 * process or restart asks for it. A node carries its id (a random UUID, the idempotency key), text, status
 * ({@code PENDING}, {@code SENT}, {@code SKIPPED}, {@code FAILED}), attempts, the last error and the next attempt's time.
 * Thread-safe (every method is one transaction).
 */
public final class NoticeLedger {
    private final Driver driver;

    /**
     * @param driver the hub's driver
     */
    public NoticeLedger(Driver driver) {
        this.driver = Objects.requireNonNull(driver, "driver");
    }

    /** Creates the constraints (once; idempotent). */
    public void ensureSchema() {
        try (Session s = driver.session()) {
            s.run("CREATE CONSTRAINT service_notice_key IF NOT EXISTS FOR (n:ServiceNotice) REQUIRE n.key IS UNIQUE").consume();
            s.run("CREATE CONSTRAINT service_notice_id IF NOT EXISTS FOR (n:ServiceNotice) REQUIRE n.id IS UNIQUE").consume();
        }
    }

    /**
     * Creates the notices that do not exist yet; an existing notice of the same resident and service (in any status)
     * is left as it is.
     *
     * @param requests the notices wanted
     * @param now      the creation time
     * @return how many were created
     */
    public int enqueue(List<NoticeRequest> requests, Instant now) {
        if (requests.isEmpty()) {
            return 0;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (NoticeRequest r : requests) {
            Map<String, Object> row = new HashMap<>();
            row.put("key", r.service() + "|" + r.idNumber());
            row.put("id", UUID.randomUUID().toString());
            row.put("service", r.service());
            row.put("idNumber", r.idNumber());
            row.put("name", r.name());
            row.put("phone", r.phone());
            row.put("text", r.text());
            rows.add(row);
        }
        try (Session s = driver.session()) {
            return s.executeWrite(tx -> tx.run("""
                    UNWIND $rows AS row
                    MERGE (n:ServiceNotice {key: row.key})
                    ON CREATE SET n.id = row.id, n.service = row.service, n.idNumber = row.idNumber, n.name = row.name,
                                  n.phone = row.phone, n.text = row.text, n.status = 'PENDING', n.attempts = 0,
                                  n.createdAt = $now, n.nextAttemptAt = $now, n.created = true
                    WITH n WHERE n.created
                    REMOVE n.created
                    RETURN count(n) AS created""", Map.of("rows", rows, "now", now.atOffset(ZoneOffset.UTC))).single().get("created").asInt());
        }
    }

    /**
     * @param now   the time
     * @param limit the most notices returned
     * @return pending notices whose next attempt is due, oldest first
     */
    public List<Notice> due(Instant now, int limit) {
        try (Session s = driver.session()) {
            return s.executeRead(tx -> tx.run("""
                    MATCH (n:ServiceNotice {status: 'PENDING'}) WHERE n.nextAttemptAt <= $now
                    RETURN n ORDER BY n.createdAt, n.key LIMIT $limit""",
                    Map.of("now", now.atOffset(ZoneOffset.UTC), "limit", limit)).list(NoticeLedger::notice));
        }
    }

    /**
     * @param service a service code, or null for all
     * @return notices of the service (all when null), by key
     */
    public List<Notice> all(String service) {
        Map<String, Object> p = new HashMap<>();
        p.put("service", service);
        try (Session s = driver.session()) {
            return s.executeRead(tx -> tx.run("""
                    MATCH (n:ServiceNotice) WHERE $service IS NULL OR n.service = $service
                    RETURN n ORDER BY n.key""", p).list(NoticeLedger::notice));
        }
    }

    /** @return per service, the number of notices in each status */
    public Map<String, Map<String, Long>> counts() {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        try (Session s = driver.session()) {
            s.executeRead(tx -> tx.run("""
                    MATCH (n:ServiceNotice) RETURN n.service AS service, n.status AS status, count(*) AS n
                    ORDER BY service, status""").list()).forEach(r -> out.computeIfAbsent(r.get("service").asString(),
                    k -> new LinkedHashMap<>()).put(r.get("status").asString(), r.get("n").asLong()));
        }
        return out;
    }

    /**
     * @param notice a notice
     * @return whether its resident has opted out of notices about its service ({@code NoticeOptOut} in the graph)
     */
    public boolean optedOut(Notice notice) {
        try (Session s = driver.session()) {
            return s.executeRead(tx -> tx.run("""
                    RETURN EXISTS { MATCH (:Person {idNumber: $id})<-[:OPTED_OUT_BY]-(:NoticeOptOut)-[:OPT_OUT_OF]->(:PublicService {code: $service}) } AS out""",
                    Map.of("id", notice.idNumber(), "service", notice.service())).single().get("out").asBoolean());
        }
    }

    /** Marks a pending notice sent. */
    void markSent(String id, Instant at) {
        set(id, "SET n.status = 'SENT', n.sentAt = $at, n.lastError = null", Map.of("at", at.atOffset(ZoneOffset.UTC)));
    }

    /** Marks a pending notice skipped: its resident opted out before it was sent. */
    void markSkipped(String id, Instant at) {
        set(id, "SET n.status = 'SKIPPED', n.skippedAt = $at, n.lastError = 'opted out'", Map.of("at", at.atOffset(ZoneOffset.UTC)));
    }

    /** Counts a failed attempt, sets the next one, or marks the notice FAILED. */
    void markFailed(String id, String error, Instant next, boolean last) {
        set(id, "SET n.attempts = n.attempts + 1, n.lastError = $error, n.nextAttemptAt = $next, n.status = CASE WHEN $last THEN 'FAILED' ELSE n.status END",
                Map.of("error", error, "next", next.atOffset(ZoneOffset.UTC), "last", last));
    }

    private void set(String id, String clause, Map<String, Object> params) {
        Map<String, Object> p = new HashMap<>(params);
        p.put("id", id);
        try (Session s = driver.session()) {
            s.executeWrite(tx -> tx.run("MATCH (n:ServiceNotice {id: $id, status: 'PENDING'}) " + clause, p).consume());
        }
    }

    private static Notice notice(Record r) {
        Value n = r.get("n");
        return new Notice(n.get("id").asString(), n.get("service").asString(), n.get("idNumber").asString(),
                n.get("name").isNull() ? null : n.get("name").asString(), n.get("phone").isNull() ? null : n.get("phone").asString(),
                n.get("text").asString(), n.get("status").asString(), n.get("attempts").asLong(),
                n.get("createdAt").asZonedDateTime().toInstant());
    }
}

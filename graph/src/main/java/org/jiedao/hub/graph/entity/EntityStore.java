package org.jiedao.hub.graph.entity;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.PropertyDef;
import org.jiedao.hub.ontology.assertion.EntityIds;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;

/**
 * The record/entity model in Neo4j (DESIGN.md decision 2) for one resolved node type (one with an entity key, such
 * as Person): reading an entity's record links, re-deriving its values by {@link Survivorship}, merging one entity
 * into another and splitting a record off an entity. Each write method is one managed transaction: it lands whole or
 * not at all.
 *
 * <p>A merge moves the merged entity's record links and domain relationships (their {@code sources} lists joined)
 * onto the surviving entity, re-derives its values and deletes the merged node. A split creates a new entity for the
 * record, moves the record's link to it, gives it every relationship that record asserted (removing the record from
 * the old relationship's {@code sources}, and the relationship when no record asserts it any more), and re-derives
 * both entities. Relationship types are moved with Cypher's dynamic types ({@code $(type)}, Neo4j 5.26+).
 */
public final class EntityStore {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EntityStore.class);
    private static final String ASSERTED = "asserted.";
    private static final String UNRESOLVED = org.jiedao.hub.graph.write.RecordWriter.UNRESOLVED;

    private final Driver driver;
    private final NodeType type;
    private final Survivorship survivorship;
    private final Map<String, String> follows;

    /**
     * @param driver       the hub's driver
     * @param type         the resolved type, e.g. Person
     * @param survivorship how the values of a merged or split entity are chosen
     * @param derivations  derived property to the property it is computed from (the ontology's
     *                     {@code derivations(type)} by name): a derived value follows its base's winning record
     * @throws IllegalArgumentException if the type has no entity key
     */
    public EntityStore(Driver driver, NodeType type, Survivorship survivorship, Map<String, String> derivations) {
        if (!type.resolved()) {
            throw new IllegalArgumentException(type.label() + " has no entity key (hub:entityKey): it is not resolved");
        }
        this.driver = driver;
        this.type = type;
        Map<String, String> f = new HashMap<>(derivations);
        f.putAll(survivorship.follows());
        this.survivorship = new Survivorship(survivorship.sourcePriority(), survivorship.defaults(),
                survivorship.perProperty(), f);
        this.follows = Map.copyOf(f);
    }

    /** @return the resolved type */
    public NodeType type() {
        return type;
    }

    private String label() {
        return type.label();
    }

    private String idName() {
        return type.entityKey().name();
    }

    private String keyName() {
        return type.key().name();
    }

    /**
     * Gives every node of the type that lacks one an entity id (nodes written before entity resolution, or by the
     * bulk loader): derived from the node's first record link when it has one, else random.
     *
     * @return the number of nodes given an id
     */
    public int ensureEntityIds() {
        String cypher = """
                MATCH (e:%1$s) WHERE e.%2$s IS NULL
                OPTIONAL CALL (e) { MATCH (r:SourceRecord)-[:RESOLVES_TO|MENTIONS]->(e) RETURN r.uid AS uid ORDER BY uid LIMIT 1 }
                WITH e, uid LIMIT 10000
                SET e.%2$s = CASE WHEN uid IS NULL THEN 'e-' + randomUUID() ELSE $prefix + uid END
                RETURN count(e) AS n""".formatted(label(), idName());
        int total = 0;
        while (true) {
            int n;
            try (var session = driver.session()) {
                // a hashed id would need the alias, which old links lack; the uid-based one is only for old nodes
                n = session.executeWrite(tx -> tx.run(cypher, Map.of("prefix", "e-legacy-")).single().get("n").asInt());
            }
            total += n;
            if (n < 10000) {
                return total;
            }
        }
    }

    /**
     * @param entityId an entity id
     * @return the entity's values, property name to value; empty if there is no such entity
     */
    public Optional<Map<String, Object>> properties(String entityId) {
        try (var session = driver.session()) {
            return session.executeRead(tx -> {
                var rs = tx.run("MATCH (e:%s {%s: $id}) RETURN properties(e) AS p".formatted(label(), idName()), Map.of("id", entityId));
                return rs.hasNext() ? Optional.of(rs.next().get("p").asMap()) : Optional.empty();
            });
        }
    }

    /**
     * The entity a record resolves to or mentions (of this type).
     *
     * @param recordUid a record uid
     * @return the entity ids it links to, in id order (a record may mention two persons, e.g. owner and caller)
     */
    public List<String> entitiesOf(String recordUid) {
        try (var session = driver.session()) {
            return session.executeRead(tx -> tx.run("""
                    MATCH (:SourceRecord {uid: $uid})-[:RESOLVES_TO|MENTIONS]->(e:%s)
                    RETURN DISTINCT e.%s AS id ORDER BY id""".formatted(label(), idName()), Map.of("uid", recordUid))
                    .list(r -> r.get("id").asString(null)));
        }
    }

    /**
     * @param entityId an entity id
     * @return the entity's record links, by record uid
     */
    public List<RecordLink> records(String entityId) {
        try (var session = driver.session()) {
            return session.executeRead(tx -> links(tx, entityId));
        }
    }

    private List<RecordLink> links(TransactionContext tx, String entityId) {
        return tx.run("""
                MATCH (rec:SourceRecord)-[l:RESOLVES_TO|MENTIONS]->(:%s {%s: $id})
                RETURN rec.uid AS uid, rec.source AS source, rec.location AS location, rec.ingestedAt AS at,
                       type(l) AS type, properties(l) AS link
                ORDER BY uid""".formatted(label(), idName()), Map.of("id", entityId)).list(EntityStore::link);
    }

    private static RecordLink link(Record r) {
        Map<String, Object> l = r.get("link").asMap();
        Map<String, Object> asserted = new LinkedHashMap<>();
        l.forEach((k, v) -> {
            if (k.startsWith(ASSERTED)) {
                asserted.put(k.substring(ASSERTED.length()), v);
            }
        });
        return new RecordLink(r.get("uid").asString(), r.get("source").asString(null), r.get("location").asString(null),
                instant(r.get("at")), r.get("type").asString(), (String) l.get("alias"), (String) l.get("rule"),
                l.get("score") instanceof Number n ? n.doubleValue() : null, instant(l.get("decidedAt")),
                (String) l.get("evidence"), asserted);
    }

    private static Instant instant(Object v) {
        if (v instanceof Value value) {
            return value.isNull() ? null : instant(value.asObject());
        }
        return switch (v) {
            case ZonedDateTime z -> z.toInstant();
            case java.time.OffsetDateTime o -> o.toInstant();
            case java.time.LocalDateTime t -> t.toInstant(java.time.ZoneOffset.UTC);
            case null, default -> null;
        };
    }

    /**
     * How a link was decided, to be written on the record links a merge moves.
     *
     * @param rule     the rule (see {@link RecordLink#rule()})
     * @param score    the match weight in bits, or null
     * @param evidence the evidence JSON, or null
     */
    public record LinkDecision(String rule, Double score, String evidence) {
    }

    /**
     * Merges one entity into another.
     *
     * @param from     the entity to merge (deleted)
     * @param into     the entity that survives, keeping its id
     * @param decision written on the moved record links
     * @throws EntityNotFoundException           if either entity does not exist
     * @throws ConflictingIdentifiersException   if both hold a key (ID number) and they differ; nothing is written
     * @throws IllegalArgumentException          if {@code from} holds a key and {@code into} does not (merge the other
     *                                           way round) or both are the same entity
     */
    public void merge(String from, String into, LinkDecision decision) {
        if (from.equals(into)) {
            throw new IllegalArgumentException("cannot merge entity " + from + " into itself");
        }
        try (var session = driver.session()) {
            session.executeWriteWithoutResult(tx -> {
                Map<String, Object> f = node(tx, from);
                Map<String, Object> t = node(tx, into);
                Object fk = f.get(keyName());
                Object tk = t.get(keyName());
                if (fk != null && tk != null && !fk.equals(tk)) {
                    LOG.warn("entity resolution: merge of {} into {} refused: different {}", from, into, keyName());
                    throw new ConflictingIdentifiersException(from, into, keyName());
                }
                if (fk != null && tk == null) {
                    throw new IllegalArgumentException("entity " + from + " has a " + keyName() + " and " + into
                            + " has none: merge " + into + " into " + from + " instead");
                }
                Map<String, Object> p = new HashMap<>();
                p.put("from", from);
                p.put("into", into);
                p.put("rule", decision.rule());
                p.put("score", decision.score());
                p.put("evidence", decision.evidence());
                tx.run("""
                        MATCH (f:%1$s {%2$s: $from}), (t:%1$s {%2$s: $into})
                        CALL (f, t) {
                          MATCH (rec:SourceRecord)-[l:RESOLVES_TO|MENTIONS]->(f)
                          WITH rec, l, t, type(l) AS ty, properties(l) AS ps
                          CREATE (rec)-[l2:$(ty)]->(t)
                          SET l2 = ps, l2.rule = $rule, l2.score = $score, l2.evidence = $evidence, l2.decidedAt = datetime.transaction()
                          DELETE l
                        }
                        CALL (f, t) {
                          MATCH (f)-[r]->(x) WHERE NOT x:SourceRecord AND x <> t
                          WITH r, x, t, type(r) AS ty, properties(r) AS ps
                          MERGE (t)-[r2:$(ty)]->(x)
                          WITH r, r2, ps, coalesce(r2.sources, []) AS had
                          SET r2 += ps
                          SET r2.sources = had + [s IN coalesce(ps.sources, []) WHERE NOT s IN had]
                          DELETE r
                        }
                        CALL (f, t) {
                          MATCH (x)-[r]->(f) WHERE NOT x:SourceRecord AND x <> t
                          WITH r, x, t, type(r) AS ty, properties(r) AS ps
                          MERGE (x)-[r2:$(ty)]->(t)
                          WITH r, r2, ps, coalesce(r2.sources, []) AS had
                          SET r2 += ps
                          SET r2.sources = had + [s IN coalesce(ps.sources, []) WHERE NOT s IN had]
                          DELETE r
                        }
                        DETACH DELETE f""".formatted(label(), idName()), p).consume();
                derive(tx, into);
            });
        }
        LOG.info("entity resolution: merged {} into {} ({})", from, into, decision.rule());
    }

    /**
     * Splits a record off its entity into a new entity of its own.
     *
     * @param recordUid the record to split off
     * @param entityId  the entity it is linked to now
     * @param rule      the rule to write on the record's new link, e.g. {@code manual:unmerge}
     * @return the new entity's id ({@link EntityIds#split(String)}, so stable for the record)
     * @throws EntityNotFoundException  if the record is not linked to that entity
     * @throws IllegalArgumentException if the record carries the entity's key (its ID number decides: it cannot be
     *                                  split off) or is the entity's only record
     */
    public String split(String recordUid, String entityId, String rule) {
        String newId = EntityIds.split(recordUid);
        try (var session = driver.session()) {
            session.executeWriteWithoutResult(tx -> {
                Map<String, Object> e = node(tx, entityId);
                List<RecordLink> links = links(tx, entityId);
                RecordLink l = links.stream().filter(x -> x.recordUid().equals(recordUid)).findFirst()
                        .orElseThrow(() -> new EntityNotFoundException("record " + recordUid + " linked to entity " + entityId));
                Object key = e.get(keyName());
                if (key != null && key.equals(l.asserted().get(keyName()))) {
                    throw new IllegalArgumentException("record " + recordUid + " carries the entity's " + keyName()
                            + ": it is the same person by that identifier and cannot be split off");
                }
                if (links.stream().map(RecordLink::recordUid).distinct().count() == 1) {
                    throw new IllegalArgumentException("record " + recordUid + " is the only record of entity "
                            + entityId + ": nothing to split");
                }
                tx.run("""
                        MATCH (rec:SourceRecord {uid: $uid})-[l:RESOLVES_TO|MENTIONS]->(e:%1$s {%2$s: $id})
                        MERGE (n:%1$s {%2$s: $newId})
                        SET n.resolvedAt = datetime()
                        WITH rec, l, e, n, type(l) AS ty, properties(l) AS ps
                        CREATE (rec)-[l2:$(ty)]->(n)
                        SET l2 = ps, l2.rule = $rule, l2.score = null, l2.evidence = null, l2.decidedAt = datetime.transaction()
                        DELETE l
                        WITH DISTINCT e, n
                        CALL (e, n) {
                          MATCH (e)-[r]->(x) WHERE NOT x:SourceRecord AND $uid IN coalesce(r.sources, [])
                          WITH r, x, n, type(r) AS ty, properties(r) AS ps
                          MERGE (n)-[r2:$(ty)]->(x)
                          SET r2 += ps, r2.sources = [$uid]
                          WITH r
                          SET r.sources = [s IN r.sources WHERE s <> $uid]
                          WITH r WHERE size(r.sources) = 0
                          DELETE r
                        }
                        CALL (e, n) {
                          MATCH (x)-[r]->(e) WHERE NOT x:SourceRecord AND $uid IN coalesce(r.sources, [])
                          WITH r, x, n, type(r) AS ty, properties(r) AS ps
                          MERGE (x)-[r2:$(ty)]->(n)
                          SET r2 += ps, r2.sources = [$uid]
                          WITH r
                          SET r.sources = [s IN r.sources WHERE s <> $uid]
                          WITH r WHERE size(r.sources) = 0
                          DELETE r
                        }""".formatted(label(), idName()),
                        Map.of("uid", recordUid, "id", entityId, "newId", newId, "rule", rule)).consume();
                derive(tx, entityId);
                derive(tx, newId);
            });
        }
        LOG.info("entity resolution: split record {} off {} into {}", recordUid, entityId, newId);
        return newId;
    }

    /**
     * Re-derives an entity's values from its record links by survivorship.
     *
     * @param entityId an entity id
     * @throws EntityNotFoundException if there is no such entity
     */
    public void derive(String entityId) {
        try (var session = driver.session()) {
            session.executeWriteWithoutResult(tx -> {
                node(tx, entityId);
                derive(tx, entityId);
            });
        }
    }

    /**
     * Sets the survivors. The key and entity id are never changed; values no record asserts any more are removed,
     * unless some link predates asserted values (then values are only set, never removed). Sets {@code derivedAt} to
     * the time of the write: with the records' {@code ingestedAt} and the links' {@code decidedAt}, it is the change
     * information the data exchange's change feeds read (a merge or an unmerge changes an entity's values without
     * writing a record).
     */
    private void derive(TransactionContext tx, String entityId) {
        List<RecordLink> links = links(tx, entityId);
        List<Survivorship.Assertion> assertions = links.stream().filter(l -> l.alias() != null)
                .map(l -> new Survivorship.Assertion(l.recordUid(), l.source(), l.ingestedAt(), l.asserted())).toList();
        if (assertions.isEmpty()) {
            return;
        }
        Map<String, Object> set = new HashMap<>();
        survivorship.choose(assertions).forEach((name, chosen) -> set.put(name, chosen.value()));
        set.remove(keyName());
        set.remove(idName());
        if (assertions.size() == links.size()) {
            for (PropertyDef p : type.properties()) {
                if (!p.equals(type.key()) && !p.equals(type.entityKey()) && !set.containsKey(p.name())) {
                    set.put(p.name(), null); // SET += with null removes it
                }
            }
        }
        tx.run("MATCH (e:%s {%s: $id}) SET e += $set, e.derivedAt = datetime.transaction()".formatted(label(), idName()),
                Map.of("id", entityId, "set", set)).consume();
    }

    private Map<String, Object> node(TransactionContext tx, String entityId) {
        var rs = tx.run("MATCH (e:%s {%s: $id}) RETURN properties(e) AS p".formatted(label(), idName()), Map.of("id", entityId));
        if (!rs.hasNext()) {
            throw new EntityNotFoundException(label() + " entity " + entityId);
        }
        return rs.next().get("p").asMap();
    }

    /**
     * The entities not resolved yet: provisional ones (no key) that entity resolution has not decided.
     *
     * @param limit at most this many
     * @return their ids, in id order
     */
    public List<String> pending(int limit) {
        try (var session = driver.session()) {
            return session.executeRead(tx -> tx.run("""
                    MATCH (e:%1$s:%4$s) WHERE e.%2$s IS NULL AND e.%3$s IS NOT NULL
                    RETURN e.%3$s AS id ORDER BY id LIMIT $limit""".formatted(label(), keyName(), idName(), UNRESOLVED),
                    Map.of("limit", limit)).list(r -> r.get("id").asString()));
        }
    }

    /** @return the number of nodes of the type (from Neo4j's count store: constant time) */
    public long count() {
        try (var session = driver.session()) {
            return session.executeRead(tx -> tx.run("MATCH (e:%s) RETURN count(e) AS n".formatted(label())).single().get("n").asLong());
        }
    }

    /**
     * The entities without a key that matched nothing when they were resolved ({@code rule new}, label
     * {@value #UNMATCHED}): a person who arrives later may be theirs, so they are compared again when the type's
     * nodes change.
     *
     * @param limit at most this many
     * @return their ids, in id order
     */
    public List<String> unmatched(int limit) {
        try (var session = driver.session()) {
            return session.executeRead(tx -> tx.run("""
                    MATCH (e:%1$s:%2$s) WHERE e.%3$s IS NULL
                    RETURN e.%4$s AS id ORDER BY id LIMIT $limit""".formatted(label(), UNMATCHED, keyName(), idName()),
                    Map.of("limit", limit)).list(r -> r.get("id").asString()));
        }
    }

    /** The label of an entity without a key that matched no known one when it was resolved. */
    public static final String UNMATCHED = "Unmatched";

    /**
     * Marks an entity decided and sets the rule of its undecided ({@code provisional}) record links.
     *
     * @param entityId the entity
     * @param rule     e.g. {@code new}
     */
    public void markResolved(String entityId, String rule) {
        try (var session = driver.session()) {
            session.executeWriteWithoutResult(tx -> tx.run("""
                    MATCH (e:%s {%s: $id}) SET e.resolvedAt = datetime() REMOVE e:%s
                    FOREACH (x IN CASE WHEN $rule = 'new' THEN [1] ELSE [] END | SET e:%s)
                    WITH e MATCH (:SourceRecord)-[l:RESOLVES_TO|MENTIONS]->(e) WHERE l.rule = 'provisional'
                    SET l.rule = $rule, l.decidedAt = datetime.transaction()""".formatted(label(), idName(), UNRESOLVED, UNMATCHED),
                    Map.of("id", entityId, "rule", rule)).consume());
        }
    }

    /**
     * Makes every decided entity without a key pending again, so that the next run resolves it anew (its links were
     * decided by weights; clerks' remembered decisions still win).
     *
     * @return the number of entities reopened
     */
    public int reopen() {
        try (var session = driver.session()) {
            return session.executeWrite(tx -> tx.run("""
                    MATCH (e:%s) WHERE e.%s IS NULL AND NOT e:%s
                    SET e:%s REMOVE e.resolvedAt, e:%s RETURN count(e) AS n""".formatted(label(), keyName(), UNRESOLVED, UNRESOLVED, UNMATCHED))
                    .single().get("n").asInt());
        }
    }

    /** @return the derived-value links this store applies (derived or configured property to its leader) */
    Map<String, String> follows() {
        return follows;
    }

    static List<String> names(List<RecordLink> links) {
        List<String> out = new ArrayList<>();
        links.forEach(l -> out.add(l.recordUid()));
        return out;
    }
}

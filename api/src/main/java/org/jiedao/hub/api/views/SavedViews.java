package org.jiedao.hub.api.views;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;

/**
 * The graph browser's saved views (issue 9; docs/graphql/views.md), stored in Neo4j as operational data beside the
 * notice outbox and the exchange ledger: one {@code (:SavedView {owner, name, state, savedAt})} node per user and name.
 * {@code SavedView} is not an ontology label (like {@code ServiceNotice}, {@code Delivery}, {@code Agreement}): it is
 * never part of the derived GraphQL schema, the RDF export or search. {@code owner} is the authenticated principal's
 * id ({@link org.jiedao.hub.api.access.Principal#id()}); every method takes it, and no method reads or changes another
 * owner's node. A composite uniqueness constraint {@value #CONSTRAINT} on {@code (owner, name)} makes two hubs sharing
 * the graph (DESIGN.md, "Scale") keep one view per name; it is created on first use.
 *
 * <p>Every method blocks (one transaction of the driver) and must not run on a Vert.x event loop. Validation of
 * names and states is the caller's ({@link ViewFields}); the store enforces only {@link #MAX_VIEWS_PER_OWNER}.
 * Thread-safe.
 */
public final class SavedViews {
    /** The node label of a saved view. */
    public static final String LABEL = "SavedView";
    /** The uniqueness constraint on {@code (owner, name)}. */
    public static final String CONSTRAINT = "SavedView_owner_name";
    /** The most views one owner may keep. */
    public static final int MAX_VIEWS_PER_OWNER = 100;

    /**
     * A saved view as stored.
     *
     * @param name    its name, trimmed
     * @param state   the explorer's JSON text, as it was given
     * @param savedAt when it was last saved
     */
    public record View(String name, String state, Instant savedAt) {
    }

    /** A new view would exceed {@link #MAX_VIEWS_PER_OWNER}; the message is user-facing. */
    public static final class TooManyViewsException extends RuntimeException {
        TooManyViewsException(int count) {
            super("you have %d saved views, the most one user may keep; delete one, or save under an existing name to replace it"
                    .formatted(count), null, false, false);
        }
    }

    private final Driver driver;
    private final Clock clock;
    private volatile boolean schemaReady;

    /**
     * @param driver the hub's driver (not closed by this store)
     * @param clock  the time {@code savedAt} is taken from
     */
    public SavedViews(Driver driver, Clock clock) {
        this.driver = Objects.requireNonNull(driver, "driver");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Creates the constraint {@value #CONSTRAINT} if it does not exist (idempotent; once per store). */
    public void ensureSchema() {
        if (schemaReady) {
            return;
        }
        try (Session s = driver.session()) {
            s.run("CREATE CONSTRAINT " + CONSTRAINT + " IF NOT EXISTS FOR (v:" + LABEL + ") REQUIRE (v.owner, v.name) IS UNIQUE").consume();
        }
        schemaReady = true;
    }

    /**
     * @param owner the principal's id
     * @return the owner's views, newest first (by {@code savedAt}, then by name)
     */
    public List<View> list(String owner) {
        ensureSchema();
        try (Session s = driver.session()) {
            return s.executeRead(tx -> tx.run("MATCH (v:" + LABEL + " {owner: $owner}) RETURN v.name AS name, v.state AS state, "
                    + "v.savedAt AS savedAt ORDER BY v.savedAt DESC, v.name", Map.of("owner", owner)).list(SavedViews::view));
        }
    }

    /**
     * @param owner the principal's id
     * @param name  the view's name, trimmed
     * @return the owner's view of that name, if any
     */
    public Optional<View> get(String owner, String name) {
        ensureSchema();
        try (Session s = driver.session()) {
            return s.executeRead(tx -> tx.run("MATCH (v:" + LABEL + " {owner: $owner, name: $name}) RETURN v.name AS name, "
                    + "v.state AS state, v.savedAt AS savedAt", Map.of("owner", owner, "name", name)).list(SavedViews::view))
                    .stream().findFirst();
        }
    }

    /**
     * Creates the owner's view of that name, or replaces its state; {@code savedAt} becomes now. The count is checked in
     * the same transaction as the write; two first saves of one owner at the very same moment may both pass it.
     *
     * @param owner the principal's id
     * @param name  the view's name, trimmed
     * @param state the explorer's JSON text
     * @return the view as stored
     * @throws TooManyViewsException if the name is new and the owner already has {@link #MAX_VIEWS_PER_OWNER} views
     */
    public View save(String owner, String name, String state) {
        ensureSchema();
        Instant now = clock.instant();
        try (Session s = driver.session()) {
            return s.executeWrite(tx -> {
                Record r = tx.run("OPTIONAL MATCH (v:" + LABEL + " {owner: $owner}) RETURN count(v) AS n, "
                        + "count(CASE WHEN v.name = $name THEN 1 END) AS same", Map.of("owner", owner, "name", name)).single();
                int n = r.get("n").asInt();
                if (r.get("same").asInt() == 0 && n >= MAX_VIEWS_PER_OWNER) {
                    throw new TooManyViewsException(n);
                }
                return view(tx.run("MERGE (v:" + LABEL + " {owner: $owner, name: $name}) SET v.state = $state, v.savedAt = $now "
                        + "RETURN v.name AS name, v.state AS state, v.savedAt AS savedAt",
                        Map.of("owner", owner, "name", name, "state", state, "now", now.atZone(ZoneOffset.UTC))).single());
            });
        }
    }

    /**
     * @param owner the principal's id
     * @param name  the view's name, trimmed
     * @return whether the owner had a view of that name (it is gone now)
     */
    public boolean delete(String owner, String name) {
        ensureSchema();
        try (Session s = driver.session()) {
            return s.executeWrite(tx -> tx.run("MATCH (v:" + LABEL + " {owner: $owner, name: $name}) DELETE v RETURN count(*) AS n",
                    Map.of("owner", owner, "name", name)).single().get("n").asInt() > 0);
        }
    }

    private static View view(Record r) {
        ZonedDateTime at = r.get("savedAt").asZonedDateTime();
        return new View(r.get("name").asString(), r.get("state").asString(), at.toInstant());
    }
}

package org.jiedao.hub.graph.ops;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.neo4j.driver.Driver;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hub's operational model (DESIGN.md: "Spring Data Neo4j serves the hub's own operational model"): declared
 * {@link Source}s with their JDBC watermark, and one {@link IngestionRun} per unit read. Each method is one
 * transaction of SDN's {@code Neo4jTransactionManager}. Labels, keys and property names are the ontology's, so the
 * uniqueness constraints of {@code GraphSchema} ({@code Source_id_key}, {@code IngestionRun_id_key}) back them; all
 * writes MERGE on the key, so two hubs registering the same source make one node.
 *
 * <p>Create with {@link #create(Driver)}, which starts a small Spring context on the given driver; {@link #close()}
 * stops the context and leaves the driver open. Thread-safe.
 */
public final class Operations implements AutoCloseable {
    private final AnnotationConfigApplicationContext context;
    private final SourceRepository sources;
    private final IngestionRunRepository runs;
    private final TransactionTemplate tx;
    private final Clock clock;

    private Operations(AnnotationConfigApplicationContext context, Clock clock) {
        this.context = context;
        this.sources = context.getBean(SourceRepository.class);
        this.runs = context.getBean(IngestionRunRepository.class);
        this.tx = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        this.clock = clock;
    }

    /**
     * @param driver the hub's driver (stays open when this is closed)
     * @return the operational model on that driver's default database
     * @throws org.springframework.beans.BeansException if the Spring context cannot start
     */
    public static Operations create(Driver driver) {
        Objects.requireNonNull(driver, "driver");
        AnnotationConfigApplicationContext ctx = new AnnotationConfigApplicationContext();
        ctx.registerBean(OpsConfig.DriverHolder.class, () -> new OpsConfig.DriverHolder(driver));
        ctx.register(OpsConfig.class);
        try {
            ctx.refresh();
        } catch (RuntimeException e) {
            ctx.close();
            throw e;
        }
        return new Operations(ctx, Clock.systemUTC());
    }

    /**
     * Creates or updates a source (name, kind, department); its watermark and runs are kept.
     *
     * @param id             source id
     * @param name           display name; the id if null or blank
     * @param kind           kind code ({@code file}, {@code jdbc}, ...)
     * @param departmentName department named in the definition, or null
     * @return the stored source
     * @throws org.springframework.dao.DataAccessException if Neo4j refuses the write
     */
    public Source registerSource(String id, String name, String kind, String departmentName) {
        String shown = name == null || name.isBlank() ? id : name;
        return tx.execute(status -> {
            Source s = sources.findById(id).orElseGet(() -> new Source(id, shown, kind, departmentName));
            s.describe(shown, kind, departmentName);
            return sources.save(s);
        });
    }

    /** @return every registered source, by id */
    public List<Source> sources() {
        return sources.findAll().stream().sorted(Comparator.comparing(Source::id)).toList();
    }

    /**
     * @param id source id
     * @return the source, if registered
     */
    public Optional<Source> source(String id) {
        return sources.findById(id);
    }

    /**
     * Records the start of a run.
     *
     * @param sourceId a registered source's id
     * @param unit     what is read: a file name, a poll and its cursor
     * @return the new run's id
     * @throws IllegalArgumentException if the source is not registered
     */
    public String startRun(String sourceId, String unit) {
        String id = UUID.randomUUID().toString();
        Long made = tx.execute(status -> runs.start(id, sourceId, unit, now()));
        if (made == null || made == 0) {
            throw new IllegalArgumentException("source '" + sourceId + "' is not registered in the operational model");
        }
        return id;
    }

    /**
     * Records the end of a run: its counts and, if it failed as a whole, the error.
     *
     * @param runId  the id {@link #startRun} gave
     * @param counts records read, written, unchanged, quarantined
     * @param error  the error that failed the run, or null
     * @throws IllegalArgumentException if there is no such run
     */
    public void finishRun(String runId, RunCounts counts, String error) {
        Long done = tx.execute(status -> runs.finish(runId, now(), counts.read(), counts.written(), counts.unchanged(),
                counts.quarantined(), error));
        if (done == null || done == 0) {
            throw new IllegalArgumentException("no ingestion run " + runId);
        }
    }

    /**
     * @param sourceId source id
     * @param limit    at most this many
     * @return the source's latest runs, newest first
     */
    public List<IngestionRun> runs(String sourceId, int limit) {
        List<IngestionRun> found = new ArrayList<>(tx.execute(status -> runs.latestOf(sourceId, limit)));
        found.sort(Comparator.comparing(IngestionRun::startedAt).reversed());
        return found;
    }

    /** @return the latest run of each registered source that has one, by source id */
    public List<IngestionRun> lastRuns() {
        return sources().stream().flatMap(s -> runs(s.id(), 1).stream()).toList();
    }

    /**
     * @param sourceId source id
     * @return the stored watermark (opaque text written by the routes), empty before the first committed poll or
     *         for an unregistered source
     */
    public Optional<String> watermark(String sourceId) {
        return sources.findById(sourceId).map(Source::watermark);
    }

    /**
     * Stores a new watermark. Call only after the rows up to it have been committed to the graph.
     *
     * @param sourceId  a registered source's id
     * @param watermark the new cursor
     * @throws IllegalArgumentException if the source is not registered
     */
    public void advanceWatermark(String sourceId, String watermark) {
        Long n = tx.execute(status -> sources.setWatermark(sourceId, watermark));
        if (n == null || n == 0) {
            throw new IllegalArgumentException("source '" + sourceId + "' is not registered in the operational model");
        }
    }

    private Instant now() {
        return clock.instant();
    }

    /** Stops the Spring context; the driver stays open. */
    @Override
    public void close() {
        context.close();
    }
}

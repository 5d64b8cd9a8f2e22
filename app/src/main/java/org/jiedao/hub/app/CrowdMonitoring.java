package org.jiedao.hub.app;

import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jiedao.hub.analytics.CrowdMonitor;
import org.neo4j.driver.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running hub's crowd monitor and its schedule: {@link CrowdMonitor#evaluate} every {@code evaluateEvery} of
 * {@code config/crowd.yaml}, one run at a time, on a daemon thread; a failed run is logged and the next one closes
 * the buckets it left. No schedule when there are no zones or {@code evaluateEvery} is zero.
 */
final class CrowdMonitoring implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CrowdMonitoring.class);
    private final CrowdMonitor monitor;
    private final ScheduledExecutorService scheduler;

    private CrowdMonitoring(CrowdMonitor monitor, ScheduledExecutorService scheduler) {
        this.monitor = monitor;
        this.scheduler = scheduler;
    }

    /**
     * @param driver the hub's driver
     * @param config the configuration
     * @param sink   where alerts go
     * @return the monitor, prepared (constraints created) and scheduled
     */
    static CrowdMonitoring start(Driver driver, CrowdConfig config, CrowdMonitor.Sink sink) {
        CrowdMonitor monitor = new CrowdMonitor(driver, config.settings(), sink);
        monitor.prepare();
        if (config.settings().zones().isEmpty() || config.evaluateEvery().isZero()) {
            return new CrowdMonitoring(monitor, null);
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "crowd-monitor");
            t.setDaemon(true);
            return t;
        });
        long every = config.evaluateEvery().toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                monitor.evaluate(Instant.now());
            } catch (RuntimeException e) {
                LOG.warn("crowd-density run failed; the next run closes the buckets it left", e);
            }
        }, every, every, TimeUnit.MILLISECONDS);
        return new CrowdMonitoring(monitor, scheduler);
    }

    /** @return the monitor */
    CrowdMonitor monitor() {
        return monitor;
    }

    /** Stops the schedule. */
    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}

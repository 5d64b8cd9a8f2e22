package org.jiedao.hub.app;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Collection;

import org.jiedao.hub.routes.IntegrationRuntime;
import org.jiedao.hub.routes.SourceStats;

/** Prints ingestion progress once a second while the sources load, then a summary table per source. */
final class Progress {
    private final PrintStream out;

    Progress(PrintStream out) {
        this.out = out;
    }

    /**
     * @return true if every source caught up within the timeout
     */
    boolean follow(IntegrationRuntime routes, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean done = false;
        while (!done && System.nanoTime() < deadline) {
            done = routes.awaitInitialLoad(Duration.ofSeconds(1));
            StringBuilder line = new StringBuilder("\r  ingesting:");
            for (SourceStats s : routes.stats().values()) {
                line.append("  ").append(s.sourceId()).append(' ').append(s.read());
            }
            out.print(line);
            out.flush();
        }
        out.println();
        return done;
    }

    void summary(Collection<SourceStats> stats) {
        out.printf("  %-14s %8s %8s %10s %12s %8s%n", "source", "read", "written", "unchanged", "quarantined", "failed");
        for (SourceStats s : stats) {
            out.printf("  %-14s %8d %8d %10d %12d %8d%n", s.sourceId(), s.read(), s.written(), s.unchanged(),
                    s.quarantined(), s.failedUnits());
            if (s.lastFailure() != null) {
                out.println("    last failure: " + s.lastFailure());
            }
        }
    }
}

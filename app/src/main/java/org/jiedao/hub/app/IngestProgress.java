package org.jiedao.hub.app;

import java.io.PrintStream;
import java.util.Locale;

import org.jiedao.hub.routes.SourceStats;
import picocli.CommandLine.Help.Ansi;

/**
 * The progress display of {@code hub ingest}: on a terminal, one line redrawn in place with a bar of the files taken
 * in (or a spinner for polled and event sources), records read, written, unchanged, quarantined and the rate in
 * records per second; elsewhere (a pipe, a log file), a plain line every {@link #PLAIN_EVERY_NANOS} so logs stay
 * readable. Colours via picocli's ANSI support, off when not on a terminal.
 */
final class IngestProgress {
    /** How often the plain display prints a line: 2 s. */
    static final long PLAIN_EVERY_NANOS = 2_000_000_000L;
    private static final int BAR_WIDTH = 24;
    private static final String SPINNER = "|/-\\";
    private final PrintStream out;
    private final boolean terminal;
    private final long startedAt = System.nanoTime();
    private long lastPlainAt = System.nanoTime() - PLAIN_EVERY_NANOS;
    private int frame;

    /**
     * @param out      where to draw
     * @param terminal whether {@code out} is an interactive terminal (redraw in place, colours)
     */
    IngestProgress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** @return whether standard output is an interactive terminal (JDK 22+ {@code Console.isTerminal}) */
    static boolean stdoutIsTerminal() {
        return System.console() != null && System.console().isTerminal();
    }

    /**
     * Draws the current state.
     *
     * @param s          the source's counters
     * @param filesTotal files waiting when the run began (file sources), or -1 when unknown (polled or event sources)
     */
    void update(SourceStats s, int filesTotal) {
        if (terminal) {
            out.print("\r" + line(s, filesTotal) + "\u001B[K");
            out.flush();
        } else if (System.nanoTime() - lastPlainAt >= PLAIN_EVERY_NANOS) {
            lastPlainAt = System.nanoTime();
            out.println(plain(s, filesTotal));
        }
    }

    /** Ends the display: the terminal line is kept as it is, and a line break follows it. */
    void finish(SourceStats s, int filesTotal) {
        if (terminal) {
            out.print("\r" + line(s, filesTotal) + "\u001B[K");
            out.println();
        } else {
            out.println(plain(s, filesTotal));
        }
    }

    /** Records read per second since the run began. */
    double rate(SourceStats s) {
        double seconds = Math.max(1e-3, (System.nanoTime() - startedAt) / 1e9);
        return s.read() / seconds;
    }

    /** The plain form: {@code hukou: 3/5 files, read 10000, written 9500, unchanged 0, quarantined 500, 4210 records/s, 12 s}. */
    String plain(SourceStats s, int filesTotal) {
        String units = filesTotal >= 0 ? done(s) + "/" + filesTotal + " files" : done(s) + " polls";
        return String.format(Locale.ROOT, "%s: %s, read %d, written %d, unchanged %d, quarantined %d, failed %d, %.0f records/s, %d s",
                s.sourceId(), units, s.read(), s.written(), s.unchanged(), s.quarantined(), s.failedUnits(), rate(s), elapsedSeconds());
    }

    private String line(SourceStats s, int filesTotal) {
        String bar;
        if (filesTotal > 0) {
            int filled = (int) Math.min(BAR_WIDTH, Math.round(BAR_WIDTH * (double) done(s) / filesTotal));
            bar = "[" + "█".repeat(filled) + "░".repeat(BAR_WIDTH - filled) + "] " + done(s) + "/" + filesTotal + " files";
        } else {
            bar = "[" + SPINNER.charAt(frame++ % SPINNER.length()) + "] " + done(s) + (filesTotal == 0 ? " files" : " polls");
        }
        String quarantined = s.quarantined() == 0 ? "quarantined 0" : "@|yellow quarantined " + s.quarantined() + "|@";
        String failed = s.failedUnits() == 0 ? "" : "  @|red,bold failed " + s.failedUnits() + "|@";
        return Ansi.AUTO.string(String.format(Locale.ROOT, "%s %s  read %,d  written %,d  unchanged %,d  %s%s  %,.0f rec/s  %d s",
                s.sourceId(), bar, s.read(), s.written(), s.unchanged(), quarantined, failed, rate(s), elapsedSeconds()));
    }

    private static int done(SourceStats s) {
        return s.completedUnits() + s.failedUnits();
    }

    private long elapsedSeconds() {
        return (System.nanoTime() - startedAt) / 1_000_000_000L;
    }
}

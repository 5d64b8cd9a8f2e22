package org.jiedao.hub.graph.server;

import java.io.Serial;
import java.util.List;
import java.util.OptionalInt;

/**
 * The Neo4j server process could not be started: it exited, timed out or could not be launched before printing
 * its ready line. The message names the cause, the exit code when there is one, and the last lines the process
 * wrote (also available from {@link #logTail()}).
 */
public final class Neo4jStartException extends RuntimeException {

    /** Exit code the launcher uses when a port is already in use. */
    public static final int EXIT_PORT_IN_USE = 3;

    /** Serialization version. */
    @Serial
    private static final long serialVersionUID = 1L;

    /** Exit code of the process, or null if it did not exit. */
    private final Integer exitCode;
    /** Last lines of the process output, oldest first. */
    private final List<String> logTail;

    /**
     * Creates the exception.
     *
     * @param message  what went wrong (without the log tail; it is appended)
     * @param exitCode the process's exit code, or null if it did not exit (timeout, launch failure)
     * @param logTail  the last lines of the process's output, oldest first, possibly empty
     * @param cause    the underlying exception, or null
     */
    public Neo4jStartException(String message, Integer exitCode, List<String> logTail, Throwable cause) {
        super(message + (logTail.isEmpty() ? "" : "\n--- last " + logTail.size() + " lines of Neo4j output ---\n"
                + String.join("\n", logTail)), cause);
        this.exitCode = exitCode;
        this.logTail = List.copyOf(logTail);
    }

    /**
     * The exit code of the server process.
     *
     * @return the code if the process exited before it was ready, empty on timeout or launch failure
     */
    public OptionalInt exitCode() {
        return exitCode == null ? OptionalInt.empty() : OptionalInt.of(exitCode);
    }

    /**
     * Whether the process reported that the Bolt or HTTP port was in use (exit code {@value #EXIT_PORT_IN_USE}).
     *
     * @return true for a port conflict
     */
    public boolean portInUse() {
        return exitCode != null && exitCode == EXIT_PORT_IN_USE;
    }

    /**
     * The last lines (at most 30) the process wrote to stdout/stderr, oldest first.
     *
     * @return an unmodifiable list, possibly empty
     */
    public List<String> logTail() {
        return logTail;
    }
}

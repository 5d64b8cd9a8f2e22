package org.jiedao.hub.graph.server;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Neo4j community running in a child JVM started by this process (the hub's "embedded" default; DESIGN.md,
 * decision 1). This class links no Neo4j server code: it runs {@code java ... -cp <server classpath>
 * org.jiedao.hub.neo4jserver.Neo4jServerMain} with a {@link ProcessBuilder}, waits for its ready line and talks
 * to it only through the URIs it reports.
 *
 * <p>The server listens on 127.0.0.1 only and has authentication disabled. Its stdin is a pipe held by this
 * process: if this JVM dies, the pipe closes and the server shuts itself down. Its stdout and stderr are
 * appended to {@link Options#logFile()}; Neo4j's own {@code debug.log} is under {@code <dataDir>/logs}.
 *
 * <p>Thread-safe. {@link #stop()} is idempotent and also runs from a JVM shutdown hook.
 */
public final class EmbeddedNeo4j implements AutoCloseable {

    /** Main class of the {@code neo4j-server} module (referenced by name only; never loaded here). */
    public static final String MAIN_CLASS = "org.jiedao.hub.neo4jserver.Neo4jServerMain";
    /** Prefix of the line the server prints on stdout when the default database is available. */
    public static final String READY_PREFIX = "NEO4J READY ";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedNeo4j.class);
    private static final int TAIL_LINES = 30;
    private static final long LOG_ROTATE_BYTES = 10L * 1024 * 1024;
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    /** The launcher's message when a port given explicitly (not 0) is taken: retrying will not help. */
    private static final Pattern FIXED_PORT_BUSY = Pattern.compile("(bolt|http) port \\d+ on \\S+ is already in use");
    private static final Pattern READY = Pattern.compile(
            Pattern.quote(READY_PREFIX) + "(bolt://\\S+:\\d+) (http://\\S+:\\d+)\\s*");

    private final Options options;
    private final Process process;
    private final OutputPump pump;
    private final URI boltUri;
    private final URI httpUri;
    private final Duration startupTime;
    private final Thread shutdownHook;
    private boolean stopped;

    /**
     * Settings of an embedded server. Build one with {@link #builder(Path)}; null components of the canonical
     * constructor take their defaults.
     *
     * @param dataDir         Neo4j home: stores in {@code databases/} and {@code transactions/}, Neo4j logs in
     *                        {@code logs/}; created if missing. Required.
     * @param boltPort        Bolt port on 127.0.0.1, 0..65535; 0 lets the server pick a free port (default 7687)
     * @param httpPort        HTTP port (Neo4j Browser at {@code /browser/}), 0..65535; 0 = pick a free port
     *                        (default 7474)
     * @param javaHome        JDK or JRE (21+) that runs the server (default: this JVM's {@code java.home})
     * @param maxHeap         the server's {@code -Xmx}, digits with an optional k/m/g suffix (default
     *                        {@value #DEFAULT_MAX_HEAP})
     * @param pageCacheBytes  Neo4j page cache in bytes, &gt; 0 (default 64 MiB)
     * @param startTimeout    how long to wait for the ready line, &gt; 0 (default 120 s)
     * @param serverClasspath jars of the server; empty = {@link ServerClasspath#locate()} at start (default)
     * @param logFile         file the server's stdout/stderr are appended to (default
     *                        {@code <dataDir>/../neo4j.log}); rotated to {@code .1} at start when over 10 MiB
     * @param jvmArgs         extra JVM options for the server, appended after the built-in ones (default none)
     */
    public record Options(Path dataDir, int boltPort, int httpPort, Path javaHome, String maxHeap,
                          long pageCacheBytes, Duration startTimeout, List<Path> serverClasspath, Path logFile,
                          List<String> jvmArgs) {

        /** Default Bolt port. */
        public static final int DEFAULT_BOLT_PORT = 7687;
        /** Default HTTP port. */
        public static final int DEFAULT_HTTP_PORT = 7474;
        /** Default maximum heap of the server JVM. */
        public static final String DEFAULT_MAX_HEAP = "512m";
        /** Default page cache: 64 MiB. */
        public static final long DEFAULT_PAGE_CACHE_BYTES = 64L * 1024 * 1024;
        /** Default start timeout. */
        public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(120);

        private static final Pattern HEAP = Pattern.compile("\\d+[kKmMgG]?");

        /**
         * Validates and fills in defaults.
         *
         * @throws NullPointerException     if dataDir is null
         * @throws IllegalArgumentException if a port, the heap size, the page cache or the timeout is invalid
         */
        public Options {
            Objects.requireNonNull(dataDir, "dataDir");
            dataDir = dataDir.toAbsolutePath().normalize();
            checkPort("boltPort", boltPort);
            checkPort("httpPort", httpPort);
            if (boltPort != 0 && boltPort == httpPort) {
                throw new IllegalArgumentException("boltPort and httpPort must differ: " + boltPort);
            }
            javaHome = javaHome != null ? javaHome : Path.of(System.getProperty("java.home"));
            maxHeap = maxHeap != null ? maxHeap : DEFAULT_MAX_HEAP;
            if (!HEAP.matcher(maxHeap).matches()) {
                throw new IllegalArgumentException("maxHeap must look like 512m or 2g: " + maxHeap);
            }
            if (pageCacheBytes <= 0) {
                throw new IllegalArgumentException("pageCacheBytes must be positive: " + pageCacheBytes);
            }
            startTimeout = startTimeout != null ? startTimeout : DEFAULT_START_TIMEOUT;
            if (startTimeout.isNegative() || startTimeout.isZero()) {
                throw new IllegalArgumentException("startTimeout must be positive: " + startTimeout);
            }
            serverClasspath = serverClasspath != null ? List.copyOf(serverClasspath) : List.of();
            if (logFile == null) {
                Path parent = dataDir.getParent();
                logFile = (parent != null ? parent : dataDir).resolve("neo4j.log");
            }
            logFile = logFile.toAbsolutePath().normalize();
            jvmArgs = jvmArgs != null ? List.copyOf(jvmArgs) : List.of();
        }

        private static void checkPort(String name, int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(name + " out of range 0..65535: " + port);
            }
        }

        /**
         * Starts a builder with all defaults.
         *
         * @param dataDir the Neo4j home directory (see {@link #dataDir()})
         * @return a new builder
         */
        public static Builder builder(Path dataDir) {
            return new Builder(dataDir);
        }

        /**
         * Starts a builder holding these options.
         *
         * @return a new builder
         */
        public Builder toBuilder() {
            Builder b = new Builder(dataDir);
            b.boltPort = boltPort;
            b.httpPort = httpPort;
            b.javaHome = javaHome;
            b.maxHeap = maxHeap;
            b.pageCacheBytes = pageCacheBytes;
            b.startTimeout = startTimeout;
            b.serverClasspath = serverClasspath;
            b.logFile = logFile;
            b.jvmArgs = jvmArgs;
            return b;
        }

        /** Mutable builder of {@link Options}; each setter returns this builder. */
        public static final class Builder {
            private Path dataDir;
            private int boltPort = DEFAULT_BOLT_PORT;
            private int httpPort = DEFAULT_HTTP_PORT;
            private Path javaHome;
            private String maxHeap;
            private long pageCacheBytes = DEFAULT_PAGE_CACHE_BYTES;
            private Duration startTimeout;
            private List<Path> serverClasspath;
            private Path logFile;
            private List<String> jvmArgs;

            private Builder(Path dataDir) {
                this.dataDir = dataDir;
            }

            /**
             * Sets the Neo4j home directory.
             *
             * @param value Neo4j home directory
             * @return this builder
             */
            public Builder dataDir(Path value) {
                this.dataDir = value;
                return this;
            }

            /**
             * Sets the Bolt port.
             *
             * @param value Bolt port, 0 = any free port
             * @return this builder
             */
            public Builder boltPort(int value) {
                this.boltPort = value;
                return this;
            }

            /**
             * Sets the HTTP port.
             *
             * @param value HTTP port, 0 = any free port
             * @return this builder
             */
            public Builder httpPort(int value) {
                this.httpPort = value;
                return this;
            }

            /**
             * Sets the Java runtime that runs the server.
             *
             * @param value Java home that runs the server; null = this JVM's
             * @return this builder
             */
            public Builder javaHome(Path value) {
                this.javaHome = value;
                return this;
            }

            /**
             * Sets the server's maximum heap.
             *
             * @param value {@code -Xmx} value such as {@code 512m}; null = default
             * @return this builder
             */
            public Builder maxHeap(String value) {
                this.maxHeap = value;
                return this;
            }

            /**
             * Sets the page cache size.
             *
             * @param value page cache in bytes
             * @return this builder
             */
            public Builder pageCacheBytes(long value) {
                this.pageCacheBytes = value;
                return this;
            }

            /**
             * Sets the start timeout.
             *
             * @param value maximum wait for the ready line; null = default
             * @return this builder
             */
            public Builder startTimeout(Duration value) {
                this.startTimeout = value;
                return this;
            }

            /**
             * Sets the server's classpath.
             *
             * @param value server jars; null or empty = {@link ServerClasspath#locate()}
             * @return this builder
             */
            public Builder serverClasspath(List<Path> value) {
                this.serverClasspath = value;
                return this;
            }

            /**
             * Sets the file that receives the server output.
             *
             * @param value file for the server's output; null = {@code <dataDir>/../neo4j.log}
             * @return this builder
             */
            public Builder logFile(Path value) {
                this.logFile = value;
                return this;
            }

            /**
             * Sets extra JVM options.
             *
             * @param value extra JVM options for the server; null = none
             * @return this builder
             */
            public Builder jvmArgs(List<String> value) {
                this.jvmArgs = value;
                return this;
            }

            /**
             * Builds the options.
             *
             * @return the validated options
             * @throws NullPointerException     if no data directory was given
             * @throws IllegalArgumentException if a value is invalid (see {@link Options#Options})
             */
            public Options build() {
                return new Options(dataDir, boltPort, httpPort, javaHome, maxHeap, pageCacheBytes, startTimeout,
                        serverClasspath, logFile, jvmArgs);
            }
        }
    }

    private EmbeddedNeo4j(Options options, Process process, OutputPump pump, URI boltUri, URI httpUri,
                          Duration startupTime) {
        this.options = options;
        this.process = process;
        this.pump = pump;
        this.boltUri = boltUri;
        this.httpUri = httpUri;
        this.startupTime = startupTime;
        this.shutdownHook = new Thread(this::stopFromHook, "neo4j-stop-" + process.pid());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a Neo4j server process and waits until its default database is available. When a port is 0 and
     * the server loses the race for the port it picked, the start is retried (up to 3 attempts).
     *
     * @param options where and how to run it
     * @return the running server; stop it with {@link #stop()} (also done at JVM exit)
     * @throws IllegalStateException if the server classpath cannot be located (build {@code neo4j-server})
     * @throws Neo4jStartException   if the process cannot be launched, exits before it is ready (for instance
     *                               exit code 3: port in use; 1: store locked or corrupt) or is not ready within
     *                               {@link Options#startTimeout()}; the message carries the last 30 lines of
     *                               its output
     * @throws UncheckedIOException  if the data directory or log file cannot be created
     */
    public static EmbeddedNeo4j start(Options options) {
        Objects.requireNonNull(options, "options");
        List<Path> classpath = options.serverClasspath().isEmpty()
                ? ServerClasspath.locate() : options.serverClasspath();
        int attempts = options.boltPort() == 0 || options.httpPort() == 0 ? 3 : 1;
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(options, classpath);
            } catch (Neo4jStartException e) {
                boolean fixedPortBusy = e.logTail().stream().anyMatch(l -> FIXED_PORT_BUSY.matcher(l).find());
                if (!e.portInUse() || fixedPortBusy || attempt >= attempts) {
                    throw e;
                }
                LOG.warn("Neo4j lost the race for a free port, retrying ({}/{})", attempt + 1, attempts);
            }
        }
    }

    private static EmbeddedNeo4j startOnce(Options o, List<Path> classpath) {
        try {
            Files.createDirectories(o.dataDir());
            Files.createDirectories(o.logFile().getParent());
            if (Files.isRegularFile(o.logFile()) && Files.size(o.logFile()) > LOG_ROTATE_BYTES) {
                Path old = o.logFile().resolveSibling(o.logFile().getFileName() + ".1");
                Files.move(o.logFile(), old, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + o.dataDir() + " / " + o.logFile(), e);
        }
        List<String> command = command(o, classpath);
        long t0 = System.nanoTime();
        Writer log;
        try {
            log = Files.newBufferedWriter(o.logFile(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            log.write("=== " + OffsetDateTime.now() + " starting Neo4j: data " + o.dataDir() + ", bolt port "
                    + o.boltPort() + ", http port " + o.httpPort() + ", -Xmx" + o.maxHeap() + ", page cache "
                    + o.pageCacheBytes() + " bytes, java " + o.javaHome() + System.lineSeparator());
            log.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + o.logFile(), e);
        }
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(o.dataDir().toFile())
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
        } catch (IOException e) {
            closeQuietly(log);
            throw new Neo4jStartException("cannot launch " + command.getFirst() + ": " + e.getMessage(), null,
                    List.of(), e);
        }
        OutputPump pump = new OutputPump(process, log);
        Thread pumpThread = new Thread(pump, "neo4j-output-" + process.pid());
        pumpThread.setDaemon(true);
        pumpThread.start();
        pump.thread = pumpThread;

        String readyLine;
        try {
            readyLine = pump.ready.get(o.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            kill(process, pump);
            throw new Neo4jStartException("Neo4j (pid " + process.pid() + ") was not ready within "
                    + o.startTimeout().toSeconds() + " s; killed it. Full output in " + o.logFile(), null,
                    pump.tail(), null);
        } catch (ExecutionException e) {
            Integer code = null;
            try {
                if (process.waitFor(10, TimeUnit.SECONDS)) {
                    code = process.exitValue();
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            kill(process, pump);
            String why = code == null ? "closed its output" : "exited with code " + code;
            if (code != null && code == Neo4jStartException.EXIT_PORT_IN_USE) {
                why += " (port in use: bolt " + o.boltPort() + ", http " + o.httpPort()
                        + "; if a hub is already running, set NEO4J_URI=bolt://127.0.0.1:" + o.boltPort()
                        + " to use its Neo4j, or NEO4J_BOLT_PORT/NEO4J_HTTP_PORT to start another)";
            }
            throw new Neo4jStartException("Neo4j server process " + why + " before it was ready. Full output in "
                    + o.logFile(), code, pump.tail(), null);
        } catch (InterruptedException e) {
            kill(process, pump);
            Thread.currentThread().interrupt();
            throw new Neo4jStartException("interrupted while waiting for Neo4j to start", null, pump.tail(), e);
        }
        Matcher m = READY.matcher(readyLine);
        if (!m.matches()) {
            kill(process, pump);
            throw new Neo4jStartException("unexpected ready line from Neo4j: " + readyLine, null, pump.tail(), null);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        EmbeddedNeo4j server = new EmbeddedNeo4j(o, process, pump, URI.create(m.group(1)),
                URI.create(m.group(2) + "/"), took);
        LOG.info("Neo4j ready in {} ms: {} {} (pid {}, data {}, log {})", took.toMillis(), server.boltUri,
                server.httpUri, process.pid(), o.dataDir(), o.logFile());
        return server;
    }

    private static List<String> command(Options o, List<Path> classpath) {
        Path java = o.javaHome().resolve("bin")
                .resolve(File.separatorChar == '\\' ? "java.exe" : "java");
        if (!Files.isExecutable(java)) {
            throw new Neo4jStartException("no java executable at " + java + " (javaHome " + o.javaHome() + ")",
                    null, List.of(), null);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.add("-Xmx" + o.maxHeap());
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        cmd.add("-XX:-OmitStackTraceInFastThrow");
        cmd.add("-Djdk.nio.maxCachedBufferSize=1024");
        cmd.add("-Dio.netty.tryReflectionSetAccessible=true");
        cmd.add("-Dlog4j2.disable.jmx=true");
        cmd.add("-Dfile.encoding=UTF-8");
        cmd.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
        cmd.add("--add-opens=java.base/java.io=ALL-UNNAMED");
        cmd.add("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED");
        cmd.add("--enable-native-access=ALL-UNNAMED");
        if (javaFeatureVersion(o.javaHome()) >= 23) {
            cmd.add("--sun-misc-unsafe-memory-access=allow");
        }
        cmd.addAll(o.jvmArgs());
        cmd.add("-cp");
        cmd.add(String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()));
        cmd.add(MAIN_CLASS);
        cmd.addAll(List.of("--data-dir", o.dataDir().toString(),
                "--bolt-port", Integer.toString(o.boltPort()),
                "--http-port", Integer.toString(o.httpPort()),
                "--listen-address", "127.0.0.1",
                "--page-cache", Long.toString(o.pageCacheBytes())));
        return cmd;
    }

    /** Feature version of the Java runtime at javaHome, from its {@code release} file; 0 if unknown. */
    private static int javaFeatureVersion(Path javaHome) {
        if (javaHome.equals(Path.of(System.getProperty("java.home")))) {
            return Runtime.version().feature();
        }
        try {
            for (String line : Files.readAllLines(javaHome.resolve("release"), StandardCharsets.UTF_8)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(v.split("[.+-]")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Unknown: leave out flags that older runtimes would reject.
        }
        return 0;
    }

    /**
     * The Bolt URI to give the driver.
     *
     * @return for example {@code bolt://127.0.0.1:7687}
     */
    public URI boltUri() {
        return boltUri;
    }

    /**
     * The root of the server's HTTP interface, ending in a slash.
     *
     * @return for example {@code http://127.0.0.1:7474/}; the Browser is at {@code browser/} under it
     */
    public URI httpUri() {
        return httpUri;
    }

    /**
     * The Neo4j Browser, preset to connect without authentication.
     *
     * @return for example {@code http://127.0.0.1:7474/browser/?preselectAuthMethod=NO_AUTH}
     */
    public URI browserUri() {
        return httpUri.resolve("browser/?preselectAuthMethod=NO_AUTH");
    }

    /**
     * The options this server was started with.
     *
     * @return the options (with defaults filled in; ports as requested, possibly 0)
     */
    public Options options() {
        return options;
    }

    /**
     * Operating-system id of the server process.
     *
     * @return the pid
     */
    public long pid() {
        return process.pid();
    }

    /**
     * Whether the server process is still running.
     *
     * @return true until the process has exited
     */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Wall-clock time from launching the process to its ready line.
     *
     * @return the start duration
     */
    public Duration startupTime() {
        return startupTime;
    }

    /**
     * Stops the server: closes its stdin, sends it a termination signal (SIGTERM), waits up to 30 s for a clean
     * shutdown (about 1 s normally), then kills it. Idempotent; concurrent callers wait for the first one. Never
     * throws: a process that survives even the kill is logged as an error.
     */
    public void stop() {
        stop(true);
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    private void stopFromHook() {
        stop(false);
    }

    private synchronized void stop(boolean removeHook) {
        if (stopped) {
            return;
        }
        stopped = true;
        if (removeHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or about to; fine.
            }
        }
        long t0 = System.nanoTime();
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // Already closed: the process is gone or going.
        }
        // SIGTERM through the ProcessHandle: Process.destroy() would also close our end of the child's stdout and
        // lose its shutdown messages.
        process.toHandle().destroy();
        boolean interrupted = false;
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Neo4j (pid {}) did not stop within {} s; killing it", process.pid(),
                        STOP_GRACE.toSeconds());
                process.destroyForcibly();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    LOG.error("Neo4j (pid {}) is still running after a kill", process.pid());
                }
            }
            pump.thread.join(5_000);
        } catch (InterruptedException e) {
            interrupted = true;
            process.destroyForcibly();
        }
        LOG.info("Neo4j (pid {}) stopped in {} ms", process.pid(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void kill(Process process, OutputPump pump) {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // Going anyway.
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            if (pump.thread != null) {
                pump.thread.join(2_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Writer w) {
        try {
            w.close();
        } catch (IOException ignored) {
            // Nothing to do.
        }
    }

    @Override
    public String toString() {
        return "EmbeddedNeo4j[pid " + process.pid() + ", " + boltUri + ", " + httpUri + ", data "
                + options.dataDir() + "]";
    }

    /** Copies the child's output to the log file, keeps the last lines, and spots the ready line. */
    private static final class OutputPump implements Runnable {
        final CompletableFuture<String> ready = new CompletableFuture<>();
        private final Process process;
        private final Writer log;
        private final Deque<String> tail = new ArrayDeque<>(TAIL_LINES);
        volatile Thread thread;

        OutputPump(Process process, Writer log) {
            this.process = process;
            this.log = log;
        }

        @Override
        public void run() {
            boolean logOk = true;
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (tail) {
                        if (tail.size() == TAIL_LINES) {
                            tail.removeFirst();
                        }
                        tail.addLast(line);
                    }
                    if (logOk) {
                        try {
                            log.write(line);
                            log.write(System.lineSeparator());
                            log.flush();
                        } catch (IOException e) {
                            logOk = false; // Keep draining the pipe so the server never blocks on output.
                            LOG.warn("cannot write Neo4j output to its log file: {}", e.toString());
                        }
                    }
                    if (!ready.isDone() && line.startsWith(READY_PREFIX)) {
                        ready.complete(line.strip());
                    }
                }
            } catch (IOException e) {
                LOG.debug("Neo4j output stream ended: {}", e.toString());
            } finally {
                ready.completeExceptionally(new IllegalStateException("Neo4j output ended"));
                closeQuietly(log);
            }
        }

        List<String> tail() {
            synchronized (tail) {
                return List.copyOf(tail);
            }
        }
    }
}

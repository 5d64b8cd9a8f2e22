/*
 * Jiedao Hub :: neo4j-server
 * Copyright (C) 2026 the Jiedao Hub authors
 *
 * This program is free software: you can redistribute it and/or modify it under the terms of the GNU General
 * Public License as published by the Free Software Foundation, either version 3 of the License, or (at your
 * option) any later version. This program is distributed in the hope that it will be useful, but WITHOUT ANY
 * WARRANTY; without even the implied warranty of MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE. See the
 * GNU General Public License for more details: https://www.gnu.org/licenses/gpl-3.0.txt
 */
package org.jiedao.hub.neo4jserver;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.fleetmanagement.FleetManagementSettings;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;
import org.neo4j.server.configuration.ServerSettings;

/**
 * Runs Neo4j community in this JVM as a stand-alone server for the hub (DESIGN.md, decision 1: Neo4j is
 * always a separate process; the hub starts this class with {@code java -cp ... } and talks Bolt to it).
 *
 * <p>Command line (all flags optional):
 * <pre>
 *   --data-dir DIR           Neo4j home: stores under DIR/databases, DIR/transactions, logs under DIR/logs
 *                            (default ./data/neo4j)
 *   --bolt-port N            Bolt port, 0 = any free port (default 7687)
 *   --http-port N            HTTP port (Browser at /browser/), 0 = any free port (default 7474)
 *   --listen-address ADDR    address both connectors bind to; must be a loopback address (default 127.0.0.1)
 *   --page-cache BYTES       page cache size in bytes; suffix k, m or g for KiB, MiB, GiB (default 64m)
 *   --no-stdin-watch         keep running when stdin reaches EOF (for manual runs with stdin at /dev/null)
 * </pre>
 *
 * <p>Authentication is disabled, which is why only loopback listen addresses are accepted. When the default
 * database is available the launcher prints exactly one line on stdout,
 * {@code NEO4J READY bolt://HOST:PORT http://HOST:PORT}, with the ports actually bound; Neo4j's own log goes to
 * stderr. It stops cleanly on SIGTERM/SIGINT (shutdown hook) and when its stdin reaches end of file, so that it
 * does not outlive a parent that held the other end of the pipe.
 *
 * <p>Exit codes: {@code 0} normal shutdown, {@code 1} start failure, {@code 2} bad arguments or refused
 * configuration (non-loopback address), {@code 3} a port is already in use.
 */
public final class Neo4jServerMain {

    /** Prefix of the line printed on stdout once the default database is available. */
    public static final String READY_PREFIX = "NEO4J READY ";

    /** Exit code for an unexpected start failure. */
    public static final int EXIT_START_FAILED = 1;
    /** Exit code for invalid arguments or a refused configuration. */
    public static final int EXIT_USAGE = 2;
    /** Exit code when the Bolt or HTTP port is already in use. */
    public static final int EXIT_PORT_IN_USE = 3;

    private static final long MIB = 1024L * 1024L;

    private Neo4jServerMain() {
    }

    /**
     * Parsed command line.
     *
     * @param dataDir        Neo4j home directory (created if missing)
     * @param boltPort       Bolt port, 0..65535 (0 = any free port)
     * @param httpPort       HTTP port, 0..65535 (0 = any free port)
     * @param listenAddress  host name or IP literal both connectors bind to
     * @param pageCacheBytes page cache size in bytes, &gt; 0
     * @param watchStdin     whether end of file on stdin shuts the server down
     */
    public record Arguments(Path dataDir, int boltPort, int httpPort, String listenAddress, long pageCacheBytes,
                            boolean watchStdin) {

        /**
         * Parses the command line described on {@link Neo4jServerMain}.
         *
         * @param args the arguments of {@code main}
         * @return the parsed arguments, with defaults for absent flags
         * @throws IllegalArgumentException on an unknown flag, a missing value or a value out of range
         */
        public static Arguments parse(String[] args) {
            Path dataDir = Path.of("data", "neo4j");
            int bolt = 7687;
            int http = 7474;
            String listen = "127.0.0.1";
            long pageCache = 64 * MIB;
            boolean watchStdin = true;
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                String value = null;
                int eq = flag.indexOf('=');
                if (flag.startsWith("--") && eq > 0) {
                    value = flag.substring(eq + 1);
                    flag = flag.substring(0, eq);
                }
                if (flag.equals("--no-stdin-watch")) {
                    watchStdin = false;
                    continue;
                }
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("missing value for " + flag);
                    }
                    value = args[++i];
                }
                switch (flag) {
                    case "--data-dir" -> dataDir = Path.of(value);
                    case "--bolt-port" -> bolt = port(flag, value);
                    case "--http-port" -> http = port(flag, value);
                    case "--listen-address" -> listen = value.trim();
                    case "--page-cache" -> pageCache = bytes(flag, value);
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
            }
            if (bolt != 0 && bolt == http) {
                throw new IllegalArgumentException("--bolt-port and --http-port must differ (both " + bolt + ")");
            }
            return new Arguments(dataDir, bolt, http, listen, pageCache, watchStdin);
        }

        private static int port(String flag, String value) {
            int port;
            try {
                port = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " expects a port number, got '" + value + "'");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(flag + " out of range 0..65535: " + port);
            }
            return port;
        }

        private static long bytes(String flag, String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            long unit = 1;
            if (v.endsWith("k")) {
                unit = 1024L;
            } else if (v.endsWith("m")) {
                unit = MIB;
            } else if (v.endsWith("g")) {
                unit = 1024L * MIB;
            }
            if (unit != 1) {
                v = v.substring(0, v.length() - 1);
            }
            long n;
            try {
                n = Math.multiplyExact(Long.parseLong(v), unit);
            } catch (NumberFormatException | ArithmeticException e) {
                throw new IllegalArgumentException(flag + " expects a byte count (e.g. 67108864 or 64m), got '"
                        + value + "'");
            }
            if (n <= 0) {
                throw new IllegalArgumentException(flag + " must be positive: " + value);
            }
            return n;
        }
    }

    /**
     * Starts the server and returns once it is ready; the JVM then stays up on Neo4j's non-daemon threads
     * until a signal or end of file on stdin triggers {@link System#exit}.
     *
     * @param args see the class description
     */
    public static void main(String[] args) {
        // Our own handle on fd 2: Log4j (Neo4j's logging) may close the stream it is given, or System.err, when
        // it stops during shutdown, and the shutdown messages below must still reach the parent.
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        Arguments a;
        try {
            a = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("neo4j-server: " + e.getMessage());
            err.println("usage: Neo4jServerMain [--data-dir DIR] [--bolt-port N] [--http-port N]"
                    + " [--listen-address 127.0.0.1] [--page-cache BYTES] [--no-stdin-watch]");
            System.exit(EXIT_USAGE);
            return;
        }
        InetAddress listen;
        try {
            listen = InetAddress.getByName(a.listenAddress());
        } catch (UnknownHostException e) {
            err.println("neo4j-server: cannot resolve --listen-address " + a.listenAddress());
            System.exit(EXIT_USAGE);
            return;
        }
        if (!listen.isLoopbackAddress()) {
            err.println("neo4j-server: refusing to listen on " + a.listenAddress() + ": authentication is disabled"
                    + " in this launcher, so it only binds to a loopback address (e.g. 127.0.0.1). To serve other"
                    + " hosts run a regular Neo4j server with authentication and point the hub at it (NEO4J_URI).");
            System.exit(EXIT_USAGE);
            return;
        }
        String busy = firstBusyPort(listen, a);
        if (busy != null) {
            err.println("neo4j-server: " + busy);
            System.exit(EXIT_PORT_IN_USE);
            return;
        }

        AtomicReference<DatabaseManagementService> service = new AtomicReference<>();
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            DatabaseManagementService s = service.getAndSet(null);
            if (s != null) {
                err.println("neo4j-server: shutting down");
                try {
                    s.shutdown();
                    err.println("neo4j-server: stopped");
                } catch (RuntimeException e) {
                    err.println("neo4j-server: error during shutdown: " + e);
                }
            }
        }, "neo4j-server-shutdown"));
        if (a.watchStdin()) {
            startStdinWatch(err);
        }

        Path home = a.dataDir().toAbsolutePath().normalize();
        String host = listen.getHostAddress();
        String uriHost = host.contains(":") ? "[" + host + "]" : host;
        int bolt;
        int http;
        try {
            bolt = a.boltPort() != 0 ? a.boltPort() : freePort(listen, -1);
            http = a.httpPort() != 0 ? a.httpPort() : freePort(listen, bolt);
        } catch (IOException e) {
            err.println("neo4j-server: cannot find a free port on " + host + ": " + e.getMessage());
            System.exit(EXIT_PORT_IN_USE);
            return;
        }
        Log4jLogProvider userLog = new Log4jLogProvider(new FilterOutputStream(err) {
            @Override
            public void write(byte[] b, int off, int len) {
                err.write(b, off, len);
            }

            @Override
            public void close() {
                err.flush(); // never close fd 2
            }
        }, Level.INFO);
        GraphDatabaseService db;
        try {
            DatabaseManagementService s = new DatabaseManagementServiceBuilder(home)
                    .setConfig(GraphDatabaseSettings.data_directory, home)
                    .setConfig(GraphDatabaseSettings.logs_directory, home.resolve("logs"))
                    .setConfig(GraphDatabaseSettings.auth_enabled, false)
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, a.pageCacheBytes())
                    .setConfig(GraphDatabaseSettings.default_listen_address, new SocketAddress(host))
                    .setConfig(GraphDatabaseSettings.default_advertised_address, new SocketAddress(host))
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress(host, bolt))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress(host, bolt))
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    .setConfig(BoltConnector.enable_discovery, false)
                    .setConfig(HttpConnector.enabled, true)
                    .setConfig(HttpConnector.listen_address, new SocketAddress(host, http))
                    .setConfig(HttpConnector.advertised_address, new SocketAddress(host, http))
                    .setConfig(HttpsConnector.enabled, false)
                    // Netty waits this quiet period per event loop group on shutdown (default 5 s, twice); the
                    // databases are already checkpointed and closed by then, so a short one loses nothing.
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, Duration.ofMillis(200))
                    // Loopback only, no authentication: no phoning home, no proxy headers, and no cross-origin
                    // reads of the HTTP API from other web pages open in the analyst's browser.
                    .setConfig(FleetManagementSettings.fleet_manager_enabled, false)
                    .setConfig(ServerSettings.allow_telemetry, false)
                    .setConfig(ServerSettings.http_x_forward_enabled, false)
                    .setConfig(ServerSettings.http_access_control_allow_origin, "http://" + uriHost + ":" + http)
                    .setUserLogProvider(userLog)
                    .build();
            service.set(s);
            if (stopping.get()) {
                // A signal or stdin EOF arrived while building: the hook may have run already.
                s.shutdown();
                return;
            }
            db = s.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            while (!db.isAvailable(1_000)) {
                if (stopping.get()) {
                    return;
                }
            }
        } catch (Throwable e) {
            BindException bind = findCause(e, BindException.class);
            if (bind != null) {
                err.println("neo4j-server: cannot bind (bolt port " + bolt + ", http port " + http + " on " + host
                        + "): " + bind.getMessage() + " - is another Neo4j running?");
                halt(service, EXIT_PORT_IN_USE);
                return;
            }
            e.printStackTrace(err);
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            // Last, so that it is in the tail the parent reports.
            err.println("neo4j-server: failed to start Neo4j in " + home + ": " + e);
            if (root != e) {
                err.println("neo4j-server: root cause: " + root);
            }
            halt(service, EXIT_START_FAILED);
            return;
        }

        err.println("neo4j-server: Neo4j Browser at http://" + uriHost + ":" + http
                + "/browser/?preselectAuthMethod=NO_AUTH (data in " + home + ")");
        PrintStream out = System.out;
        out.println(READY_PREFIX + "bolt://" + uriHost + ":" + bolt + " http://" + uriHost + ":" + http);
        out.flush();
    }

    /** Returns a message naming the first configured port that cannot be bound, or null if both are free. */
    private static String firstBusyPort(InetAddress listen, Arguments a) {
        for (var entry : new Object[][] {{"bolt", a.boltPort()}, {"http", a.httpPort()}}) {
            int port = (Integer) entry[1];
            if (port == 0) {
                continue;
            }
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(new InetSocketAddress(listen, port));
            } catch (IOException e) {
                return entry[0] + " port " + port + " on " + listen.getHostAddress() + " is already in use ("
                        + e.getMessage() + "); stop the other process or choose another --" + entry[0] + "-port";
            }
        }
        return null;
    }

    /**
     * Picks a port that is free on {@code listen} now (port 0 asked the operating system). Neo4j binds it a few
     * seconds later; if another process takes it meanwhile the start fails with {@link #EXIT_PORT_IN_USE} and
     * the caller may simply retry.
     */
    private static int freePort(InetAddress listen, int avoid) throws IOException {
        for (int attempt = 0; attempt < 10; attempt++) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(false);
                probe.bind(new InetSocketAddress(listen, 0));
                if (probe.getLocalPort() != avoid) {
                    return probe.getLocalPort();
                }
            }
        }
        throw new IOException("no free port found");
    }

    /** Watches stdin on a daemon thread; end of file (the parent closed the pipe or died) stops the JVM. */
    private static void startStdinWatch(PrintStream err) {
        Thread watch = new Thread(() -> {
            InputStream in = System.in;
            byte[] buffer = new byte[256];
            try {
                while (in.read(buffer) >= 0) {
                    // Input is ignored: only end of file matters.
                }
                err.println("neo4j-server: stdin closed (parent gone), stopping");
            } catch (IOException e) {
                err.println("neo4j-server: stdin failed (" + e.getMessage() + "), stopping");
            }
            System.exit(0);
        }, "neo4j-server-stdin-watch");
        watch.setDaemon(true);
        watch.start();
    }

    private static void halt(AtomicReference<DatabaseManagementService> service, int code) {
        DatabaseManagementService s = service.getAndSet(null);
        if (s != null) {
            try {
                s.shutdown();
            } catch (RuntimeException ignored) {
                // Already failing; the exit code tells the parent.
            }
        }
        System.exit(code);
    }

    private static <T extends Throwable> T findCause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            for (Throwable s : t.getSuppressed()) {
                if (type.isInstance(s)) {
                    return type.cast(s);
                }
            }
        }
        return null;
    }
}

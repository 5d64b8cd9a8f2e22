package org.jiedao.hub.routes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.jiedao.hub.graph.testing.TestNeo4j;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

/**
 * A TCP relay in front of the test Neo4j's Bolt port that a test can shut (every connection is cut and new ones are
 * refused) and open again: the graph becoming unreachable and coming back, for real, without stopping the server.
 */
final class BoltGate implements AutoCloseable {
    private final ServerSocket server;
    private final int target;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean open;

    BoltGate(boolean open) throws IOException {
        this.open = open;
        this.target = TestNeo4j.boltUri().getPort();
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    /** A driver through the gate that gives up quickly (no long managed-transaction retries). */
    Driver driver() {
        return GraphDatabase.driver("bolt://127.0.0.1:" + server.getLocalPort(), AuthTokens.none(),
                Config.builder().withMaxTransactionRetryTime(200, TimeUnit.MILLISECONDS)
                        .withConnectionTimeout(2, TimeUnit.SECONDS)
                        .withConnectionAcquisitionTimeout(3, TimeUnit.SECONDS).build());
    }

    void open() {
        open = true;
    }

    void shut() {
        open = false;
        sockets.forEach(BoltGate::closeQuietly);
        sockets.clear();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (!open) {
                    closeQuietly(client);
                    continue;
                }
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                sockets.add(client);
                sockets.add(upstream);
                Thread.ofVirtual().start(() -> pump(client, upstream));
                Thread.ofVirtual().start(() -> pump(upstream, client));
            } catch (IOException e) {
                // server closed, or the target refused: the client sees a closed connection
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // connection cut
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    static Duration settle() {
        return Duration.ofMillis(300);
    }

    @Override
    public void close() throws IOException {
        shut();
        server.close();
    }
}

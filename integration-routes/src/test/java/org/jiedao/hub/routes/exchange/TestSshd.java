package org.jiedao.hub.routes.exchange;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A real OpenSSH server for the SFTP channel's tests: Debian's {@code /usr/sbin/sshd} in the foreground
 * ({@code -D -e}) with a config of its own in a temporary folder, listening on a free port of 127.0.0.1 only, with a
 * host key and a client key made by {@code ssh-keygen}, public-key login for the current user only, and the
 * {@code internal-sftp} subsystem. A missing sshd skips the test, except under CI=true, where it fails
 * ({@code scripts/services.sh} installs it there).
 */
final class TestSshd implements AutoCloseable {
    static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final Duration START = Duration.ofSeconds(20);

    private final Path dir;
    private final int port;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private Process process;

    private TestSshd(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /**
     * Makes the keys and the config in {@code dir} and starts sshd.
     *
     * @param dir an empty temporary folder
     * @return the running server
     * @throws Exception if ssh-keygen or sshd fail
     */
    static TestSshd start(Path dir) throws Exception {
        if (!Files.isExecutable(SSHD) || !Files.isExecutable(Path.of("/usr/bin/ssh-keygen"))) {
            String why = SSHD + " (Debian's openssh-server) is not installed";
            if ("true".equals(System.getenv("CI"))) {
                fail(why + " - under CI=true this is a failure, not a skip (scripts/services.sh installs it)");
            }
            Assumptions.abort("SKIPPED LOUDLY: " + why);
        }
        keygen(dir.resolve("host_ed25519"));
        keygen(dir.resolve("client_ed25519"));
        Files.copy(dir.resolve("client_ed25519.pub"), dir.resolve("authorized_keys"));
        Files.createDirectories(dir.resolve("upload"));
        Path privsep = Path.of("/run/sshd"); // sshd run as root wants its privilege-separation folder
        if ("root".equals(System.getProperty("user.name")) && !Files.isDirectory(privsep)) {
            Files.createDirectories(privsep, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        }
        for (int attempt = 1; ; attempt++) { // another process may take the free port before sshd binds it
            TestSshd sshd = new TestSshd(dir, freePort());
            Files.writeString(sshd.knownHosts(), "[127.0.0.1]:" + sshd.port + " " + Files.readString(dir.resolve("host_ed25519.pub")));
            try {
                sshd.start();
                return sshd;
            } catch (IllegalStateException e) {
                sshd.stop();
                if (attempt == 3 || sshd.log().stream().noneMatch(l -> l.contains("Address already in use"))) {
                    throw e;
                }
            }
        }
    }

    /**
     * Writes a copy of {@link #knownHosts()} with the host names hashed ({@code ssh-keygen -H}), as OpenSSH does with
     * {@code HashKnownHosts yes}.
     *
     * @param file where the copy goes
     * @throws Exception if ssh-keygen fails
     */
    void hashedKnownHosts(Path file) throws Exception {
        Files.copy(knownHosts(), file);
        run("ssh-keygen", "-q", "-H", "-f", file.toString());
        Files.deleteIfExists(Path.of(file + ".old"));
    }

    private static void keygen(Path file) throws Exception {
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "jiedao-test", "-f", file.toString());
    }

    /**
     * Makes a key pair that no server uses.
     *
     * @param file where the private key goes ({@code .pub} beside it)
     * @return the public key line
     * @throws Exception if ssh-keygen fails
     */
    static String otherKey(Path file) throws Exception {
        keygen(file);
        return Files.readString(Path.of(file + ".pub")).strip();
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * Starts sshd (again) on this server's port with its host key, and waits until it listens.
     *
     * @throws Exception if it exits or does not listen within 20 s
     */
    void start() throws Exception {
        Path config = dir.resolve("sshd_config");
        Files.writeString(config, """
                ListenAddress 127.0.0.1:%d
                HostKey %s
                PidFile none
                AuthorizedKeysFile %s
                AuthenticationMethods publickey
                PubkeyAuthentication yes
                PasswordAuthentication no
                KbdInteractiveAuthentication no
                UsePAM no
                PermitRootLogin prohibit-password
                AllowUsers %s
                StrictModes no
                X11Forwarding no
                AllowTcpForwarding no
                LogLevel VERBOSE
                Subsystem sftp internal-sftp
                """.formatted(port, dir.resolve("host_ed25519"), dir.resolve("authorized_keys"), user()));
        log.clear();
        process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true).start();
        Process p = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    log.add(line);
                }
            } catch (IOException e) {
                log.add("log reader: " + e);
            }
        }, "sshd-log");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + START.toNanos();
        while (log.stream().noneMatch(l -> l.contains("Server listening on 127.0.0.1 port " + port))) {
            if (!process.isAlive()) {
                throw new IllegalStateException("sshd exited with " + process.exitValue() + ": " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("sshd did not listen on port " + port + " within " + START + ": " + log);
            }
            Thread.sleep(20);
        }
    }

    /** Stops sshd (the listener and its sessions) and waits until it has exited. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    static String user() {
        return System.getProperty("user.name");
    }

    int port() {
        return port;
    }

    /** @return the folder the tests upload into */
    Path uploads() {
        return dir.resolve("upload");
    }

    /** @return the client's private key (its public half is authorised) */
    Path clientKey() {
        return dir.resolve("client_ed25519");
    }

    /** @return a known_hosts file with this server's host key for {@code [127.0.0.1]:<port>} */
    Path knownHosts() {
        return dir.resolve("known_hosts");
    }

    /** @return what sshd logged since it last started */
    List<String> log() {
        return List.copyOf(log);
    }
}

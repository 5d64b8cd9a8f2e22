package org.jiedao.hub.routes.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.sftp.SftpModuleProperties;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHFsyncExtension;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHPosixRenameExtension;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * The SFTP channel: uploads a delivery to a folder on the partner's SSH server (SFTP, RFC 4251-4254 with the SFTP
 * version 3 draft as OpenSSH serves it) with Apache MINA SSHD's client. It writes the same three files as the
 * {@link FileDropChannel}: the signature {@code <payload name>.jws}, the manifest {@code <payload name>.json} and,
 * last, the payload {@code <agreement>-<deliveryId>.<ext>}. Each is first written as {@code .<name>.part}, flushed
 * ({@code fsync@openssh.com} when the server offers it) and closed, and only then renamed into place
 * ({@code posix-rename@openssh.com}, an atomic {@code rename(2)} that replaces an existing file). A partner that
 * waits for the payload finds its signature and manifest already there; a partner that ignores dot-files never sees
 * a partial file.
 *
 * <p>The server's host key must be in the {@code knownHosts} file (OpenSSH {@code known_hosts} format, hashed names
 * allowed, {@code [host]:port} for a port other than 22). An unknown or changed key fails the attempt before anything
 * is uploaded; the file is never added to. The hub logs in with its private key only (no password, no agent, no
 * {@code ~/.ssh/config}).
 *
 * <p>Sending again is harmless: a file already in place with the same bytes (the same delivery sent before) is left
 * as it is; a different file under that name is replaced. The folder must exist: a missing folder, a refused
 * connection or login is the peer being down, and the outbox retries. A new connection is made for each delivery;
 * connecting, the key exchange and login, and each SFTP request are bounded ({@link #TIMEOUT}), and a connection
 * without traffic for {@link #IDLE} is closed.
 */
public final class SftpChannel implements DeliveryChannel {
    /** How long connecting, the key exchange plus login, and each SFTP request may take. */
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** How long a connection may go without traffic before the attempt fails. */
    static final Duration IDLE = Duration.ofMinutes(1);
    private static final int CHUNK = 32 * 1024;

    private final AgreementDefinition.Sftp settings;

    /** @param settings a checked agreement's {@code sftp} settings ({@link AgreementDefinitions}) */
    public SftpChannel(AgreementDefinition.Sftp settings) {
        this.settings = settings;
    }

    /**
     * Uploads the delivery's signature, manifest and payload, each under a temporary name renamed when complete.
     *
     * @param delivery what to send
     * @throws IOException if the server cannot be reached, its host key is not the known one, the login is refused,
     *                     the folder does not exist, or a write or rename fails; a failed file's temporary copy is
     *                     removed when the connection still allows it
     */
    @Override
    public void send(DeliveryPackage delivery) throws IOException {
        KeyPair key = loadKey(Path.of(settings.privateKey()));
        SshClient client = SshClient.setUpDefaultClient();
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        AtomicReference<String> refusedHostKey = new AtomicReference<>(); // this client's one session, if refused
        client.setServerKeyVerifier(strictVerifier(Path.of(settings.knownHosts()), refusedHostKey));
        CoreModuleProperties.IDLE_TIMEOUT.set(client, IDLE); // a server that stops answering fails the attempt
        SftpModuleProperties.SFTP_CHANNEL_OPEN_TIMEOUT.set(client, TIMEOUT);
        client.start();
        try (ClientSession session = connect(client, refusedHostKey)) {
            session.addPublicKeyIdentity(key);
            login(session, refusedHostKey);
            try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
                String dir = folder(sftp);
                place(sftp, dir, delivery.fileName() + ".jws", delivery.jws().getBytes(StandardCharsets.US_ASCII));
                place(sftp, dir, delivery.fileName() + ".json", delivery.manifest());
                place(sftp, dir, delivery.fileName(), delivery.payload());
            }
        } finally {
            client.stop();
        }
    }

    private String where() {
        return "sftp://" + settings.username() + "@" + settings.host() + ":" + settings.effectivePort();
    }

    private ClientSession connect(SshClient client, AtomicReference<String> refusedHostKey) throws IOException {
        try {
            return client.connect(settings.username(), settings.host(), settings.effectivePort())
                    .verify(TIMEOUT).getSession();
        } catch (IOException e) {
            if (refusedHostKey.get() != null) {
                throw new IOException(where() + ": host key refused, nothing sent: " + refusedHostKey.get(), e);
            }
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new IOException(where() + ": cannot connect: " + cause.getMessage() + " (" + cause.getClass().getSimpleName() + ")", e);
        }
    }

    private void login(ClientSession session, AtomicReference<String> refusedHostKey) throws IOException {
        try {
            session.auth().verify(TIMEOUT);
        } catch (IOException e) {
            String refused = refusedHostKey.get();
            if (refused != null) {
                throw new IOException(where() + ": host key refused, nothing sent: " + refused, e);
            }
            throw new IOException(where() + ": login refused or failed: " + e.getMessage(), e);
        }
        String refused = refusedHostKey.get();
        if (refused != null) { // not reached: MINA's key exchange stops at a refused key; kept as a guard
            throw new IOException(where() + ": host key refused, nothing sent: " + refused);
        }
    }

    private static ServerKeyVerifier strictVerifier(Path knownHosts, AtomicReference<String> refused) {
        ServerKeyVerifier unknown = (session, address, serverKey) -> refuse(refused, address, serverKey,
                "the server's key is not in " + knownHosts);
        KnownHostsServerKeyVerifier verifier = new KnownHostsServerKeyVerifier(unknown, knownHosts);
        verifier.setModifiedServerKeyAcceptor((session, address, entry, expected, actual) -> refuse(refused, address,
                actual, "the server's key differs from the one for it in " + knownHosts + " (" + fingerprint(expected) + ")"));
        return verifier;
    }

    private static boolean refuse(AtomicReference<String> refused, SocketAddress address, PublicKey serverKey, String why) {
        refused.set(address + " offered " + fingerprint(serverKey) + "; " + why
                + "; unknown or changed host keys are never accepted");
        return false;
    }

    private static String fingerprint(PublicKey key) {
        return KeyUtils.getKeyType(key) + " " + KeyUtils.getFingerPrint(key);
    }

    private String folder(SftpClient sftp) throws IOException {
        String dir = settings.directory();
        String path = dir.length() > 1 && dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
        try {
            SftpClient.Attributes a = sftp.stat(path);
            if (!a.isDirectory()) {
                throw new IOException(where() + ": " + path + " is not a folder");
            }
        } catch (SftpException e) {
            if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
                throw new IOException(where() + ": folder " + path + " does not exist", e);
            }
            throw new IOException(where() + ": cannot read folder " + path + ": " + e.getMessage(), e);
        }
        return path.equals("/") ? "" : path;
    }

    private void place(SftpClient sftp, String dir, String name, byte[] bytes) throws IOException {
        String target = dir + "/" + name;
        if (alreadyThere(sftp, target, bytes)) {
            return;
        }
        String part = dir + "/." + name + ".part";
        try {
            try (SftpClient.CloseableHandle h = sftp.open(part, EnumSet.of(SftpClient.OpenMode.Write,
                    SftpClient.OpenMode.Create, SftpClient.OpenMode.Truncate))) {
                for (int off = 0; off < bytes.length; off += CHUNK) {
                    sftp.write(h, off, bytes, off, Math.min(CHUNK, bytes.length - off));
                }
                OpenSSHFsyncExtension fsync = sftp.getExtension(OpenSSHFsyncExtension.class);
                if (fsync.isSupported()) {
                    fsync.fsync(h);
                }
            }
            if (sftp.stat(part).getSize() != bytes.length) {
                throw new IOException("the server holds " + sftp.stat(part).getSize() + " bytes of " + bytes.length);
            }
            OpenSSHPosixRenameExtension rename = sftp.getExtension(OpenSSHPosixRenameExtension.class);
            if (rename.isSupported()) {
                rename.posixRename(part, target);
            } else {
                sftp.rename(part, target, SftpClient.CopyMode.Overwrite, SftpClient.CopyMode.Atomic);
            }
        } catch (IOException e) {
            try {
                sftp.remove(part);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw new IOException(where() + ": cannot upload " + target + ": " + e.getMessage(), e);
        }
    }

    /** Whether the file is in place with exactly these bytes (a resend of a delivery that arrived). */
    private static boolean alreadyThere(SftpClient sftp, String target, byte[] bytes) throws IOException {
        SftpClient.Attributes a;
        try {
            a = sftp.stat(target);
        } catch (SftpException e) {
            if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
                return false;
            }
            throw e;
        }
        if (!a.isRegularFile() || a.getSize() != bytes.length) {
            return false;
        }
        try (InputStream in = sftp.read(target)) {
            return MessageDigest.isEqual(in.readAllBytes(), bytes);
        }
    }

    private static KeyPair loadKey(Path file) throws IOException {
        List<KeyPair> keys = new ArrayList<>();
        try {
            new FileKeyPairProvider(file).loadKeys(null).forEach(keys::add);
        } catch (RuntimeException e) {
            throw new IOException("cannot read the private key " + file + ": " + e.getMessage(), e);
        }
        if (keys.isEmpty()) {
            throw new IOException("no private key in " + file);
        }
        return keys.getFirst();
    }

    /**
     * Checks the hub's private key file for an SFTP agreement: it must exist, be readable by its owner only (as
     * OpenSSH's client requires), unencrypted, and hold a key MINA SSHD can use (RSA, ECDSA, Ed25519; OpenSSH or PEM
     * format).
     *
     * @param file the key file
     * @return what is wrong with it, or null if it is usable
     */
    public static String privateKeyProblem(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            return "file " + file + " does not exist or cannot be read";
        }
        try {
            if (Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
                if (perms.stream().anyMatch(p -> !p.name().startsWith("OWNER_"))) { // as OpenSSH's client refuses it
                    return file + " must be readable by its owner only (chmod 600), is " + PosixFilePermissions.toString(perms);
                }
            }
            loadKey(file);
            return null;
        } catch (IOException e) {
            return e.getMessage() + " (the key must be unencrypted, in OpenSSH or PEM format)";
        }
    }

    /**
     * Checks the known_hosts file of an SFTP agreement: it must exist, be readable in OpenSSH's format and have a
     * key for the server.
     *
     * @param file the known_hosts file
     * @param host the server's host name or address, as the agreement names it
     * @param port the server's port
     * @return what is wrong with it, or null if it has a key for the server
     */
    public static String knownHostsProblem(Path file, String host, int port) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            return "file " + file + " does not exist or cannot be read";
        }
        List<KnownHostEntry> entries;
        try {
            entries = KnownHostEntry.readKnownHostEntries(file);
        } catch (IOException | RuntimeException e) {
            return "cannot read " + file + " as an OpenSSH known_hosts file: " + e.getMessage();
        }
        if (entries == null || entries.stream().noneMatch(e -> e.isHostMatch(host, port))) {
            String name = port == 22 ? host : "[" + host + "]:" + port;
            return file + " has no host key for " + name + "; add the server's key (e.g. ssh-keyscan -p " + port + " "
                    + host + ", its fingerprint checked with the partner)";
        }
        return null;
    }
}

package org.jiedao.hub.api.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A 32-byte secret of the hub kept in a file under {@code <data>/secrets}: Base64 on one line, created with mode 600
 * (owner read/write only, its folder mode 700) on first use from {@link SecureRandom}. The audit key
 * ({@link AuditKey}) and the node reference key ({@code org.jiedao.hub.api.refs.NodeRefs}) are kept this way, each
 * in its own file, so that one never doubles as the other.
 */
public final class SecretFile {
    /** Bytes of a secret created here, and the fewest accepted when reading one. */
    public static final int BYTES = 32;

    private SecretFile() {
    }

    /**
     * Reads the secret, creating it first when the file does not exist. Creation is atomic (a hard link of a finished
     * temporary file), so two hub processes starting together on one data folder end with the same secret.
     *
     * @param file the secret file, e.g. {@code data/secrets/audit-hmac.key}
     * @param what what the secret is, for messages, e.g. {@code audit key}
     * @return its bytes (at least {@value #BYTES})
     * @throws UncheckedIOException if the file cannot be read or created, or does not hold at least {@value #BYTES}
     *                              bytes
     */
    public static byte[] loadOrCreate(Path file, String what) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the " + what + " " + file + ": " + e.getMessage(), e);
        }
        return read(file, what);
    }

    /**
     * Reads an existing secret (for commands that must not invent one).
     *
     * @param file the secret file
     * @param what what the secret is, for messages
     * @return its bytes (at least {@value #BYTES})
     * @throws UncheckedIOException if the file is missing, unreadable, not Base64 or too short
     */
    public static byte[] read(Path file, String what) {
        try {
            byte[] secret = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (secret.length < BYTES) {
                throw new IOException("the key holds " + secret.length + " bytes, fewer than " + BYTES);
            }
            return secret;
        } catch (IOException | IllegalArgumentException e) {
            throw new UncheckedIOException("cannot read the " + what + " " + file + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    private static void create(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
        byte[] secret = new byte[BYTES];
        new SecureRandom().nextBytes(secret);
        Path tmp = posix ? Files.createTempFile(dir, ".secret", ".tmp", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------"))) : Files.createTempFile(dir, ".secret", ".tmp");
        try {
            Files.writeString(tmp, Base64.getEncoder().encodeToString(secret) + "\n", StandardCharsets.US_ASCII);
            try {
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException e) {
                // another process created it first: use theirs
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}

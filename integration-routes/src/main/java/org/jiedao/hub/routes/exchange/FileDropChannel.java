package org.jiedao.hub.routes.exchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The file-drop channel: writes a delivery into the partner's drop folder as three files, each first under the
 * temporary name {@code .<name>.part} (flushed to disk) and then atomically renamed ({@code rename(2)}, same folder):
 * the payload {@code <agreement>-<deliveryId>.<ext>}, its detached signature {@code <payload name>.jws} and, last,
 * its manifest {@code <payload name>.json}. A partner that waits for the manifest never reads a partial delivery, and
 * a partner that ignores dot-files never sees a partial file. Sending again replaces the files with identical ones.
 *
 * <p>The folder must exist: a missing or read-only folder is the peer being down, and the outbox retries.
 */
public final class FileDropChannel implements DeliveryChannel {
    private final Path directory;

    /** @param directory the partner's drop folder */
    public FileDropChannel(Path directory) {
        this.directory = directory;
    }

    /**
     * @param delivery what to send
     * @throws IOException if the folder is missing or not writable, or the disk is full
     */
    @Override
    public void send(DeliveryPackage delivery) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IOException("drop folder " + directory + " does not exist");
        }
        place(delivery.fileName(), delivery.payload());
        place(delivery.fileName() + ".jws", delivery.jws().getBytes(StandardCharsets.US_ASCII));
        place(delivery.fileName() + ".json", delivery.manifest());
    }

    private void place(String name, byte[] bytes) throws IOException {
        Path part = directory.resolve("." + name + ".part");
        try (var ch = java.nio.channels.FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(bytes));
            ch.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        Files.move(part, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}

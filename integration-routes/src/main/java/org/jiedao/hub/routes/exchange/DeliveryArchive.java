package org.jiedao.hub.routes.exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The archive of every delivery, under {@code <data>/exchange/archive/}: per delivery its payload
 * {@code <deliveryId>.<ext>}, detached signature {@code <deliveryId>.<ext>.jws} and manifest
 * {@code <deliveryId>.<ext>.json}, each written to a temporary file, forced to disk and renamed into place. The outbox
 * resends from here (so a resend carries the same bytes under the same id) and {@code hub exchange verify} checks
 * from here.
 */
public final class DeliveryArchive {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path directory;

    /** @param directory the archive folder, created on first write */
    public DeliveryArchive(Path directory) {
        this.directory = directory;
    }

    /**
     * @param dataDir the hub's data folder ({@code HUB_DATA_DIR})
     * @return the archive at {@code <dataDir>/exchange/archive}
     */
    public static DeliveryArchive under(Path dataDir) {
        return new DeliveryArchive(dataDir.resolve("exchange").resolve("archive"));
    }

    /** @return the archive folder */
    public Path directory() {
        return directory;
    }

    /**
     * Writes a delivery's three files.
     *
     * @param p the package
     * @throws UncheckedIOException if a file cannot be written (none is left half-written)
     */
    public void store(DeliveryPackage p) {
        String base = p.deliveryId() + "." + extension(p.fileName());
        try {
            Files.createDirectories(directory);
            write(base, p.payload());
            write(base + ".jws", p.jws().getBytes(StandardCharsets.US_ASCII));
            write(base + ".json", p.manifest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot archive delivery " + p.deliveryId() + " in " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes a delivery's files (when it could not be recorded).
     *
     * @param deliveryId the delivery id
     * @param fileName   its payload file name
     */
    public void delete(String deliveryId, String fileName) {
        String base = deliveryId + "." + extension(fileName);
        for (String name : new String[]{base, base + ".jws", base + ".json"}) {
            try {
                Files.deleteIfExists(directory.resolve(name));
            } catch (IOException ignored) {
                // an orphan archive file is harmless: it is never sent without its delivery node
            }
        }
    }

    /**
     * Reads a delivery back as archived. The hash in the package is the one the manifest names; compare it with
     * {@link #sha256(byte[])} of the payload and with the recorded hash before trusting it.
     *
     * @param deliveryId the delivery id
     * @param fileName   its payload file name (from the delivery's record)
     * @return the package
     * @throws NoSuchFileException if a file is missing
     * @throws IOException         if a file cannot be read or the manifest is not JSON
     */
    public DeliveryPackage load(String deliveryId, String fileName) throws IOException {
        String base = deliveryId + "." + extension(fileName);
        byte[] payload = Files.readAllBytes(directory.resolve(base));
        String jws = Files.readString(directory.resolve(base + ".jws"), StandardCharsets.US_ASCII).trim();
        byte[] manifest = Files.readAllBytes(directory.resolve(base + ".json"));
        JsonNode m = JSON.readTree(manifest);
        return new DeliveryPackage(deliveryId, m.path("agreement").asText(), fileName, m.path("contentType").asText(),
                payload, m.path("contentSha256").asText(), jws, manifest);
    }

    /**
     * @param deliveryId a delivery id
     * @param fileName   its payload file name
     * @return the archived payload's path
     */
    public Path payloadPath(String deliveryId, String fileName) {
        return directory.resolve(deliveryId + "." + extension(fileName));
    }

    /**
     * @param bytes any bytes
     * @return their SHA-256 (FIPS 180-4), lower-case hex
     */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /**
     * @param manifest the manifest's fields, in order
     * @return its JSON bytes (UTF-8)
     */
    static byte[] manifestBytes(Map<String, Object> manifest) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String extension(String fileName) {
        return fileName.substring(fileName.lastIndexOf('.') + 1);
    }

    private void write(String name, byte[] bytes) throws IOException {
        Path tmp = directory.resolve("." + name + ".part");
        try (var ch = java.nio.channels.FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(bytes));
            ch.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}

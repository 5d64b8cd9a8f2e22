package org.jiedao.hub.api.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.security.MessageDigest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered partner credentials of one {@link ApiKeyFile}, kept current: when the file's modification time or
 * size has changed since it was last read, it is read again before the next lookup, so a key created with
 * {@code hub apikey create} works and a deleted entry is refused from the next request on, without a restart. A file
 * that has become unreadable or malformed refuses every key until it is fixed (fail closed; the problem is logged).
 */
public final class ApiKeyStore {
    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyStore.class);
    private final Path file;
    private ApiKeyFile.Contents contents = ApiKeyFile.Contents.EMPTY;
    private Object version = "unread";

    /**
     * @param file the API key file; it need not exist yet
     * @throws IllegalArgumentException if it exists and is malformed (the message names the entry)
     */
    public ApiKeyStore(Path file) {
        this.file = file.toAbsolutePath().normalize();
        this.contents = ApiKeyFile.read(this.file);
        this.version = version();
    }

    /** @return the file */
    public Path file() {
        return file;
    }

    /**
     * @param sha256 the SHA-256 of a presented key
     * @return the API key entry with that hash; every entry is compared in constant time
     */
    public Optional<ApiKeyFile.Entry> apiKey(byte[] sha256) {
        return find(current().apiKeys(), sha256);
    }

    /**
     * @param sha256 the SHA-256 fingerprint of a presented client certificate
     * @return the client certificate entry with that fingerprint
     */
    public Optional<ApiKeyFile.Entry> clientCertificate(byte[] sha256) {
        return find(current().clientCertificates(), sha256);
    }

    private static Optional<ApiKeyFile.Entry> find(List<ApiKeyFile.Entry> entries, byte[] sha256) {
        ApiKeyFile.Entry found = null;
        for (ApiKeyFile.Entry e : entries) { // no early exit: the time does not tell how far the search went
            if (MessageDigest.isEqual(e.sha256(), sha256) && found == null) {
                found = e;
            }
        }
        return Optional.ofNullable(found);
    }

    private synchronized ApiKeyFile.Contents current() {
        Object now = version();
        if (!now.equals(version)) {
            try {
                contents = ApiKeyFile.read(file);
            } catch (IllegalArgumentException e) {
                LOG.error("the API key file is not usable; every API key and client certificate is refused until it is fixed: {}",
                        e.getMessage());
                contents = ApiKeyFile.Contents.EMPTY;
            }
            version = now;
        }
        return contents;
    }

    private Object version() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return List.of(a.lastModifiedTime(), a.size(), String.valueOf(a.fileKey()));
        } catch (IOException e) {
            return "absent";
        }
    }
}

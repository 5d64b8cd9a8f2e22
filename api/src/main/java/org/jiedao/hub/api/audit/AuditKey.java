package org.jiedao.hub.api.audit;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret of the audit trail, kept in {@code <data>/secrets/audit-hmac.key}: 32 random bytes, Base64 on one line,
 * created with mode 600 (owner read/write only) on first use ({@link SecretFile}). Two keys are derived from it with HMAC-SHA256
 * (RFC 2104) over fixed labels, so that one never doubles as the other:
 * <ul>
 * <li>the chain key: {@code hash = HMAC-SHA256(chainKey, prev || canonical JSON)} of every record, and the anchor's MAC;</li>
 * <li>the pseudonym key: {@code HMAC-SHA256(pseudonymKey, normalised value)}, truncated to 128 bits (32 hex digits,
 *     as NIST SP 800-107 allows), for personal values and entity keys ({@link Pseudonyms}).</li>
 * </ul>
 * Without the key file nobody can recompute a chain after editing it, nor tell a pseudonym's value except by
 * asking the hub (hub audit search). Keep the file out of backups of the audit folder. Thread-safe.
 */
public final class AuditKey {
    /** File name of the key under the secrets folder. */
    public static final String FILE_NAME = "audit-hmac.key";
    private static final String HMAC = "HmacSHA256";
    private final byte[] chainKey;
    private final byte[] pseudonymKey;

    private AuditKey(byte[] master) {
        this.chainKey = hmac(master, "jiedao-audit-chain-v1".getBytes(StandardCharsets.UTF_8));
        this.pseudonymKey = hmac(master, "jiedao-audit-pseudonym-v1".getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads the key, creating it first (32 bytes from {@code SecureRandom}, mode 600, its folder mode 700) when the
     * file does not exist. Creation is atomic (a hard link of a finished temporary file), so two hub processes
     * starting together on one data folder end with the same key.
     *
     * @param file the key file, e.g. {@code data/secrets/audit-hmac.key}
     * @return the key
     * @throws UncheckedIOException if the file cannot be read or created, or does not hold at least 32 bytes
     */
    public static AuditKey loadOrCreate(Path file) {
        return new AuditKey(SecretFile.loadOrCreate(file, "audit key"));
    }

    /**
     * Reads an existing key (for {@code hub audit verify} and {@code search}, which must not invent one).
     *
     * @param file the key file
     * @return the key
     * @throws UncheckedIOException if the file is missing, unreadable or too short
     */
    public static AuditKey read(Path file) {
        return new AuditKey(SecretFile.read(file, "audit key"));
    }

    /**
     * @param prev      the previous record's hash (64 hex digits)
     * @param canonical the record's canonical JSON without {@code prev} and {@code hash}
     * @return {@code HMAC-SHA256(chainKey, prev || canonical)} as 64 lower-case hex digits
     */
    public String chainHash(String prev, byte[] canonical) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(chainKey, HMAC));
            mac.update(prev.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(mac.doFinal(canonical));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /**
     * @param text any text, e.g. the anchor's fields
     * @return {@code HMAC-SHA256(chainKey, text)} as 64 hex digits
     */
    public String chainMac(String text) {
        return chainHash("", text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param normalised a normalised value ({@link Pseudonyms#normalise})
     * @return its pseudonym: the first 128 bits of {@code HMAC-SHA256(pseudonymKey, value)} as 32 hex digits
     */
    public String pseudonym(String normalised) {
        byte[] full = hmac(pseudonymKey, normalised.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(full, 0, 16);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}

package org.jiedao.hub.api.refs;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.jiedao.hub.api.audit.EntityRef;
import org.jiedao.hub.api.audit.SecretFile;
import org.jiedao.hub.api.cypher.BadUserInputException;

/**
 * Opaque node handles ("refs"), in the spirit of Relay's Global Object Identification: the hub seals an entity's
 * {@code [label, key]} (the {@code @ref} entry every projection carries, {@link org.jiedao.hub.api.audit.EntityRefs}:
 * the label the node is merged on and its clear key) into a URL-safe string that a client may hold, compare and hand
 * back ({@code node(ref:)}, {@code path(from: {ref:})}), without ever seeing the key, e.g. an ID number it reads masked.
 *
 * <p>Shape: {@code base64url-without-padding(0x01 || nonce[12] || AES-256-GCM(plaintext) || tag[16])}, where
 * {@code plaintext = UTF-8(label) || 0x00 || UTF-8(key as text)} and the additional authenticated data is
 * {@code "jiedao-node-ref-v1"}. A Person's ref is about 75 characters. The nonce is synthetic: the first 12 bytes
 * of {@code HMAC-SHA256(nonceKey, plaintext)}, the construction of SIV (RFC 5297, "synthetic initialization vector")
 * over GCM (NIST SP 800-38D), so the same node always gets the same ref (the explorer uses it as the node's
 * identity, saved views store it) and a nonce repeats only with its plaintext. Such deterministic encryption leaks
 * exactly one thing: whether two refs name the same node. It does not leak the key, its length beyond the ref's
 * length, nor anything else about the node; a ref cannot be forged or altered without the secret (GCM's 128-bit tag,
 * and {@link #open} also checks the nonce is the plaintext's). Nonce collisions between different nodes (which would
 * weaken GCM) are expected only after about 2^48 distinct nodes.
 *
 * <p>Keys: {@code encKey = HMAC-SHA256(secret, "jiedao-node-ref-enc-v1")} and
 * {@code nonceKey = HMAC-SHA256(secret, "jiedao-node-ref-nonce-v1")} (RFC 2104), from a 32-byte secret kept like the
 * audit key in its own file, {@code <data>/secrets/}{@value #FILE_NAME} (mode 600, created on first use,
 * {@link SecretFile}), so refs survive restarts. Deleting the file invalidates every ref handed out. Thread-safe.
 */
public final class NodeRefs {
    /** File name of the secret under the secrets folder. */
    public static final String FILE_NAME = "explorer-ref.key";
    /** The message of a ref this hub did not make (or that was altered). */
    public static final String NOT_A_REF = "not a node reference of this hub";
    private static final byte VERSION = 1;
    private static final int NONCE = 12;
    private static final int TAG = 16;
    /** Longest text {@link #open} looks at: far beyond any real ref, so a huge argument costs nothing. */
    private static final int MAX_TEXT = 2048;
    private static final byte[] AAD = "jiedao-node-ref-v1".getBytes(StandardCharsets.US_ASCII);
    private static final String HMAC = "HmacSHA256";
    private final SecretKeySpec encKey;
    private final SecretKeySpec nonceKey;

    private NodeRefs(byte[] secret) {
        this.encKey = new SecretKeySpec(hmac(new SecretKeySpec(secret, HMAC), bytes("jiedao-node-ref-enc-v1")), "AES");
        this.nonceKey = new SecretKeySpec(hmac(new SecretKeySpec(secret, HMAC), bytes("jiedao-node-ref-nonce-v1")), HMAC);
    }

    /**
     * @param file the secret file, e.g. {@code data/secrets/explorer-ref.key}; created (32 random bytes, mode 600)
     *             when missing
     * @return refs sealed with that secret
     * @throws UncheckedIOException if the file cannot be read or created, or holds fewer than 32 bytes
     */
    public static NodeRefs loadOrCreate(Path file) {
        return new NodeRefs(SecretFile.loadOrCreate(file, "node reference key"));
    }

    /**
     * @return refs sealed with a random secret held in memory only: they do not survive the engine (for tests and
     *         tools that hand out no refs to keep)
     */
    public static NodeRefs ephemeral() {
        byte[] secret = new byte[SecretFile.BYTES];
        new SecureRandom().nextBytes(secret);
        return new NodeRefs(secret);
    }

    /**
     * @param label the label the node is merged on, e.g. {@code Person} (not {@code Complaint}: {@code Case})
     * @param key   its clear key as stored, e.g. an 18-character ID number (sealed as its text)
     * @return the ref: URL-safe Base64 without padding, the same for the same label and key
     * @throws NullPointerException if label or key is null
     * @throws IllegalArgumentException if the label contains U+0000
     */
    public String seal(String label, Object key) {
        if (label.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a node label cannot contain U+0000");
        }
        byte[] plain = bytes(label + '\0' + key.toString());
        byte[] nonce = Arrays.copyOf(hmac(nonceKey, plain), NONCE);
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, encKey, new GCMParameterSpec(TAG * 8, nonce));
            gcm.updateAAD(AAD);
            byte[] sealed = gcm.doFinal(plain);
            ByteBuffer out = ByteBuffer.allocate(1 + NONCE + sealed.length).put(VERSION).put(nonce).put(sealed);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available", e);
        }
    }

    /**
     * @param ref a ref from {@link #seal}
     * @return the node it names: merge label and key as text
     * @throws BadUserInputException ({@value #NOT_A_REF}) if the text is not a ref sealed with this hub's secret:
     *                               malformed, altered, of another hub, or of another version. The message is the
     *                               same whatever failed, so it tells nothing about the secret.
     */
    public EntityRef open(String ref) {
        if (ref == null || ref.isEmpty() || ref.length() > MAX_TEXT) {
            throw new BadUserInputException(NOT_A_REF);
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(ref);
        } catch (IllegalArgumentException e) {
            throw new BadUserInputException(NOT_A_REF);
        }
        if (raw.length < 1 + NONCE + TAG + 2 || raw[0] != VERSION) {
            throw new BadUserInputException(NOT_A_REF);
        }
        byte[] nonce = Arrays.copyOfRange(raw, 1, 1 + NONCE);
        byte[] plain;
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, encKey, new GCMParameterSpec(TAG * 8, nonce));
            gcm.updateAAD(AAD);
            plain = gcm.doFinal(raw, 1 + NONCE, raw.length - 1 - NONCE);
        } catch (AEADBadTagException e) {
            throw new BadUserInputException(NOT_A_REF);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available", e);
        }
        // the nonce must be the plaintext's own: a ref is canonical, one node has exactly one
        if (!MessageDigest.isEqual(nonce, Arrays.copyOf(hmac(nonceKey, plain), NONCE))) {
            throw new BadUserInputException(NOT_A_REF);
        }
        String text = new String(plain, StandardCharsets.UTF_8);
        int zero = text.indexOf('\0');
        if (zero <= 0 || zero == text.length() - 1) {
            throw new BadUserInputException(NOT_A_REF);
        }
        return new EntityRef(text.substring(0, zero), text.substring(zero + 1));
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

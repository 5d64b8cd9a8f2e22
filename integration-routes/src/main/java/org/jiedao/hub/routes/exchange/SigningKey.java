package org.jiedao.hub.routes.exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

/**
 * The hub's exchange signing key: an EC P-256 key (JWS algorithm ES256, RFC 7518 §3.4) kept as a JWK (RFC 7517) in
 * {@code <data>/secrets/exchange-signing.jwk}, owner-only ({@code 0600}), generated on first use; its public half
 * is written beside it as {@code exchange-signing.public.jwk} for partners.
 *
 * <p>Signatures are detached JWS in compact serialisation (RFC 7515 Appendix F: {@code header..signature}, the
 * payload travels separately). The protected header carries {@code kid}, {@code hub-delivery-id} and
 * {@code hub-content-sha256}, so the signature binds the delivery id and the hash to the payload bytes.
 */
public final class SigningKey {
    /** File name of the private key under the secrets folder. */
    public static final String FILE_NAME = "exchange-signing.jwk";
    /** File name of the public key under the secrets folder. */
    public static final String PUBLIC_FILE_NAME = "exchange-signing.public.jwk";
    /** Protected-header parameter with the delivery id. */
    public static final String DELIVERY_ID = "hub-delivery-id";
    /** Protected-header parameter with the payload's SHA-256 (hex). */
    public static final String CONTENT_SHA256 = "hub-content-sha256";

    private final ECKey key;

    private SigningKey(ECKey key) {
        this.key = key;
    }

    /**
     * Reads the key from {@code secretsDir/exchange-signing.jwk}, generating it (and the public file) if absent. When
     * two processes start at once, the first to create the file wins and both use its key.
     *
     * @param secretsDir the secrets folder, e.g. {@code data/secrets}
     * @return the key
     * @throws UncheckedIOException if the folder or file cannot be written or read
     * @throws IllegalStateException if the file is not an EC P-256 private JWK
     */
    public static SigningKey loadOrCreate(Path secretsDir) {
        Path file = secretsDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(secretsDir);
            if (!Files.exists(file)) {
                ECKey made = new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
                        .keyID(UUID.randomUUID().toString()).generate();
                Path tmp = Files.createTempFile(secretsDir, ".exchange-signing", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(tmp, made.toJSONString(), StandardCharsets.UTF_8);
                try {
                    Files.createLink(file, tmp); // fails if another process made it first: keep theirs
                } catch (FileAlreadyExistsException raced) {
                    // the other process's key wins
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            ECKey key = ECKey.parse(Files.readString(file, StandardCharsets.UTF_8));
            if (!key.isPrivate() || !Curve.P_256.equals(key.getCurve())) {
                throw new IllegalStateException(file + " is not an EC P-256 private key");
            }
            writePublic(secretsDir.resolve(PUBLIC_FILE_NAME), key);
            return new SigningKey(key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the exchange signing key " + file + ": " + e.getMessage(), e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("cannot read the exchange signing key " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the existing key, never making one (for verification).
     *
     * @param secretsDir the secrets folder
     * @return the key
     * @throws IllegalStateException if there is no key file, or it is not an EC P-256 private JWK
     */
    public static SigningKey load(Path secretsDir) {
        Path file = secretsDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            throw new IllegalStateException("no exchange signing key at " + file + " (it is made by the first delivery)");
        }
        return loadOrCreate(secretsDir);
    }

    private static void writePublic(Path file, ECKey key) throws IOException {
        String json = key.toPublicJWK().toJSONString();
        if (Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).equals(json)) {
            return;
        }
        Path tmp = Files.createTempFile(file.getParent(), ".exchange-signing-public", ".tmp");
        Files.writeString(tmp, json, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** @return the key id ({@code kid}) */
    public String keyId() {
        return key.getKeyID();
    }

    /** @return the public key as a JWK JSON object (for partners) */
    public String publicJwk() {
        return key.toPublicJWK().toJSONString();
    }

    /**
     * @param payload    the payload bytes
     * @param deliveryId the delivery id
     * @param sha256     the payload's SHA-256, lower-case hex
     * @return the detached compact JWS ({@code header..signature})
     * @throws IllegalStateException if signing fails
     */
    public String sign(byte[] payload, String deliveryId, String sha256) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                .customParams(Map.of(DELIVERY_ID, deliveryId, CONTENT_SHA256, sha256)).build();
        JWSObject jws = new JWSObject(header, new Payload(payload));
        try {
            jws.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign delivery " + deliveryId + ": " + e.getMessage(), e);
        }
        return jws.serialize(true);
    }

    /**
     * Verifies a detached JWS over a payload with this key's public half.
     *
     * @param payload    the payload bytes
     * @param detached   the detached compact JWS
     * @param deliveryId the delivery id the header must name
     * @param sha256     the hash the header must name
     * @return null if the signature is valid and its header names this delivery id and hash; otherwise why not
     */
    public String verify(byte[] payload, String detached, String deliveryId, String sha256) {
        try {
            JWSObject jws = JWSObject.parse(detached, new Payload(payload));
            if (!JWSAlgorithm.ES256.equals(jws.getHeader().getAlgorithm())) {
                return "signature algorithm is " + jws.getHeader().getAlgorithm() + ", not ES256";
            }
            if (!jws.verify(new ECDSAVerifier(key.toECPublicKey()))) {
                return "signature does not match the payload (or was made with another key)";
            }
            if (!deliveryId.equals(jws.getHeader().getCustomParam(DELIVERY_ID))) {
                return "signature is for delivery " + jws.getHeader().getCustomParam(DELIVERY_ID) + ", not " + deliveryId;
            }
            if (!sha256.equals(jws.getHeader().getCustomParam(CONTENT_SHA256))) {
                return "signature is for content " + jws.getHeader().getCustomParam(CONTENT_SHA256) + ", not " + sha256;
            }
            return null;
        } catch (ParseException e) {
            return "not a detached compact JWS: " + e.getMessage();
        } catch (JOSEException e) {
            return "cannot verify: " + e.getMessage();
        }
    }
}

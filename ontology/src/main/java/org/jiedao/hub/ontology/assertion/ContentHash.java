package org.jiedao.hub.ontology.assertion;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The content hash used for provenance and idempotent re-runs: SHA-256 (FIPS 180-4) of UTF-8 text, lower-case hex. */
public final class ContentHash {
    private ContentHash() {
    }

    /**
     * @param text any text
     * @return 64 lower-case hex characters
     */
    public static String of(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}

package org.jiedao.hub.api.errors;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Trace ids that tie an error a user sees to the log line with its cause: 32 lower-case hex digits, the form of a
 * W3C Trace Context {@code trace-id} (section 3.2.2.3), random and never all zeros.
 */
public final class TraceIds {
    private TraceIds() {
    }

    /** @return a new random trace id, e.g. {@code 4bf92f3577b34da6a3ce929d0e0e4736} */
    public static String next() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        bytes[15] |= 1; // never all zeros, which Trace Context reserves as invalid
        return HexFormat.of().formatHex(bytes);
    }
}

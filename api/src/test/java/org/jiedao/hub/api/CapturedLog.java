package org.jiedao.hub.api;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What the log says while it is open: the tests log through slf4j-simple, which writes each line to the current
 * {@code System.err}; this tees {@code System.err} into a buffer (the lines still reach the console) and restores
 * it on close.
 */
final class CapturedLog implements AutoCloseable {
    private final PrintStream original = System.err;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    CapturedLog() {
        System.setErr(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                synchronized (buffer) {
                    buffer.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                synchronized (buffer) {
                    buffer.write(b, off, len);
                }
            }
        }, true, StandardCharsets.UTF_8));
    }

    /** @return everything logged since this was opened */
    String text() {
        System.err.flush();
        synchronized (buffer) {
            return buffer.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        System.err.flush();
        System.setErr(original);
    }
}

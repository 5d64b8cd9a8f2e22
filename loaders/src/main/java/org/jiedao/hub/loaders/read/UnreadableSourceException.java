package org.jiedao.hub.loaders.read;

/**
 * A whole file (or poll) cannot be read: its encoding is neither UTF-8 nor GB18030, its header is unusable, or its
 * JSON is broken. Nothing of it is written; the file goes to the failed folder with this message.
 */
public class UnreadableSourceException extends Exception {
    /** @param message the file and the problem, e.g. {@code cases.json: unexpected end of input at line 40} */
    public UnreadableSourceException(String message) {
        super(message);
    }

    /** @param message the file and the problem; @param cause the parser's error */
    public UnreadableSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}

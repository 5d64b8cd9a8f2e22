package org.jiedao.hub.loaders.source;

/** A source definition that cannot be used; the message names the file, the place in it and the problem. */
public class SourceDefinitionException extends RuntimeException {
    /** @param message file, line or path, and the problem */
    public SourceDefinitionException(String message) {
        super(message);
    }

    /** @param message file, line or path, and the problem; @param cause the parser's error */
    public SourceDefinitionException(String message, Throwable cause) {
        super(message, cause);
    }
}

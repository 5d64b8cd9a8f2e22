package org.jiedao.hub.loaders.source;

/** A source definition that cannot be used; the message names the file, the place in it and the problem. */
public class SourceDefinitionException extends RuntimeException {
    /** @param message file, line or path, and the problem */
    public SourceDefinitionException(String message) {
        super(message);
        this.keyPath = null;
    }

    /** @param message file, line or path, and the problem; @param cause the parser's error */
    public SourceDefinitionException(String message, Throwable cause) {
        super(message, cause);
        this.keyPath = null;
    }

    private final String keyPath;

    /**
     * A problem at a known key of the definition, whose line the caller that has the file's text can add.
     *
     * @param message the problem
     * @param keyPath where, e.g. {@code entities.person.type} (see {@link YamlLines})
     */
    public SourceDefinitionException(String message, String keyPath) {
        super(message);
        this.keyPath = keyPath;
    }

    /** @return the key path the problem is at, or null if unknown */
    public String keyPath() {
        return keyPath;
    }
}

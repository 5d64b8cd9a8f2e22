package org.jiedao.hub.analytics;

import java.nio.file.Path;

/**
 * A service definition that cannot be used: not YAML, a missing or unknown key, or a name the ontology does not have.
 * The message names the file and the line, e.g. {@code config/services/x.yaml:12: unknown property 'nmae' of Person}.
 */
public final class ServiceCatalogueException extends RuntimeException {
    private final transient Path file;
    private final int line;

    /**
     * @param file    the file
     * @param line    the 1-based line, or 0 when unknown
     * @param message what is wrong
     */
    public ServiceCatalogueException(Path file, int line, String message) {
        super(file + (line > 0 ? ":" + line : "") + ": " + message);
        this.file = file;
        this.line = line;
    }

    /** @return the file */
    public Path file() {
        return file;
    }

    /** @return the 1-based line, or 0 when unknown */
    public int line() {
        return line;
    }
}

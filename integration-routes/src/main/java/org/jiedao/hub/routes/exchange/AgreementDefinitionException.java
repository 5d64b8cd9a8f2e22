package org.jiedao.hub.routes.exchange;

/** An agreement definition that cannot be used; the message names the file, the line when known, and the field. */
public final class AgreementDefinitionException extends RuntimeException {
    /**
     * @param message file, line and problem
     */
    public AgreementDefinitionException(String message) {
        super(message);
    }

    /**
     * @param message file, line and problem
     * @param cause   the underlying error
     */
    public AgreementDefinitionException(String message, Throwable cause) {
        super(message, cause);
    }
}

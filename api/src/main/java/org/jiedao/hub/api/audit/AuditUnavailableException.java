package org.jiedao.hub.api.audit;

/**
 * The audit trail cannot be written (disk full, folder not writable, log closed). The request that needed the
 * record is refused ({@code UNAVAILABLE}, HTTP 503): accountability over availability. The message names the
 * cause but no personal value.
 */
public final class AuditUnavailableException extends RuntimeException {
    /**
     * @param message what failed
     * @param cause   the I/O failure, or null
     */
    public AuditUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

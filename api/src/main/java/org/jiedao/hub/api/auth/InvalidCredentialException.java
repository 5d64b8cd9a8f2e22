package org.jiedao.hub.api.auth;

/**
 * A request without a usable credential: none at all, or a token that is badly signed, expired, for another issuer
 * or audience, or an API key or client certificate that is not (or no longer) registered. Answered with HTTP 401 and
 * {@code extensions.code = UNAUTHENTICATED}; the answer says only {@value #PUBLIC_MESSAGE} (or that a credential is
 * required), never which check failed. {@link #getMessage()} names the check, for the hub's log; it never holds the
 * credential itself.
 */
public class InvalidCredentialException extends RuntimeException {
    /** What a caller is told about any refused credential. */
    public static final String PUBLIC_MESSAGE = "invalid credential";

    /** @param reason which check failed, for the log, e.g. {@code token expired}; never the credential */
    public InvalidCredentialException(String reason) {
        super(reason, null, false, false);
    }
}

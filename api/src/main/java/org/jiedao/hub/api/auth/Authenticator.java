package org.jiedao.hub.api.auth;

import java.util.Optional;

import org.jiedao.hub.api.access.Principal;

/**
 * One way of proving who calls: a signed token, an API key or a client certificate. Implementations are
 * thread-safe and do no network or database call.
 */
public interface Authenticator {
    /**
     * @param credentials what the request presents
     * @return the caller, with the purpose the credential itself states (a token claim) or null; empty when the
     *         request carries no credential of this kind
     * @throws InvalidCredentialException if it carries one of this kind that does not prove anything
     */
    Optional<Principal> authenticate(Credentials credentials);
}

package org.jiedao.hub.api.auth;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.jiedao.hub.api.access.Principal;

/**
 * Partner systems with an API key ({@code X-API-Key: hub_...}): the key's SHA-256 is looked up in the
 * {@link ApiKeyStore}, comparing in constant time. The principal is the entry's name, role and attributes,
 * authenticated by {@code api-key}; it states no purpose (send {@code X-Purpose-Of-Use}).
 */
public final class ApiKeyAuthenticator implements Authenticator {
    private final ApiKeyStore store;

    /** @param store the registered keys */
    public ApiKeyAuthenticator(ApiKeyStore store) {
        this.store = store;
    }

    @Override
    public Optional<Principal> authenticate(Credentials credentials) {
        if (credentials.apiKey() == null) {
            return Optional.empty();
        }
        ApiKeyFile.Entry e = store.apiKey(ApiKeyFile.sha256(credentials.apiKey().getBytes(StandardCharsets.UTF_8)))
                .orElseThrow(() -> new InvalidCredentialException("unknown API key"));
        return Optional.of(new Principal(e.name(), e.role(), e.attributes(), null, "api-key"));
    }
}

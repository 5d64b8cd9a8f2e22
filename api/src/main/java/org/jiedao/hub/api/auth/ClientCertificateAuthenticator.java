package org.jiedao.hub.api.auth;

import java.security.cert.CertificateEncodingException;
import java.util.Optional;

import org.jiedao.hub.api.access.Principal;

/**
 * Partner systems with a client certificate (mutual TLS): the TLS handshake has already verified the chain against
 * the configured client CA ({@code HUB_TLS_CLIENT_CA}); the client's certificate is then looked up by its SHA-256
 * fingerprint among the {@code clientCertificates} of the {@link ApiKeyStore}. A verified certificate that is not
 * registered is refused. The principal is the entry's name, role and attributes, authenticated by {@code mtls}.
 */
public final class ClientCertificateAuthenticator implements Authenticator {
    private final ApiKeyStore store;

    /** @param store the registered certificates */
    public ClientCertificateAuthenticator(ApiKeyStore store) {
        this.store = store;
    }

    @Override
    public Optional<Principal> authenticate(Credentials credentials) {
        if (credentials.clientCertificates().isEmpty()) {
            return Optional.empty();
        }
        byte[] fingerprint;
        try {
            fingerprint = ApiKeyFile.sha256(credentials.clientCertificates().getFirst().getEncoded());
        } catch (CertificateEncodingException e) {
            throw new InvalidCredentialException("client certificate cannot be encoded");
        }
        ApiKeyFile.Entry e = store.clientCertificate(fingerprint)
                .orElseThrow(() -> new InvalidCredentialException("client certificate not registered"));
        return Optional.of(new Principal(e.name(), e.role(), e.attributes(), null, "mtls"));
    }
}

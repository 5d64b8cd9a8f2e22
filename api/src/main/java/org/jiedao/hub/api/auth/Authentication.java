package org.jiedao.hub.api.auth;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jiedao.hub.api.access.Access;
import org.jiedao.hub.api.access.AccessDeniedException;
import org.jiedao.hub.api.access.AccessPolicy;
import org.jiedao.hub.api.access.Principal;
import org.jiedao.hub.api.access.ScopeDefinition;
import org.jiedao.hub.ontology.Ontology;

/**
 * Turns a request's {@link Credentials} into what the caller may do: the first authenticator whose kind of credential
 * the request carries decides (bearer token, then API key, then client certificate); a credential that does not
 * prove anything is refused, never passed on to the next kind. The {@value Credentials#PURPOSE} header, if sent, sets
 * the purpose of use (over a token's {@code purpose} claim); then {@link AccessPolicy#access} checks the role and the
 * purpose. No database is involved.
 */
public final class Authentication {
    private final List<Authenticator> authenticators;
    private final AccessPolicy policy;
    private final Ontology ontology;

    /**
     * @param authenticators the ways a caller may prove who it is, in the order they are tried; empty refuses everyone
     * @param policy         the access policy
     * @param ontology       the ontology
     */
    public Authentication(List<Authenticator> authenticators, AccessPolicy policy, Ontology ontology) {
        this.authenticators = List.copyOf(authenticators);
        this.policy = policy;
        this.ontology = ontology;
    }

    /**
     * @param settings the configured credentials
     * @param policy   the access policy (its scopes' attributes are read from token claims of the same name)
     * @param ontology the ontology
     * @return bearer tokens if a token key is configured, API keys and client certificates if an API key file is
     * @throws IllegalArgumentException if a key file is unusable (the message names it)
     */
    public static Authentication of(AuthSettings settings, AccessPolicy policy, Ontology ontology) {
        List<Authenticator> list = new ArrayList<>();
        if (settings.hs256SecretFile() != null || settings.rs256PublicKeyFile() != null) {
            Set<String> claims = new LinkedHashSet<>(List.of("communities"));
            policy.scopes().values().stream().map(ScopeDefinition::attribute).forEach(claims::add);
            list.add(new JwtAuthenticator(settings.hs256SecretFile(), settings.rs256PublicKeyFile(), settings.issuer(),
                    settings.audience(), claims));
        }
        if (settings.apiKeysFile() != null) {
            ApiKeyStore store = new ApiKeyStore(settings.apiKeysFile());
            list.add(new ApiKeyAuthenticator(store));
            list.add(new ClientCertificateAuthenticator(store));
        }
        return new Authentication(list, policy, ontology);
    }

    /** @return the access policy */
    public AccessPolicy policy() {
        return policy;
    }

    /**
     * @param credentials what a request presents
     * @return what the caller may do in this request
     * @throws InvalidCredentialException if it presents no credential, or one that proves nothing
     * @throws AccessDeniedException      if the caller's role is unknown or its purpose of use missing or not allowed
     */
    public Access authenticate(Credentials credentials) {
        if (credentials.isEmpty()) {
            throw new InvalidCredentialException("no credential");
        }
        for (Authenticator a : authenticators) {
            Optional<Principal> p = a.authenticate(credentials);
            if (p.isPresent()) {
                Principal principal = credentials.purpose() == null ? p.get() : p.get().withPurpose(credentials.purpose());
                return policy.access(principal, ontology);
            }
        }
        throw new InvalidCredentialException("a kind of credential this server does not accept");
    }
}

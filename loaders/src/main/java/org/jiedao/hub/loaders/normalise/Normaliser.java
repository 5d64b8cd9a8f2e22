package org.jiedao.hub.loaders.normalise;

/**
 * Turns one raw source value (a CSV cell, a JSON string, a column value read as text) into its canonical,
 * typed form. Implementations are stateless and thread-safe; the standard ones are obtained from
 * {@link Normalisers#byName(String)}.
 */
@FunctionalInterface
public interface Normaliser {

    /**
     * Normalises one raw value.
     *
     * @param raw the value as read from the source; may be {@code null}
     * @return the canonical value (its type depends on the normaliser: {@code String}, {@code Long},
     *         {@code java.time.LocalDate}, ...), or {@code null} if {@code raw} is {@code null} or blank after
     *         Unicode NFKC normalisation (a missing value, never an error)
     * @throws NormalisationException if the value is present but invalid; the message is the user-facing reason
     */
    Object normalise(String raw) throws NormalisationException;
}

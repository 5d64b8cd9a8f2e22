package org.jiedao.hub.loaders.normalise;

import java.util.Objects;

/**
 * A raw value could not be normalised. The {@linkplain #getMessage() message} is a user-facing reason that
 * names the value and the rule it breaks, for example
 * {@code ID number 11010219900101001X: check character should be 1 (GB 11643-1999)}; loaders put it into the
 * quarantine record unchanged.
 *
 * <p>Blank input is never a normalisation error: normalisers return {@code null} (a missing value) for it.
 */
public final class NormalisationException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param reason a clear, user-facing reason naming the rejected value and the rule (never {@code null})
     * @throws NullPointerException if {@code reason} is {@code null}
     */
    public NormalisationException(String reason) {
        super(Objects.requireNonNull(reason, "reason"));
    }
}

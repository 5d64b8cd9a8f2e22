package org.jiedao.hub.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A half-open interval of time {@code [from, to)}.
 *
 * @param from the first instant included
 * @param to   the first instant no longer included; after {@code from}
 */
public record Period(Instant from, Instant to) {
    /**
     * @throws IllegalArgumentException if {@code to} is not after {@code from}
     * @throws NullPointerException     if either is null
     */
    public Period {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("period: 'to' (" + to + ") must be after 'from' (" + from + ")");
        }
    }

    /**
     * @param hours the length in hours, at least 1
     * @param now   the end of the period
     * @return the last {@code hours} hours before {@code now}
     * @throws IllegalArgumentException if {@code hours} is below 1
     */
    public static Period lastHours(int hours, Instant now) {
        if (hours < 1) {
            throw new IllegalArgumentException("hours must be at least 1, not " + hours);
        }
        return new Period(now.minus(Duration.ofHours(hours)), now);
    }

    /** @return the length of the period */
    public Duration length() {
        return Duration.between(from, to);
    }

    /** @return the period of the same length that ends where this one starts */
    public Period previous() {
        return new Period(from.minus(length()), from);
    }

    /**
     * @param t an instant
     * @return whether {@code from <= t < to}
     */
    public boolean contains(Instant t) {
        return !t.isBefore(from) && t.isBefore(to);
    }
}

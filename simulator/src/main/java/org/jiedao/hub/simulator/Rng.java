package org.jiedao.hub.simulator;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Seeded randomness for the simulator: thin helpers over one {@link RandomGenerator} of a fixed, specified
 * algorithm ({@code L64X128MixRandom}), so that the same seed yields the same draws on every JDK.
 */
final class Rng {

    static final String ALGORITHM = "L64X128MixRandom";

    private final RandomGenerator g;

    private Rng(RandomGenerator g) {
        this.g = g;
    }

    static Rng of(long seed) {
        return new Rng(RandomGeneratorFactory.of(ALGORITHM).create(seed));
    }

    /** An independent stream for one concern, derived from a master seed and a label. */
    static Rng derive(long seed, String label) {
        long h = seed;
        for (int i = 0; i < label.length(); i++) {
            h = (h ^ label.charAt(i)) * 0x100000001B3L;
        }
        return of(mix(h));
    }

    /** SplitMix64 finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, bound). */
    int nextInt(int bound) {
        return g.nextInt(bound);
    }

    /** Uniform in [lo, hi] (both inclusive). */
    int between(int lo, int hi) {
        return lo + g.nextInt(hi - lo + 1);
    }

    long nextLong(long bound) {
        return g.nextLong(bound);
    }

    double nextDouble() {
        return g.nextDouble();
    }

    boolean chance(double p) {
        return g.nextDouble() < p;
    }

    <T> T pick(List<T> items) {
        return items.get(g.nextInt(items.size()));
    }

    char pick(String chars) {
        return chars.charAt(g.nextInt(chars.length()));
    }

    /** Index drawn with the given (non-negative) weights. */
    int weighted(double... weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double r = g.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** A uniformly random date in [from, toExclusive). */
    LocalDate date(LocalDate from, LocalDate toExclusive) {
        long days = toExclusive.toEpochDay() - from.toEpochDay();
        return LocalDate.ofEpochDay(from.toEpochDay() + g.nextLong(days));
    }

    /** Fisher-Yates shuffle into a new list. */
    <T> List<T> shuffled(Collection<T> items) {
        List<T> l = new ArrayList<>(items);
        for (int i = l.size() - 1; i > 0; i--) {
            int j = g.nextInt(i + 1);
            T t = l.get(i);
            l.set(i, l.get(j));
            l.set(j, t);
        }
        return l;
    }
}

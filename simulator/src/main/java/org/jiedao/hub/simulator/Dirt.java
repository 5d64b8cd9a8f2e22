package org.jiedao.hub.simulator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Small rendering helpers shared by the silos: full-width forms, broken values, sampling of broken records. */
final class Dirt {

    private static final String CHECK_CHARS = "0123456789X";

    private Dirt() {
    }

    /** ASCII digits and letters to their full-width forms (U+FF10.., U+FF21.., U+FF41..). */
    static String fullWidth(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
                b.append((char) (c - 0x21 + 0xFF01));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** The canonical 18-character ID with the check character X written lower-case. */
    static String lowerX(String id) {
        return id.endsWith("X") ? id.substring(0, 17) + "x" : id;
    }

    /** The old 15-digit form: the "19" of the year and the check character dropped. Only for 19xx births. */
    static String fifteen(String id) {
        if (!id.startsWith("19", 6)) {
            throw new IllegalArgumentException("15-digit form only for births 1900-1999");
        }
        return id.substring(0, 6) + id.substring(8, 17);
    }

    /** One of the first 17 digits replaced by another digit: the check character no longer matches. */
    static String digitTypo(String id, Rng rng) {
        int pos = rng.nextInt(17);
        char old = id.charAt(pos);
        char c;
        do {
            c = (char) ('0' + rng.nextInt(10));
        } while (c == old);
        return id.substring(0, pos) + c + id.substring(pos + 1);
    }

    /** The check character replaced by a wrong one. */
    static String wrongCheck(String id, Rng rng) {
        char c;
        do {
            c = CHECK_CHARS.charAt(rng.nextInt(CHECK_CHARS.length()));
        } while (c == id.charAt(17));
        return id.substring(0, 17) + c;
    }

    /**
     * Picks {@code max(1, round(rate * n))} of the eligible indices {@code 0..n-1} (fewer if not enough are
     * eligible), uniformly without replacement.
     */
    static Set<Integer> sample(int n, double rate, Set<Integer> excluded, Rng rng) {
        List<Integer> eligible = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!excluded.contains(i)) {
                eligible.add(i);
            }
        }
        int k = Math.min(eligible.size(), Math.max(1, (int) Math.round(rate * n)));
        return new HashSet<>(rng.shuffled(eligible).subList(0, k));
    }
}

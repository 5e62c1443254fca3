package io.ultrafleet.spec;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Suggests the closest of a set of known words for a misspelt one. */
public final class DidYouMean {
    private static final int MAX_DISTANCE = 2;
    private static final int MIN_PREFIX = 3;
    /** Longer words get no suggestion: no key or name is that long, and comparing them would take long. */
    private static final int MAX_WORD = 100;

    private DidYouMean() {}

    /**
     * The known word closest to {@code word}: one equal ignoring case, else the nearest within edit distance 2 (1 for
     * words of three letters or fewer, so that short names are not matched to unrelated ones), else
     * one that starts with {@code word} or that {@code word} starts with (at least three letters shared); empty if
     * none is close.
     */
    public static Optional<String> suggest(String word, Collection<String> known) {
        if (word.length() > MAX_WORD) {
            return Optional.empty();
        }
        String lower = word.toLowerCase(Locale.ROOT);
        for (String k : known) {
            if (k.toLowerCase(Locale.ROOT).equals(lower)) {
                return Optional.of(k);
            }
        }
        String best = null;
        int limit = Math.min(MAX_DISTANCE, Math.max(1, word.length() / 2));
        int bestDistance = limit + 1;
        for (String k : known) {
            int d = distance(lower, k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        if (best != null) {
            return Optional.of(best);
        }
        for (String k : known) {
            String kl = k.toLowerCase(Locale.ROOT);
            if (Math.min(kl.length(), lower.length()) >= MIN_PREFIX && (kl.startsWith(lower) || lower.startsWith(kl))) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** The hint to append to a message, like {@code " (did you mean 'deliveries'?)"}, or an empty string. */
    public static String hint(String word, Collection<String> known) {
        return suggest(word, known).map(s -> " (did you mean '" + s + "'?)").orElse("");
    }

    /** Levenshtein distance: the fewest single-character insertions, deletions and substitutions. */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}

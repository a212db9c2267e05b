package io.basicflow.tools;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Finds names that resemble a mistyped one, for "did you mean" hints. */
final class NearbyNames {

    private NearbyNames() {}

    /**
     * Names close to the given one: a small edit distance (ignoring case), or one contains the
     * other, or the same last path segment ({@code lookup} for {@code crm/lookup}).
     *
     * @param given the name asked for
     * @param candidates the names that exist
     * @param limit the most names to return
     * @return the closest names, closest first, ties by name
     */
    static List<String> find(String given, List<String> candidates, int limit) {
        String wanted = given.toLowerCase(Locale.ROOT);
        int threshold = Math.max(2, wanted.length() / 3);
        record Scored(String name, int score) {}
        return candidates.stream()
                .map(candidate -> new Scored(candidate, score(wanted, candidate.toLowerCase(Locale.ROOT), threshold)))
                .filter(scored -> scored.score() >= 0)
                .sorted(Comparator.comparingInt(Scored::score).thenComparing(Scored::name))
                .limit(limit)
                .map(Scored::name)
                .toList();
    }

    /** A distance, or -1 when the candidate is not close. */
    private static int score(String wanted, String candidate, int threshold) {
        int distance = distance(wanted, candidate);
        if (distance <= threshold) {
            return distance;
        }
        String lastSegment = candidate.substring(candidate.lastIndexOf('/') + 1);
        if (!wanted.isEmpty()
                && (candidate.contains(wanted) || wanted.contains(candidate) || lastSegment.equals(wanted))) {
            return threshold + 1;
        }
        return -1;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}

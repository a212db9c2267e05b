package io.basicflow.app.scripts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Helpers for script names in messages. */
final class Names {

    private Names() {}

    /** The name as it can be shown in a message: control characters escaped, long names cut. */
    static String shown(String name) {
        if (name == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        name.codePoints().limit(200).forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return name.codePointCount(0, name.length()) > 200 ? out + "…" : out.toString();
    }

    /**
     * Names that look like the wanted one: same name ignoring case, or within a small edit distance
     * of it (a third of its length, at most 3), best first.
     */
    static List<String> nearby(String wanted, List<String> names, int max) {
        String target = wanted.toLowerCase(Locale.ROOT);
        int allowed = Math.min(3, Math.max(1, target.length() / 3));
        record Scored(String name, int distance) {}
        List<Scored> scored = new ArrayList<>();
        for (String name : names) {
            int distance = distance(target, name.toLowerCase(Locale.ROOT));
            if (distance <= allowed) {
                scored.add(new Scored(name, distance));
            }
        }
        return scored.stream()
                .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name))
                .limit(max)
                .map(Scored::name)
                .toList();
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
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

package io.basicflow.engine.api;

import java.util.regex.Pattern;

/** The rules for execution ids. */
public final class ExecutionIds {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.:@-]{1,200}");

    private ExecutionIds() {}

    /**
     * Checks an id.
     *
     * @param id the candidate
     * @return the id
     * @throws IllegalArgumentException when it is not 1–200 characters of letters, digits and {@code
     *     -_.:@}, or only dots (which cannot stand in a URL path)
     */
    public static String requireValid(String id) {
        if (id == null || !VALID.matcher(id).matches() || id.chars().allMatch(c -> c == '.')) {
            throw new IllegalArgumentException("execution id must be 1-200 characters of letters, digits and -_.:@,"
                    + " not only dots, was '" + id + "'");
        }
        return id;
    }
}

package io.basicflow.app.scripts;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The scripts of a library, and the entries that could not be offered with the reason.
 *
 * @param scripts the scripts, sorted by name
 * @param problems the entries left out (a link leading outside the folder, an unreadable file)
 */
public record ScriptListing(List<ScriptInfo> scripts, List<Problem> problems) {

    /**
     * Copies the parts.
     *
     * @param scripts not null
     * @param problems not null
     */
    public ScriptListing {
        scripts = List.copyOf(scripts);
        problems = List.copyOf(problems);
    }

    /**
     * An entry that is not offered as a script.
     *
     * @param name its path inside the library
     * @param message why, a full sentence
     */
    public record Problem(String name, String message) {

        /**
         * Validates the parts.
         *
         * @param name not null
         * @param message not null
         */
        public Problem {
            requireNonNull(name, "name is null");
            requireNonNull(message, "message is null");
        }
    }
}

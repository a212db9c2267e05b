package io.basicflow.app.scripts;

/**
 * The scripts a front end may start and check. Implementations are thread-safe.
 *
 * <p>A script is named by its path inside the library with {@code /} between folders and the
 * {@code .bas} extension, e.g. {@code ticket.bas} or {@code support/refund.bas}; a name given
 * without {@code .bas} means the same script.
 */
public interface ScriptLibrary {

    /**
     * Every script, without compiling any.
     *
     * @return the scripts sorted by name, and the entries that cannot be offered
     * @throws ScriptFolderException when the library cannot be read
     */
    ScriptListing list();

    /**
     * Loads one script's source.
     *
     * @param name the script's name
     * @return the script and its source
     * @throws ScriptNameException when the name is refused (absolute, {@code ..}, hidden, …)
     * @throws ScriptNotFoundException when there is no such script
     * @throws ScriptTooLargeException when the script is larger than the library allows
     * @throws ScriptFolderException when the library cannot be read
     */
    ScriptSource load(String name);

    /**
     * Compile-checks a source without running it.
     *
     * @param name the file name diagnostics name, e.g. {@code ticket.bas}
     * @param source the source
     * @return the plan kind and the diagnostics
     */
    ScriptCheck check(String name, String source);
}

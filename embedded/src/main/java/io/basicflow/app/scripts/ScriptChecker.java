package io.basicflow.app.scripts;

/**
 * The compiler as {@link FolderScriptLibrary} needs it: compile a source and report what it would
 * run as and what is wrong with it. The application wires it to the basic-compiler.
 */
@FunctionalInterface
public interface ScriptChecker {

    /**
     * Compiles a source and reports the outcome; never throws for a source with errors.
     *
     * @param fileName the name to use in diagnostics, e.g. {@code ticket.bas}
     * @param source the source
     * @return the plan kind and every diagnostic, errors first in source order
     */
    ScriptCheck check(String fileName, String source);
}

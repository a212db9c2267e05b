package io.basicflow.compiler.diagnostics;

/**
 * The two families of compile errors. The difference matters to {@code basicflow check}: a script
 * whose only problems are {@link #UNKNOWN} names would compile once the right plugin is installed,
 * while a {@link #SYNTAX} problem needs a change to the script.
 */
public enum DiagnosticCategory {
    /** The script is malformed or misuses a statement, keyword or function. */
    SYNTAX,
    /** The script names a keyword, function, input type or clause that no installed plugin provides. */
    UNKNOWN,
    /** Not an error: the script compiles, but a line probably does not do what its author meant. */
    WARNING
}

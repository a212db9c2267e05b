package io.basicflow.compiler.check;

/** How one checked script came out. */
public enum FileStatus {
    /** It compiles. */
    COMPILES,
    /** It has at least one syntax error: the script itself must change. */
    SYNTAX_ERRORS,
    /** Its only problems are keywords, functions or input types that no installed plugin provides. */
    UNKNOWN_NAMES_ONLY
}

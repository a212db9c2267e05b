package io.basicflow.compiler.parser;

/**
 * Stops parsing the whole script: too many errors, or blocks nested beyond the limit. The diagnostic
 * that explains it has been recorded.
 */
final class ParseAbort extends RuntimeException {

    private static final long serialVersionUID = 1L;

    static final ParseAbort INSTANCE = new ParseAbort();

    private ParseAbort() {
        super(null, null, false, false);
    }
}

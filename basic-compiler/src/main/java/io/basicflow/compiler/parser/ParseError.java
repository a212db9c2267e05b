package io.basicflow.compiler.parser;

/**
 * Unwinds the parser to the nearest statement boundary after a diagnostic has been recorded. It
 * carries nothing and has no stack trace, so throwing it is cheap.
 */
final class ParseError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    static final ParseError INSTANCE = new ParseError();

    private ParseError() {
        super(null, null, false, false);
    }
}

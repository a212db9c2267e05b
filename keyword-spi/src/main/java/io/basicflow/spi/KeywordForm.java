package io.basicflow.spi;

/** How a keyword may be written in a script. */
public enum KeywordForm {
    /** Only as a statement: {@code KEYWORD args…}. It yields no value. */
    STATEMENT,
    /**
     * As a statement or as the whole right-hand side of an assignment: {@code x = KEYWORD args…} or
     * {@code x = KEYWORD(args)}. It yields a value.
     */
    FUNCTION
}

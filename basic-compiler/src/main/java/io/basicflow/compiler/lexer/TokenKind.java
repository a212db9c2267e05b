package io.basicflow.compiler.lexer;

/** The kinds of {@link Token}. */
public enum TokenKind {
    /** A name: letters, digits and {@code _}, not starting with a digit. Keywords are names too. */
    IDENTIFIER,
    /** {@code 42}, {@code 3.14}, {@code 1e6}. */
    NUMBER,
    /** {@code "…"} (may span lines), or {@code '…'} where an operand is expected. */
    STRING,
    /** {@code +}. */
    PLUS,
    /** {@code -}. */
    MINUS,
    /** {@code *}. */
    STAR,
    /** {@code /}. */
    SLASH,
    /** {@code \}. */
    BACKSLASH,
    /** {@code ^}. */
    CARET,
    /** {@code &}. */
    AMPERSAND,
    /** {@code &&}. */
    AND_AND,
    /** {@code ||}. */
    OR_OR,
    /** {@code =}. */
    EQUAL,
    /** {@code ==}. */
    EQUAL_EQUAL,
    /** {@code <>} or {@code !=}. */
    NOT_EQUAL,
    /** {@code <}. */
    LESS,
    /** {@code <=}. */
    LESS_EQUAL,
    /** {@code >}. */
    GREATER,
    /** {@code >=}. */
    GREATER_EQUAL,
    /** {@code (}. */
    LEFT_PAREN,
    /** {@code )}. */
    RIGHT_PAREN,
    /** {@code [}. */
    LEFT_BRACKET,
    /** {@code ]}. */
    RIGHT_BRACKET,
    /** {@code {}. */
    LEFT_BRACE,
    /** {@code #{}. */
    HASH_BRACE,
    /** {@code }}. */
    RIGHT_BRACE,
    /** {@code ,}. */
    COMMA,
    /** {@code .}. */
    DOT,
    /** {@code ?.}. */
    QUESTION_DOT,
    /** {@code ?}. */
    QUESTION,
    /** {@code :}. */
    COLON,
    /** {@code ;}. */
    SEMICOLON,
    /** The end of a line (a comment line or a trailing comment ends with one too). */
    NEWLINE,
    /** The end of the text. */
    END_OF_INPUT,
    /** A character that starts no token. */
    INVALID
}

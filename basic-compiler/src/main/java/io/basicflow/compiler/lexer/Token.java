package io.basicflow.compiler.lexer;

import java.util.Locale;

/**
 * One token: its kind and where it stands. The text is cut from the source only when asked for.
 * Tokens are immutable.
 */
public final class Token {

    private final TokenKind kind;
    private final String source;
    private final int start;
    private final int end;
    private final int line;
    private final int column;
    private final int detail;
    private String text;
    private String upper;

    Token(TokenKind kind, String source, int start, int end, int line, int column, int detail) {
        this.kind = kind;
        this.source = source;
        this.start = start;
        this.end = end;
        this.line = line;
        this.column = column;
        this.detail = detail;
    }

    /**
     * The kind.
     *
     * @return the kind
     */
    public TokenKind kind() {
        return kind;
    }

    /**
     * The offset of the first character.
     *
     * @return the start offset
     */
    public int start() {
        return start;
    }

    /**
     * The offset just after the last character (for a {@link TokenKind#NEWLINE}, after the line
     * break).
     *
     * @return the end offset
     */
    public int end() {
        return end;
    }

    /**
     * The 1-based line of the first character.
     *
     * @return the line
     */
    public int line() {
        return line;
    }

    /**
     * The 1-based column of the first character.
     *
     * @return the column
     */
    public int column() {
        return column;
    }

    /**
     * The source text of the token.
     *
     * @return the text, as written
     */
    public String text() {
        String result = text;
        if (result == null) {
            result = source.substring(start, end);
            text = result;
        }
        return result;
    }

    /**
     * The text in upper case, for comparing names.
     *
     * @return the text in upper case
     */
    public String upper() {
        String result = upper;
        if (result == null) {
            result = text().toUpperCase(Locale.ROOT);
            upper = result;
        }
        return result;
    }

    /**
     * Whether this is a name equal to a word, ignoring case.
     *
     * @param word an upper case word
     * @return whether it matches
     */
    public boolean is(String word) {
        return kind == TokenKind.IDENTIFIER
                && end - start == word.length()
                && source.regionMatches(true, start, word, 0, word.length());
    }

    /**
     * Whether this is a name written entirely in upper case in the source (digits and {@code _}
     * allowed), such as {@code SEND} or {@code KB_STATS}.
     *
     * @return whether the name is upper case as written
     */
    public boolean isUpperCaseName() {
        if (kind != TokenKind.IDENTIFIER) {
            return false;
        }
        boolean letter = false;
        for (int i = start; i < end; i++) {
            char c = source.charAt(i);
            if (Character.isLowerCase(c)) {
                return false;
            }
            letter |= Character.isLetter(c);
        }
        return letter;
    }

    /**
     * For a {@link TokenKind#STRING}: whether the closing quote was found.
     *
     * @return whether the string is terminated
     */
    public boolean isClosedString() {
        return kind == TokenKind.STRING && (detail & 1) != 0;
    }

    /**
     * For a {@link TokenKind#STRING}: its quote character.
     *
     * @return {@code "} or {@code '}
     */
    public char quote() {
        return source.charAt(start);
    }

    /**
     * For a {@link TokenKind#NEWLINE} or {@link TokenKind#END_OF_INPUT}: the offset where a comment
     * on that line starts, so that a parser expecting an operand can read {@code '…'} as a string.
     *
     * @return the comment's offset, or -1 when the line has no comment
     */
    public int commentStart() {
        return kind == TokenKind.STRING ? -1 : detail;
    }

    /**
     * Whether this token ends a statement: a line end or the end of the text.
     *
     * @return whether it is a {@link TokenKind#NEWLINE} or {@link TokenKind#END_OF_INPUT}
     */
    public boolean endsLine() {
        return kind == TokenKind.NEWLINE || kind == TokenKind.END_OF_INPUT;
    }

    /**
     * A part of this identifier as an identifier of its own, at its place in the source: {@code
     * SET_CONTEXT} read as {@code SET} and {@code CONTEXT}.
     *
     * @param from the part's first character, as an offset into this token's text
     * @param to the offset just after the part's last character
     * @return the part
     */
    public Token part(int from, int to) {
        if (kind != TokenKind.IDENTIFIER || from < 0 || to > end - start || from >= to) {
            throw new IllegalArgumentException("no part " + from + ".." + to + " of " + this);
        }
        return new Token(TokenKind.IDENTIFIER, source, start + from, start + to, line, column + from, detail);
    }

    @Override
    public String toString() {
        return kind + "@" + line + ":" + column + (endsLine() ? "" : " " + text());
    }
}

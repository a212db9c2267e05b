package io.basicflow.compiler.lexer;

/**
 * Cuts a script into {@link Token}s on demand, one at a time, so that a parser can read some lines
 * as raw text ({@code BEGIN TALK} bodies) and re-read a {@code '} comment as a string where an
 * operand is expected.
 *
 * <p>Line rules: a line whose first non-blank text is {@code '}, {@code REM}, {@code //} or {@code #}
 * (not {@code #{}) is a comment line; a {@code '} after code starts a trailing comment; a {@code _}
 * after a blank at the end of a line joins the next line. Each line, comment lines included, ends with
 * a {@link TokenKind#NEWLINE} token that carries the offset of the line's comment, if any.
 *
 * <p>Strings are {@code "…"}, may span lines, double {@code ""} for a quote, and accept {@code \"} and
 * {@code \\}; a {@code ${…}} inside is skipped as a whole when it closes on the same line, so it may
 * contain quotes. An unterminated string ends at the end of its first line, so that one missing quote
 * does not swallow the rest of the script; so does a string whose closing quote, lines later, is
 * directly followed by a letter or digit ({@code "…"word}), since that quote must open another string.
 */
public final class Lexer {

    private final SourceText source;
    private final String text;
    private final int limit;
    private int pos;
    private int line;
    private int lineStart;
    private boolean atLineStart;

    /**
     * A lexer over a whole script.
     *
     * @param source the script
     */
    public Lexer(SourceText source) {
        this(source, 0, source.text().length(), true);
    }

    /**
     * A lexer over part of a script, e.g. the inside of {@code ${…}}, with positions relative to the
     * whole script.
     *
     * @param source the script
     * @param start first offset to read
     * @param end offset to stop at
     * @param atLineStart whether {@code start} is the beginning of a line (comment lines are
     *     recognised only there)
     */
    public Lexer(SourceText source, int start, int end, boolean atLineStart) {
        this.source = source;
        this.text = source.text();
        this.limit = end;
        resetTo(start);
        this.atLineStart = atLineStart;
    }

    /**
     * The offset of the next character to read.
     *
     * @return the position
     */
    public int position() {
        return pos;
    }

    /**
     * Continues reading at an offset; the offset counts as the start of a line when it is one.
     *
     * @param offset where to read next
     */
    public void resetTo(int offset) {
        pos = Math.min(offset, limit);
        line = source.lineOf(pos);
        lineStart = source.lineStart(line);
        atLineStart = pos == lineStart;
    }

    /**
     * Reads a {@code '…'} string that starts at an offset (where a comment was assumed), if it closes
     * on the same line, and continues after it.
     *
     * @param quote the offset of the opening {@code '}
     * @return the string token, or null when no closing {@code '} is on that line (then nothing
     *     changes)
     */
    public Token rescanSingleQuoted(int quote) {
        int i = quote + 1;
        while (i < limit) {
            char c = text.charAt(i);
            if (c == '\'') {
                resetTo(quote);
                pos = i + 1;
                atLineStart = false;
                return token(TokenKind.STRING, quote, pos, 1);
            }
            if (c == '\n') {
                return multiLineSingleQuoted(quote, i);
            }
            i++;
        }
        return null;
    }

    /**
     * A {@code '…'} string that does not close on its line (a GraphQL query, a JSON text): it runs to
     * the first later {@code '} that ends its line (only blanks, a comma or a parenthesis after it).
     */
    private Token multiLineSingleQuoted(int quote, int firstLineEnd) {
        for (int i = firstLineEnd + 1; i < limit; i++) {
            if (text.charAt(i) != '\'') {
                continue;
            }
            int j = i + 1;
            while (j < limit && isBlank(text.charAt(j))) {
                j++;
            }
            if (j < limit && (text.charAt(j) == ',' || text.charAt(j) == ')')) {
                j++;
                while (j < limit && isBlank(text.charAt(j))) {
                    j++;
                }
            }
            if (j >= limit || text.charAt(j) == '\n') {
                resetTo(quote);
                Token token = token(TokenKind.STRING, quote, i + 1, 1);
                resetTo(i + 1);
                atLineStart = false;
                return token;
            }
        }
        return null;
    }

    /**
     * Reads the next token.
     *
     * @return the token; {@link TokenKind#END_OF_INPUT} forever once the text is exhausted
     */
    public Token next() {
        while (true) {
            if (atLineStart) {
                Token comment = commentLine();
                if (comment != null) {
                    return comment;
                }
            }
            skipBlanks();
            if (pos >= limit) {
                return token(TokenKind.END_OF_INPUT, pos, pos, -1);
            }
            int start = pos;
            char c = text.charAt(pos);
            switch (c) {
                case '\n' -> {
                    pos++;
                    Token newline = token(TokenKind.NEWLINE, start, pos, -1);
                    newLine();
                    return newline;
                }
                case '\'' -> {
                    return trailingComment(start);
                }
                case '"' -> {
                    return string(start);
                }
                case '+' -> {
                    return single(TokenKind.PLUS);
                }
                case '-' -> {
                    return single(TokenKind.MINUS);
                }
                case '*' -> {
                    return single(TokenKind.STAR);
                }
                case '/' -> {
                    return single(TokenKind.SLASH);
                }
                case '\\' -> {
                    return single(TokenKind.BACKSLASH);
                }
                case '^' -> {
                    return single(TokenKind.CARET);
                }
                case '&' -> {
                    return peekIs(1, '&') ? pair(TokenKind.AND_AND) : single(TokenKind.AMPERSAND);
                }
                case '|' -> {
                    return peekIs(1, '|') ? pair(TokenKind.OR_OR) : single(TokenKind.INVALID);
                }
                case '=' -> {
                    return peekIs(1, '=') ? pair(TokenKind.EQUAL_EQUAL) : single(TokenKind.EQUAL);
                }
                case '!' -> {
                    return peekIs(1, '=') ? pair(TokenKind.NOT_EQUAL) : single(TokenKind.INVALID);
                }
                case '<' -> {
                    if (peekIs(1, '=')) {
                        return pair(TokenKind.LESS_EQUAL);
                    }
                    return peekIs(1, '>') ? pair(TokenKind.NOT_EQUAL) : single(TokenKind.LESS);
                }
                case '>' -> {
                    return peekIs(1, '=') ? pair(TokenKind.GREATER_EQUAL) : single(TokenKind.GREATER);
                }
                case '(' -> {
                    return single(TokenKind.LEFT_PAREN);
                }
                case ')' -> {
                    return single(TokenKind.RIGHT_PAREN);
                }
                case '[' -> {
                    return single(TokenKind.LEFT_BRACKET);
                }
                case ']' -> {
                    return single(TokenKind.RIGHT_BRACKET);
                }
                case '{' -> {
                    return single(TokenKind.LEFT_BRACE);
                }
                case '}' -> {
                    return single(TokenKind.RIGHT_BRACE);
                }
                case '#' -> {
                    return peekIs(1, '{') ? pair(TokenKind.HASH_BRACE) : single(TokenKind.INVALID);
                }
                case ',' -> {
                    return single(TokenKind.COMMA);
                }
                case '.' -> {
                    return single(TokenKind.DOT);
                }
                case '?' -> {
                    if (peekIs(1, '.') && !(pos + 2 < limit && isDigit(text.charAt(pos + 2)))) {
                        return pair(TokenKind.QUESTION_DOT);
                    }
                    return single(TokenKind.QUESTION);
                }
                case ':' -> {
                    return single(TokenKind.COLON);
                }
                case ';' -> {
                    return single(TokenKind.SEMICOLON);
                }
                case '_' -> {
                    if (continuation()) {
                        continue;
                    }
                    return identifier(start);
                }
                default -> {
                    if (isDigit(c)) {
                        return number(start);
                    }
                    if (isIdentifierStart(text.codePointAt(pos))) {
                        return identifier(start);
                    }
                    pos += Character.charCount(text.codePointAt(pos));
                    return token(TokenKind.INVALID, start, pos, -1);
                }
            }
        }
    }

    private Token commentLine() {
        atLineStart = false;
        int i = pos;
        while (i < limit && isBlank(text.charAt(i))) {
            i++;
        }
        if (i >= limit) {
            return null;
        }
        char c = text.charAt(i);
        boolean comment = switch (c) {
            case '\'' -> true;
            case '/' -> i + 1 < limit && text.charAt(i + 1) == '/';
            case '#' -> !(i + 1 < limit && text.charAt(i + 1) == '{');
            case 'r', 'R' ->
                i + 2 < limit
                        && (text.charAt(i + 1) == 'e' || text.charAt(i + 1) == 'E')
                        && (text.charAt(i + 2) == 'm' || text.charAt(i + 2) == 'M')
                        && (i + 3 >= limit || !isIdentifierPart(text.charAt(i + 3)));
            default -> false;
        };
        if (!comment) {
            return null;
        }
        pos = i;
        return trailingComment(i);
    }

    private Token trailingComment(int commentStart) {
        int i = commentStart;
        while (i < limit && text.charAt(i) != '\n') {
            i++;
        }
        boolean lineBreak = i < limit;
        pos = lineBreak ? i + 1 : i;
        Token newline = token(lineBreak ? TokenKind.NEWLINE : TokenKind.END_OF_INPUT, commentStart, pos, commentStart);
        if (lineBreak) {
            newLine();
        }
        return newline;
    }

    /** A {@code _} after a blank and before the end of the line (or a comment) joins the next line. */
    private boolean continuation() {
        if (pos > 0 && !isBlank(text.charAt(pos - 1))) {
            return false;
        }
        int i = pos + 1;
        while (i < limit && isBlank(text.charAt(i))) {
            i++;
        }
        if (i < limit && text.charAt(i) == '\'') {
            while (i < limit && text.charAt(i) != '\n') {
                i++;
            }
        }
        if (i >= limit || text.charAt(i) != '\n') {
            return false;
        }
        pos = i + 1;
        newLine();
        atLineStart = false;
        return true;
    }

    private Token string(int start) {
        int end = scanString(start);
        if (end > 0 && end < limit && isIdentifierPart(text.charAt(end)) && spansLines(start, end)) {
            // "…"word is never code: the quote that seemed to close this string opens another one, so
            // this string misses its closing quote
            end = -1;
        }
        if (end < 0) {
            int lineEnd = start;
            while (lineEnd < limit && text.charAt(lineEnd) != '\n') {
                lineEnd++;
            }
            pos = lineEnd;
            return token(TokenKind.STRING, start, lineEnd, 0);
        }
        Token token = token(TokenKind.STRING, start, end, 1);
        for (int i = start; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        pos = end;
        return token;
    }

    private boolean spansLines(int start, int end) {
        for (int i = start; i < end; i++) {
            if (text.charAt(i) == '\n') {
                return true;
            }
        }
        return false;
    }

    /**
     * Finds the end of a double-quoted string. A {@code ${…}} inside is skipped as a whole when it
     * closes on its line; strings inside it are plain (no {@code ${} of their own), which keeps the
     * scan linear. After a {@code ${} that does not close, the others of that line are plain text.
     *
     * @param start the opening quote
     * @return the offset after the closing quote, or -1 if there is none
     */
    private int scanString(int start) {
        int plainUntil = -1;
        int i = start + 1;
        while (i < limit) {
            char c = text.charAt(i);
            if (c == '"') {
                if (i + 1 < limit && text.charAt(i + 1) == '"') {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            if (c == '\\' && i + 1 < limit && (text.charAt(i + 1) == '"' || text.charAt(i + 1) == '\\')) {
                i += 2;
                continue;
            }
            if (c == '$' && i + 1 < limit && text.charAt(i + 1) == '{' && i > plainUntil) {
                int close = interpolationEnd(text, i + 2, limit);
                if (close > 0) {
                    i = close;
                    continue;
                }
                int lineEnd = text.indexOf('\n', i);
                plainUntil = lineEnd < 0 ? limit : lineEnd;
            }
            i++;
        }
        return -1;
    }

    /**
     * The offset after the {@code }} that closes a {@code ${} whose content starts at {@code from},
     * when it closes on the same line; strings inside are plain. Otherwise -1.
     *
     * @param text the text
     * @param from the offset after {@code ${}
     * @param limit where to stop
     * @return the offset after the closing brace, or -1
     */
    public static int interpolationEnd(String text, int from, int limit) {
        int braces = 1;
        int i = from;
        while (i < limit) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> {
                    return -1;
                }
                case '{' -> braces++;
                case '}' -> {
                    if (--braces == 0) {
                        return i + 1;
                    }
                }
                case '"' -> {
                    i++;
                    while (i < limit && text.charAt(i) != '"') {
                        if (text.charAt(i) == '\n') {
                            return -1;
                        }
                        i++;
                    }
                    if (i >= limit) {
                        return -1;
                    }
                }
                default -> {}
            }
            i++;
        }
        return -1;
    }

    private Token number(int start) {
        int i = start;
        while (i < limit && isDigit(text.charAt(i))) {
            i++;
        }
        if (i + 1 < limit && text.charAt(i) == '.' && isDigit(text.charAt(i + 1))) {
            i++;
            while (i < limit && isDigit(text.charAt(i))) {
                i++;
            }
        }
        if (i < limit && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < limit && (text.charAt(j) == '+' || text.charAt(j) == '-')) {
                j++;
            }
            if (j < limit && isDigit(text.charAt(j))) {
                while (j < limit && isDigit(text.charAt(j))) {
                    j++;
                }
                i = j;
            }
        }
        pos = i;
        return token(TokenKind.NUMBER, start, i, -1);
    }

    private Token identifier(int start) {
        int i = nameEnd(text, start, limit);
        pos = i;
        return token(TokenKind.IDENTIFIER, start, i, -1);
    }

    /** Where the name that continues at {@code start} ends: letters, digits, marks and {@code _}. */
    private static int nameEnd(String text, int start, int limit) {
        int i = start;
        while (i < limit) {
            char c = text.charAt(i);
            if (c < 128) {
                if (!isIdentifierPart(c)) {
                    break;
                }
                i++;
            } else {
                int codePoint = text.codePointAt(i);
                if (!Character.isLetterOrDigit(codePoint)
                        && Character.getType(codePoint) != Character.NON_SPACING_MARK) {
                    break;
                }
                i += Character.charCount(codePoint);
            }
        }
        return i;
    }

    /**
     * Whether a text is one whole name as scripts write it (a variable, a label): a letter or {@code
     * _}, then letters, digits and {@code _}, in any alphabet. Names given from outside (variables of
     * a start request) are checked with the lexer's own rules.
     *
     * @param text the text
     * @return true for a name
     */
    public static boolean isName(String text) {
        return !text.isEmpty()
                && isIdentifierStart(text.codePointAt(0))
                && nameEnd(text, 0, text.length()) == text.length();
    }

    private void skipBlanks() {
        while (pos < limit && isBlank(text.charAt(pos))) {
            pos++;
        }
    }

    private void newLine() {
        line++;
        lineStart = pos;
        atLineStart = true;
    }

    private Token single(TokenKind kind) {
        int start = pos;
        pos++;
        return token(kind, start, pos, -1);
    }

    private Token pair(TokenKind kind) {
        int start = pos;
        pos += 2;
        return token(kind, start, pos, -1);
    }

    private boolean peekIs(int ahead, char c) {
        return pos + ahead < limit && text.charAt(pos + ahead) == c;
    }

    private Token token(TokenKind kind, int start, int end, int detail) {
        int tokenLine = line;
        int tokenLineStart = lineStart;
        if (start < lineStart) {
            tokenLine = source.lineOf(start);
            tokenLineStart = source.lineStart(tokenLine);
        }
        return new Token(kind, text, start, end, tokenLine, start - tokenLineStart + 1, detail);
    }

    /**
     * Whether a character is blank within a line: spaces, tabs, a carriage return, a byte order mark,
     * and Unicode space separators.
     *
     * @param c the character
     * @return whether it separates tokens without ending the line
     */
    public static boolean isBlank(char c) {
        return c == ' '
                || c == '\t'
                || c == '\r'
                || c == '\f'
                || c == '\u000B'
                || c == '\uFEFF'
                || (c > 127 && Character.getType(c) == Character.SPACE_SEPARATOR);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * Whether a code point may start a name.
     *
     * @param codePoint the code point
     * @return letters and {@code _}
     */
    public static boolean isIdentifierStart(int codePoint) {
        return codePoint == '_'
                || (codePoint < 128
                        ? (codePoint | 32) >= 'a' && (codePoint | 32) <= 'z'
                        : Character.isLetter(codePoint));
    }

    /**
     * Whether an ASCII or BMP character may continue a name.
     *
     * @param c the character
     * @return letters, digits and {@code _}
     */
    public static boolean isIdentifierPart(char c) {
        return c == '_'
                || (c >= '0' && c <= '9')
                || (c < 128 ? (c | 32) >= 'a' && (c | 32) <= 'z' : Character.isLetterOrDigit(c));
    }
}

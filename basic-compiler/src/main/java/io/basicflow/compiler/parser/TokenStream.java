package io.basicflow.compiler.parser;

import io.basicflow.compiler.lexer.Lexer;
import io.basicflow.compiler.lexer.Token;
import io.basicflow.compiler.lexer.TokenKind;
import java.util.ArrayList;
import java.util.function.Predicate;

/**
 * Tokens with lookahead, read lazily so that the parser can switch to raw lines at any line start.
 *
 * <p>A keyword written with underscores for its spaces ({@code SET_CONTEXT "…"}, {@code x =
 * CREATE_TASK …}, as General Bots' runtime also accepts) is read as its words when it is written in
 * upper case, stands where a statement starts (or after {@code THEN}/{@code ELSE}, or after {@code x =}),
 * is not itself followed by {@code =} (an assignment to a variable of that name), and the words name a
 * keyword while the whole name does not begin one.
 */
final class TokenStream {

    private final Lexer lexer;
    private final Predicate<String> keywordName;
    private final ArrayList<Token> buffer = new ArrayList<>();
    private int head;
    private int lastEnd;
    private Token last;
    private Token lexed;
    private Token beforeLexed;

    TokenStream(Lexer lexer) {
        this(lexer, name -> false);
    }

    /**
     * A stream that reads {@code WORD_WORD} as the words of a keyword.
     *
     * @param lexer the tokens
     * @param keywordName whether words joined by spaces name a keyword ({@code "SET CONTEXT"}) and the
     *     name with underscores ({@code "SET_CONTEXT"}) begins none
     */
    TokenStream(Lexer lexer, Predicate<String> keywordName) {
        this.lexer = lexer;
        this.keywordName = keywordName;
    }

    /** Reads the next token from the lexer into the buffer, split when it is a keyword with underscores. */
    private void fill() {
        Token token = lexer.next();
        if (!underscoredKeyword(token)) {
            add(token);
            return;
        }
        Token after = lexer.next();
        if (after.kind() == TokenKind.EQUAL) {
            add(token);
        } else {
            String text = token.text();
            int from = 0;
            for (int i = 0; i <= text.length(); i++) {
                if (i == text.length() || text.charAt(i) == '_') {
                    add(token.part(from, i));
                    from = i + 1;
                }
            }
        }
        add(after);
    }

    private void add(Token token) {
        buffer.add(token);
        beforeLexed = lexed;
        lexed = token;
    }

    private boolean underscoredKeyword(Token token) {
        if (token.kind() != TokenKind.IDENTIFIER) {
            return false;
        }
        String text = token.text();
        if (text.indexOf('_') <= 0 || text.endsWith("_") || text.contains("__") || !text.equals(token.upper())) {
            return false;
        }
        boolean statementStart = lexed == null
                || lexed.endsLine()
                || lexed.kind() == TokenKind.COLON
                || lexed.is("THEN")
                || lexed.is("ELSE");
        boolean assigned = lexed != null
                && lexed.kind() == TokenKind.EQUAL
                && beforeLexed != null
                && beforeLexed.kind() == TokenKind.IDENTIFIER;
        return (statementStart || assigned) && keywordName.test(text);
    }

    /** The next token, not consumed. */
    Token peek() {
        return peek(0);
    }

    /** The token {@code ahead} positions after the next one. */
    Token peek(int ahead) {
        while (buffer.size() - head <= ahead) {
            fill();
        }
        return buffer.get(head + ahead);
    }

    /** Consumes the next token. */
    Token next() {
        Token token = peek(0);
        head++;
        if (head == buffer.size()) {
            buffer.clear();
            head = 0;
        }
        if (!token.endsLine()) {
            lastEnd = token.end();
            last = token;
        }
        return token;
    }

    /** The end offset of the last consumed token that was not a line end. */
    int lastEnd() {
        return lastEnd;
    }

    /** The last consumed token that was not a line end, or null. */
    Token last() {
        return last;
    }

    /** Drops the lookahead and reads on from an offset. */
    void resetTo(int offset) {
        buffer.clear();
        head = 0;
        lexed = null;
        beforeLexed = null;
        lexer.resetTo(offset);
    }

    /**
     * Re-reads the comment that ends the next line-end token as a {@code '…'} string, when the
     * comment starts with {@code '} and closes on its line.
     *
     * @return whether the next token is now that string
     */
    boolean rescanSingleQuoted(String text) {
        Token next = peek();
        int comment = next.commentStart();
        if (comment < 0 || text.charAt(comment) != '\'') {
            return false;
        }
        buffer.clear();
        head = 0;
        Token string = lexer.rescanSingleQuoted(comment);
        if (string == null) {
            lexer.resetTo(comment);
            return false;
        }
        add(string);
        return true;
    }
}

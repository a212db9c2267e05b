package io.basicflow.compiler.parser;

import io.basicflow.compiler.lexer.Lexer;
import io.basicflow.compiler.lexer.Token;
import java.util.ArrayList;

/** Tokens with lookahead, read lazily so that the parser can switch to raw lines at any line start. */
final class TokenStream {

    private final Lexer lexer;
    private final ArrayList<Token> buffer = new ArrayList<>();
    private int head;
    private int lastEnd;
    private Token last;

    TokenStream(Lexer lexer) {
        this.lexer = lexer;
    }

    /** The next token, not consumed. */
    Token peek() {
        return peek(0);
    }

    /** The token {@code ahead} positions after the next one. */
    Token peek(int ahead) {
        while (buffer.size() - head <= ahead) {
            buffer.add(lexer.next());
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
        buffer.add(string);
        return true;
    }
}

package io.basicflow.compiler.parser;

import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.diagnostics.DiagnosticKind;
import io.basicflow.compiler.lexer.SourceText;
import io.basicflow.compiler.lexer.Token;
import io.basicflow.compiler.lexer.TokenKind;
import io.basicflow.spi.program.Expr;
import io.basicflow.spi.program.Expression;
import io.basicflow.spi.program.SourceSpan;

/** What the statement and expression parsers of one script share: the text, the tokens, the errors. */
final class ParseContext {

    final SourceText source;
    final String text;
    final DiagnosticSink sink;
    final KeywordCatalogue catalogue;
    final ScriptOutline outline;
    TokenStream tokens;

    ParseContext(SourceText source, TokenStream tokens, KeywordCatalogue catalogue) {
        this.source = source;
        this.text = source.text();
        this.tokens = tokens;
        this.sink = new DiagnosticSink(source);
        this.catalogue = catalogue;
        this.outline = new ScriptOutline(source);
    }

    Token peek() {
        return tokens.peek();
    }

    Token peek(int ahead) {
        return tokens.peek(ahead);
    }

    Token next() {
        return tokens.next();
    }

    int lastEnd() {
        return tokens.lastEnd();
    }

    boolean at(TokenKind kind) {
        return tokens.peek().kind() == kind;
    }

    boolean accept(TokenKind kind) {
        if (tokens.peek().kind() == kind) {
            tokens.next();
            return true;
        }
        return false;
    }

    boolean acceptWord(String word) {
        if (tokens.peek().is(word)) {
            tokens.next();
            return true;
        }
        return false;
    }

    Token expect(TokenKind kind, String message) {
        Token token = tokens.peek();
        if (token.kind() != kind) {
            throw error(token, message);
        }
        return tokens.next();
    }

    Token expectWord(String word, String message) {
        Token token = tokens.peek();
        if (!token.is(word)) {
            throw error(token, message);
        }
        return tokens.next();
    }

    Token expectName(String message) {
        Token token = tokens.peek();
        if (token.kind() != TokenKind.IDENTIFIER) {
            throw error(token, message);
        }
        return tokens.next();
    }

    /** Skips line ends, inside brackets where lines may break. */
    void skipNewlines() {
        while (tokens.peek().kind() == TokenKind.NEWLINE) {
            tokens.next();
        }
    }

    /**
     * Records a syntax error at a token, saying what was found, and returns the exception that
     * unwinds to the statement boundary.
     */
    ParseError error(Token token, String message) {
        return error(DiagnosticKind.SYNTAX, token, message);
    }

    ParseError error(DiagnosticKind kind, Token token, String message) {
        sink.report(
                kind,
                token.start(),
                Math.max(token.end(), token.start() + 1),
                message + ", found " + describe(token) + stringHint(token));
        return ParseError.INSTANCE;
    }

    /**
     * When the error follows a string that spans lines, the string most likely misses its closing
     * quote: strings may span lines, so the lexer cannot tell.
     */
    private String stringHint(Token token) {
        Token last = tokens.last();
        if (last == null || last.kind() != TokenKind.STRING || last.end() > token.start()) {
            return "";
        }
        int startLine = last.line();
        int endLine = source.lineOf(last.end());
        if (endLine == startLine || source.lineOf(token.start()) != endLine) {
            return "";
        }
        return " (the string that starts at line " + startLine + " ends on this line: is its closing quote missing"
                + " at line " + startLine + "?)";
    }

    void report(DiagnosticKind kind, int start, int end, String message) {
        sink.report(kind, start, end, message);
    }

    /** A token as a message names it. */
    String describe(Token token) {
        return switch (token.kind()) {
            case NEWLINE -> "the end of the line";
            case END_OF_INPUT -> "the end of the file";
            case STRING -> "a string";
            case NUMBER -> "the number " + token.text();
            case IDENTIFIER -> "'" + token.text() + "'";
            case INVALID -> "the character '" + token.text() + "'";
            default -> "'" + token.text() + "'";
        };
    }

    SourceSpan span(int start, int end) {
        return source.span(start, Math.max(start, end));
    }

    Expression expression(Expr tree, int start, int end) {
        int e = Math.max(start, end);
        return new Expression(text.substring(start, e).strip(), tree, span(start, e));
    }

    /** The line where a token stands, for messages. */
    static String at(Token token) {
        return "line " + token.line();
    }

    /**
     * Expects the end of the statement and consumes the line end; in a one-line {@code IF} the
     * statement may also end at {@code ELSE}, which is left for the {@code IF}.
     *
     * @param oneLine whether the statement is part of a one-line {@code IF}
     * @param what what the statement was, for the error message
     */
    /** Reports a block statement written after {@code THEN}/{@code ELSE} on one line; returns the error to throw. */
    ParseError blockOnOneLine(Token token) {
        report(
                DiagnosticKind.MISPLACED_STATEMENT,
                token.start(),
                token.end(),
                "a " + token.upper() + " block cannot follow THEN or ELSE on the same line: start it on a new line");
        return ParseError.INSTANCE;
    }

    void endStatement(boolean oneLine, String what) {
        Token token = peek();
        if (oneLine) {
            if (token.endsLine() || token.is("ELSE")) {
                return;
            }
        } else if (token.endsLine()) {
            next();
            return;
        }
        throw error(token, "expected the end of the line after " + what);
    }
}

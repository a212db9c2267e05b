package io.basicflow.compiler.parser;

import io.basicflow.compiler.catalogue.CataloguedKeyword;
import io.basicflow.compiler.diagnostics.DiagnosticKind;
import io.basicflow.compiler.lexer.Token;
import io.basicflow.compiler.lexer.TokenKind;
import io.basicflow.spi.KeywordForm;
import io.basicflow.spi.program.Expr;
import io.basicflow.spi.program.Expression;
import io.basicflow.spi.program.SourceSpan;
import io.basicflow.spi.program.Step;
import io.basicflow.spi.program.Target;
import io.basicflow.spi.value.TextValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The statements whose lines are raw text rather than statements: {@code BEGIN TALK … END TALK},
 * {@code BEGIN MAIL … END MAIL} and {@code BEGIN SYSTEM PROMPT … END SYSTEM PROMPT}, together with
 * the one-line {@code SEND MAIL} forms that build the same {@link Step.SendMail} step as a mail block.
 */
final class TextBlockParser {

    private final ParseContext ctx;
    private final ExpressionParser expressions;
    private final KeywordCalls keywords;
    private final Consumer<Token> recover;

    /** {@code recover} skips the rest of a statement after a syntax error, as the statement parser does. */
    TextBlockParser(ParseContext ctx, ExpressionParser expressions, KeywordCalls keywords, Consumer<Token> recover) {
        this.ctx = ctx;
        this.expressions = expressions;
        this.keywords = keywords;
        this.recover = recover;
    }

    private void endStatementRecovering(Token first, String what) {
        try {
            ctx.endStatement(false, what);
        } catch (ParseError e) {
            recover.accept(first);
        }
    }

    void talkBlock(List<Step> out, boolean oneLine) {
        if (oneLine) {
            throw ctx.blockOnOneLine(ctx.peek());
        }
        Token keyword = ctx.next();
        ctx.next();
        int headerEnd = ctx.lastEnd();
        List<Expression> lines = new ArrayList<>();
        int line = keyword.line() + 1;
        int endLine = 0;
        for (; line <= ctx.source.lineCount(); line++) {
            if (isEndLine(line, "TALK")) {
                endLine = line;
                break;
            }
            lines.add(rawLine(line));
        }
        finishRawBlock(keyword, "BEGIN TALK", "END TALK", endLine);
        out.add(new Step.TalkBlock(ctx.span(keyword.start(), headerEnd), lines));
    }

    /** One line of a raw block as a message template. */
    private Expression rawLine(int line) {
        int start = ctx.source.lineStart(line);
        int end = ctx.source.lineEnd(line);
        Expr tree = expressions.template(start, end, (char) 0, false, true);
        int first = start;
        while (first < end && Character.isWhitespace(ctx.text.charAt(first))) {
            first++;
        }
        int last = end;
        while (last > first && Character.isWhitespace(ctx.text.charAt(last - 1))) {
            last--;
        }
        return new Expression(ctx.text.substring(first, last), tree, ctx.span(first, last));
    }

    /** Whether a line is {@code END <word>}, alone or with a comment. */
    private boolean isEndLine(int line, String word) {
        String text = ctx.source.lineText(line).strip();
        if (text.length() < 4 + word.length() || !text.regionMatches(true, 0, "END", 0, 3)) {
            return false;
        }
        String rest = text.substring(3).stripLeading();
        if (rest.length() == text.length() - 3 || !rest.regionMatches(true, 0, word, 0, word.length())) {
            return false;
        }
        String after = rest.substring(word.length()).strip();
        return after.isEmpty() || after.startsWith("'");
    }

    /** Continues after the raw lines of a block: at its END line, or reports the missing END. */
    private void finishRawBlock(Token keyword, String opener, String closer, int endLine) {
        if (endLine == 0) {
            ctx.report(
                    DiagnosticKind.UNCLOSED_BLOCK,
                    keyword.start(),
                    ctx.source.lineEnd(keyword.line()),
                    opener + " at line " + keyword.line() + " is not closed: expected " + closer
                            + " before the end of the file");
            ctx.tokens.resetTo(ctx.text.length());
            return;
        }
        ctx.tokens.resetTo(ctx.source.lineStart(endLine));
        Token end = ctx.next();
        ctx.next();
        endStatementRecovering(end, closer);
    }

    void mailBlock(List<Step> out, boolean oneLine) {
        if (oneLine) {
            throw ctx.blockOnOneLine(ctx.peek());
        }
        Token keyword = ctx.next();
        Token mail = ctx.next();
        boolean known = ctx.catalogue.keyword("SEND MAIL").isPresent();
        if (!known) {
            ctx.sink.report(
                    DiagnosticKind.UNKNOWN_KEYWORD,
                    keyword.start(),
                    mail.end(),
                    "unknown keyword SEND MAIL: no installed plugin provides it (BEGIN MAIL sends with it)",
                    "SEND MAIL");
        }
        Expression to = null;
        int headerEnd = mail.end();
        try {
            to = expressions.expression();
            headerEnd = ctx.lastEnd();
            if (!ctx.peek().endsLine()) {
                throw ctx.error(ctx.peek(), "expected the end of the line after the recipient of BEGIN MAIL");
            }
        } catch (ParseError e) {
            to = null;
        }
        int line = keyword.line() + 1;
        int endLine = 0;
        int subjectLine = 0;
        int bodyStart = 0;
        int bodyEnd = 0;
        for (; line <= ctx.source.lineCount(); line++) {
            if (isEndLine(line, "MAIL")) {
                endLine = line;
                break;
            }
            String text = ctx.source.lineText(line);
            if (subjectLine == 0) {
                if (text.isBlank()) {
                    continue;
                }
                subjectLine = line;
                continue;
            }
            if (bodyStart == 0) {
                if (text.isBlank() && line == subjectLine + 1) {
                    continue;
                }
                bodyStart = line;
            }
            bodyEnd = line;
        }
        Expression subject = null;
        if (subjectLine != 0) {
            subject = subject(subjectLine);
        }
        if (subject == null && known) {
            int at = subjectLine != 0 ? subjectLine : Math.min(keyword.line() + 1, ctx.source.lineCount());
            ctx.report(
                    DiagnosticKind.SYNTAX,
                    ctx.source.lineStart(at),
                    ctx.source.lineEnd(at),
                    "expected 'Subject: …' as the first line after BEGIN MAIL (line " + keyword.line() + ")");
        }
        finishRawBlock(keyword, "BEGIN MAIL", "END MAIL", endLine);
        if (!known || to == null || subject == null) {
            return;
        }
        Expression body;
        if (bodyStart == 0) {
            body = new Expression("", new Expr.Literal(TextValue.EMPTY), ctx.span(headerEnd, headerEnd));
        } else {
            int start = ctx.source.lineStart(bodyStart);
            int end = ctx.source.lineEnd(bodyEnd);
            body = new Expression(
                    ctx.text.substring(start, end).strip(),
                    expressions.template(start, end, (char) 0, false, true),
                    ctx.span(start, end));
        }
        out.add(new Step.SendMail(ctx.span(keyword.start(), headerEnd), to, subject, body));
    }

    /**
     * {@code BEGIN SYSTEM PROMPT … END SYSTEM PROMPT}: the lines in between, as written (no
     * interpolation), become the one argument of the plugin keyword {@code SYSTEM PROMPT}.
     */
    void systemPromptBlock(List<Step> out, boolean oneLine) {
        if (oneLine) {
            throw ctx.blockOnOneLine(ctx.peek());
        }
        Token keyword = ctx.next();
        ctx.next();
        Token prompt = ctx.next();
        CataloguedKeyword declared = ctx.catalogue.keyword("SYSTEM PROMPT").orElse(null);
        if (declared == null || declared.definition().parameters().isEmpty()) {
            ctx.sink.report(
                    DiagnosticKind.UNKNOWN_KEYWORD,
                    keyword.start(),
                    prompt.end(),
                    "unknown keyword BEGIN SYSTEM PROMPT: no installed plugin provides SYSTEM PROMPT (add keywords-ai)",
                    "BEGIN SYSTEM PROMPT");
        }
        int endLine = 0;
        for (int line = keyword.line() + 1; line <= ctx.source.lineCount(); line++) {
            if (isEndLine(line, "SYSTEM PROMPT")) {
                endLine = line;
                break;
            }
        }
        if (endLine == 0) {
            finishRawBlock(keyword, "BEGIN SYSTEM PROMPT", "END SYSTEM PROMPT", 0);
            return;
        }
        ctx.tokens.resetTo(ctx.source.lineStart(endLine));
        Token closer = ctx.next();
        ctx.next();
        ctx.next();
        endStatementRecovering(closer, "END SYSTEM PROMPT");
        if (declared == null || declared.definition().parameters().isEmpty()) {
            return;
        }
        int start = ctx.source.lineStart(Math.min(keyword.line() + 1, endLine));
        int end = endLine > keyword.line() + 1 ? ctx.source.lineEnd(endLine - 1) : start;
        String text = ctx.text.substring(start, end).strip();
        Expression value = new Expression(text, new Expr.Literal(new TextValue(text)), ctx.span(start, end));
        out.add(new Step.Invoke(
                ctx.span(keyword.start(), prompt.end()),
                declared.name(),
                List.of(new Step.Argument(
                        declared.definition().parameters().getFirst().name(), value)),
                Optional.empty()));
    }

    /** The {@code Subject: …} line of a BEGIN MAIL block, or null when the line is not one. */
    private Expression subject(int line) {
        int start = ctx.source.lineStart(line);
        int end = ctx.source.lineEnd(line);
        String text = ctx.text.substring(start, end);
        String stripped = text.stripLeading();
        if (!stripped.regionMatches(true, 0, "SUBJECT", 0, 7)) {
            return null;
        }
        int colon = start + (text.length() - stripped.length()) + 7;
        while (colon < end && Character.isWhitespace(ctx.text.charAt(colon))) {
            colon++;
        }
        if (colon >= end || ctx.text.charAt(colon) != ':') {
            return null;
        }
        int from = colon + 1;
        while (from < end && Character.isWhitespace(ctx.text.charAt(from))) {
            from++;
        }
        return new Expression(
                ctx.text.substring(from, end).strip(),
                expressions.template(from, end, (char) 0, false, true),
                ctx.span(from, end));
    }

    void sendMail(List<Step> out, Target target, int start, boolean oneLine) {
        Token send = ctx.next();
        ctx.next();
        CataloguedKeyword keyword = ctx.catalogue.keyword("SEND MAIL").orElse(null);
        if (keyword == null) {
            ctx.sink.report(
                    DiagnosticKind.UNKNOWN_KEYWORD,
                    send.start(),
                    ctx.lastEnd(),
                    "unknown keyword SEND MAIL: no installed plugin provides it",
                    "SEND MAIL");
            keywords.skipLenient(oneLine);
            ctx.endStatement(oneLine, "the arguments of SEND MAIL");
            return;
        }
        if (target != null && keyword.definition().form() == KeywordForm.STATEMENT) {
            ctx.report(
                    DiagnosticKind.KEYWORD_FORM,
                    send.start(),
                    ctx.lastEnd(),
                    "SEND MAIL is a statement: it gives no value, so it cannot be assigned; write it on a line of its"
                            + " own");
        }
        if (target == null
                && ctx.peek().is("TO")
                && ctx.peek(1).kind() != TokenKind.COMMA
                && ctx.peek(1).kind() != TokenKind.EQUAL) {
            // SEND MAIL TO x SUBJECT y [BODY z], as several reference pages write it
            ctx.next();
            Expression to = expressions.expressionStoppingAt(Set.of("SUBJECT", "BODY"));
            ctx.expectWord("SUBJECT", "expected SUBJECT after the recipient of SEND MAIL TO");
            Expression subject = expressions.expressionStoppingAt(Set.of("BODY"));
            int end = ctx.lastEnd();
            Expression body = ctx.acceptWord("BODY")
                    ? expressions.expression()
                    : new Expression("", new Expr.Literal(TextValue.EMPTY), ctx.span(end, end));
            ctx.endStatement(oneLine, "SEND MAIL TO … SUBJECT … BODY …");
            out.add(new Step.SendMail(ctx.span(start, ctx.lastEnd()), to, subject, body));
            return;
        }
        List<Step.Argument> arguments = keywords.arguments(keyword, send, oneLine);
        ctx.endStatement(oneLine, "the arguments of SEND MAIL");
        if (arguments == null) {
            return;
        }
        SourceSpan span = ctx.span(start, ctx.lastEnd());
        Map<String, Expression> byName = new LinkedHashMap<>();
        boolean standard = target == null;
        for (Step.Argument argument : arguments) {
            String parameter = argument.parameter();
            if (!Set.of("to", "subject", "body").contains(parameter)
                    || byName.put(parameter, argument.value()) != null) {
                standard = false;
            }
        }
        if (standard && byName.containsKey("to") && byName.containsKey("subject")) {
            Expression body = byName.get("body");
            if (body == null) {
                int end = ctx.lastEnd();
                body = new Expression("", new Expr.Literal(TextValue.EMPTY), ctx.span(end, end));
            }
            out.add(new Step.SendMail(span, byName.get("to"), byName.get("subject"), body));
        } else {
            out.add(new Step.Invoke(span, keyword.name(), arguments, Optional.ofNullable(target)));
        }
    }

    /** The catalogue keyword of a tools statement, or null after reporting that no plugin provides it. */
}

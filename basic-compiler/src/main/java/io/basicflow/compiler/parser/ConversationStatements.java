package io.basicflow.compiler.parser;

import io.basicflow.compiler.diagnostics.DiagnosticKind;
import io.basicflow.compiler.lexer.Token;
import io.basicflow.compiler.lexer.TokenKind;
import io.basicflow.spi.InputTypeDefinition;
import io.basicflow.spi.program.Expr;
import io.basicflow.spi.program.Expression;
import io.basicflow.spi.program.SourceSpan;
import io.basicflow.spi.program.Step;
import io.basicflow.spi.program.Target;
import io.basicflow.spi.value.TextValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses the conversation statements for the {@link StatementParser}: {@code TALK}, {@code TALK TO},
 * {@code HEAR} in its statement and assignment forms (types, menus, prompts, {@code DEFAULT}), and
 * {@code WAIT}.
 */
final class ConversationStatements {

    private final ParseContext ctx;
    private final ExpressionParser expressions;
    private final KeywordCalls keywords;
    private final OrchestrationParser orchestration;

    ConversationStatements(
            ParseContext ctx, ExpressionParser expressions, KeywordCalls keywords, OrchestrationParser orchestration) {
        this.ctx = ctx;
        this.expressions = expressions;
        this.keywords = keywords;
        this.orchestration = orchestration;
    }

    void talk(List<Step> out, boolean oneLine) {
        Token keyword = ctx.next();
        Token to = ctx.peek();
        if (to.is("TO") && !ctx.peek(1).endsLine() && ctx.peek(1).kind() != TokenKind.COMMA) {
            ctx.next();
            Expression recipient = expressions.expression();
            ctx.expect(TokenKind.COMMA, "expected ',' between the recipient and the message of TALK TO");
            ctx.skipNewlines();
            Expression message = expressions.messageExpression();
            ctx.endStatement(oneLine, "the message of TALK TO");
            out.add(new Step.TalkTo(ctx.span(keyword.start(), ctx.lastEnd()), recipient, message));
            return;
        }
        ctx.tokens.rescanSingleQuoted(ctx.text);
        if (keywords.atStatementEnd(oneLine)) {
            throw ctx.error(ctx.peek(), "TALK needs a message, such as TALK \"Hello\"");
        }
        Expression message = expressions.messageExpression();
        ctx.endStatement(oneLine, "the message of TALK");
        out.add(new Step.Talk(ctx.span(keyword.start(), ctx.lastEnd()), message));
    }

    void hear(List<Step> out, boolean oneLine) {
        Token keyword = ctx.next();
        hearInto(out, keyword.start(), expressions.target(), null, oneLine);
    }

    /**
     * {@code x = HEAR} and {@code x = HEAR "Enter your age:"} (reference pages keyword-instr.md,
     * keyword-is-numeric.md, keyword-create-task.md): the same step as {@code HEAR x} and {@code HEAR
     * x WITH "Enter your age:"} — the prompt is said, then the answer is waited for. The clauses of
     * the statement form ({@code AS type}, {@code DEFAULT}) follow as usual.
     */
    void hearAssignment(List<Step> out, Target target, int start, boolean oneLine) {
        ctx.next();
        Token next = ctx.peek();
        Expression prompt = null;
        if (!keywords.atStatementEnd(oneLine) && !next.is("AS") && !next.is("WITH") && !next.is("DEFAULT")) {
            prompt = expressions.messageExpression();
        }
        hearInto(out, start, target, prompt, oneLine);
    }

    private void hearInto(List<Step> out, int start, Target target, Expression spokenPrompt, boolean oneLine) {
        Step.HearKind kind = new Step.HearKind.Any();
        Expression prompt = spokenPrompt;
        Expression fallback = null;
        int fallbackStart = 0;
        if (ctx.acceptWord("AS")) {
            Token token = ctx.peek();
            boolean menuWord = token.is("MENU")
                    && (ctx.peek(1).kind() == TokenKind.STRING || ctx.peek(1).kind() == TokenKind.STAR);
            if (token.kind() == TokenKind.STRING
                    && ctx.peek(1).kind() != TokenKind.COMMA
                    && !ctx.peek(1).is("WITH")) {
                // HEAR x AS "What would you like?": one text is a prompt, not a menu of one option
                prompt = expressions.messageExpression();
            } else if (token.kind() == TokenKind.STRING || token.kind() == TokenKind.STAR || menuWord) {
                if (menuWord) {
                    ctx.next();
                }
                List<Expression> options = new ArrayList<>();
                boolean anything = false;
                do {
                    ctx.skipNewlines();
                    if (ctx.accept(TokenKind.STAR)) {
                        anything = true;
                    } else {
                        options.add(expressions.expression());
                    }
                } while (ctx.accept(TokenKind.COMMA));
                // "done", * accepts anything: the options are only examples
                kind = anything ? new Step.HearKind.Any() : new Step.HearKind.Menu(options);
            } else if (token.kind() == TokenKind.IDENTIFIER) {
                ctx.next();
                Optional<InputTypeDefinition> type = ctx.catalogue.inputType(token.text());
                if (type.isPresent()) {
                    kind = new Step.HearKind.Typed(type.get().name());
                } else {
                    ctx.sink.report(
                            DiagnosticKind.UNKNOWN_INPUT_TYPE,
                            token.start(),
                            token.end(),
                            "unknown input type \"" + token.upper() + "\": no installed plugin provides it",
                            token.upper());
                    kind = new Step.HearKind.Typed(token.upper());
                }
                if (ctx.peek().kind() == TokenKind.STRING) {
                    // HEAR x AS TEXT "Enter your name:": the text after the type is the prompt
                    prompt = expressions.messageExpression();
                }
            } else {
                throw ctx.error(token, "expected an input type (such as EMAIL or DATE) or a list of options after AS");
            }
        }
        while (true) {
            Token clause = ctx.peek();
            if (clause.is("WITH")) {
                ctx.next();
                if (prompt != null) {
                    ctx.report(
                            DiagnosticKind.DUPLICATE_DEFINITION,
                            clause.start(),
                            clause.end(),
                            "this HEAR already has a prompt");
                }
                prompt = expressions.messageExpression();
            } else if (clause.is("DEFAULT") && fallback == null) {
                ctx.next();
                fallbackStart = clause.start();
                fallback = expressions.expression();
            } else {
                break;
            }
        }
        ctx.endStatement(oneLine, "HEAR");
        SourceSpan span = ctx.span(start, ctx.lastEnd());
        out.add(new Step.Hear(span, target, kind, Optional.ofNullable(prompt)));
        if (kind instanceof Step.HearKind.Any) {
            orchestration.afterHear(out, span, target); // ADD BOT's triggers (BotSetParser)
        }
        if (fallback != null) {
            // HEAR … DEFAULT v: when the answer is empty (or given up on: NULL, which equals ""), the
            // variable gets v; a false-looking answer (0, "no") is an answer and stays
            SourceSpan defaultSpan = ctx.span(
                    fallbackStart,
                    ctx.source.lineStart(fallback.span().endLine())
                            + fallback.span().endColumn()
                            - 1);
            Expression empty = new Expression(
                    targetText(target) + " = \"\"",
                    new Expr.Binary(
                            Expr.BinaryOperator.EQUAL,
                            ExpressionParser.read(target),
                            new Expr.Literal(TextValue.EMPTY)),
                    defaultSpan);
            Step assign = new Step.Assign(defaultSpan, target, fallback);
            out.add(new Step.If(span, List.of(new Step.Branch(defaultSpan, empty, List.of(assign))), List.of()));
        }
    }

    private static String targetText(Target target) {
        StringBuilder text = new StringBuilder(target.variable());
        for (Target.Accessor accessor : target.path()) {
            switch (accessor) {
                case Target.Accessor.Field field -> text.append('.').append(field.name());
                case Target.Accessor.Element element ->
                    text.append('[').append(element.index().text()).append(']');
            }
        }
        return text.toString();
    }

    void waitStatement(List<Step> out, boolean oneLine) {
        Token keyword = ctx.next();
        if (keywords.atStatementEnd(oneLine)) {
            throw ctx.error(ctx.peek(), "WAIT needs a number of seconds, such as WAIT 5");
        }
        Expression seconds = expressions.expression();
        ctx.endStatement(oneLine, "the seconds of WAIT");
        out.add(new Step.Wait(ctx.span(keyword.start(), ctx.lastEnd()), seconds));
    }
}

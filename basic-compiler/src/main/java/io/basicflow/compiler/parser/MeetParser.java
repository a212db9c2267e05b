package io.basicflow.compiler.parser;

import io.basicflow.compiler.catalogue.CataloguedKeyword;
import io.basicflow.compiler.lexer.Token;
import io.basicflow.compiler.lexer.TokenKind;
import io.basicflow.spi.program.Expr;
import io.basicflow.spi.program.Expression;
import io.basicflow.spi.program.Orchestration;
import io.basicflow.spi.program.SourceSpan;
import io.basicflow.spi.program.Step;
import io.basicflow.spi.program.Target;
import io.basicflow.spi.value.BooleanValue;
import io.basicflow.spi.value.IntegerValue;
import io.basicflow.spi.value.TextValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The meeting forms that the plain keyword call cannot read (keyword-start-meet.md), for a meetings
 * plugin that declares {@code START MEET} and {@code MEET NEXT LINE}:
 *
 * <ul>
 *   <li>{@code [room =] START MEET name [WITH BOT | WITH OPTIONS options]}: the call of {@code START
 *       MEET} with its {@code bot} flag or its {@code options} argument.
 *   <li>{@code HEAR FROM MEET INTO x [TIMEOUT seconds]}: written as {@code x = MEET NEXT LINE
 *       [timeout]} and, while {@code x} is {@code NULL}, a {@code WAIT FOR EVENT "meet.line" TIMEOUT
 *       5} and the call again. The wait holds no thread in a durable run and is woken by a line a
 *       person says; the bounded wait also catches a line said between the call and the wait. The
 *       plugin keeps the deadline, so {@code x} is {@code ""} once the timeout has passed.
 *   <li>{@code TALK TO MEET message [AS CHAT | AS VOICE]}: the call of {@code MEET TALK} (a plugin may
 *       not declare a keyword that starts like the built-in {@code TALK}).
 * </ul>
 *
 * Without such a plugin they stay unknown keywords.
 */
final class MeetParser {

    /** The event a room's new line publishes to the conversations of its bots (the plugin's constant). */
    static final String LINE_EVENT = "meet.line";

    /** The longest a HEAR FROM MEET waits between two looks at the transcript. */
    static final long POLL_SECONDS = 5;

    private static final String START_MEET = "START MEET";
    private static final String NEXT_LINE = "MEET NEXT LINE";
    private static final String TALK = "MEET TALK";
    private static final String WOKEN = "$meet.woken";

    private final ParseContext ctx;
    private final ExpressionParser expressions;

    MeetParser(ParseContext ctx, ExpressionParser expressions) {
        this.ctx = ctx;
        this.expressions = expressions;
    }

    /** Whether the next tokens are {@code START MEET} and a plugin provides it. */
    boolean startsStartMeet() {
        return ctx.peek().is("START")
                && ctx.peek(1).is("MEET")
                && ctx.catalogue.keyword(START_MEET).isPresent();
    }

    /** Whether the next tokens are {@code TALK TO MEET} and a plugin provides it (as {@code MEET TALK}). */
    boolean startsTalkToMeet() {
        return ctx.peek().is("TALK")
                && ctx.peek(1).is("TO")
                && ctx.peek(2).is("MEET")
                && ctx.peek(3).kind() != TokenKind.COMMA
                && ctx.catalogue.keyword(TALK).isPresent();
    }

    /**
     * {@code TALK TO MEET message [AS CHAT | AS VOICE]}.
     *
     * @param out where the step goes
     * @param oneLine inside a one-line IF
     */
    void talkToMeet(List<Step> out, boolean oneLine) {
        Token talk = ctx.next();
        ctx.next();
        ctx.next();
        if (ctx.peek().endsLine()) {
            throw ctx.error(ctx.peek(), "TALK TO MEET needs the line to say, such as TALK TO MEET \"Hello everyone\"");
        }
        List<Step.Argument> arguments = new ArrayList<>();
        arguments.add(new Step.Argument("message", expressions.expression()));
        if (ctx.acceptWord("AS")) {
            Token mode = ctx.peek();
            if (!mode.is("CHAT") && !mode.is("VOICE")) {
                throw ctx.error(mode, "expected CHAT or VOICE after AS: TALK TO MEET \"…\" AS CHAT");
            }
            ctx.next();
            arguments.add(new Step.Argument(
                    "mode", literal(new TextValue(mode.upper()), ctx.span(mode.start(), mode.end()))));
        }
        ctx.endStatement(oneLine, "TALK TO MEET");
        out.add(new Step.Invoke(ctx.span(talk.start(), ctx.lastEnd()), TALK, arguments, Optional.empty()));
    }

    /** Whether the next tokens are {@code HEAR FROM MEET} and a plugin provides its steps. */
    boolean startsHearFromMeet() {
        return ctx.peek().is("HEAR")
                && ctx.peek(1).is("FROM")
                && ctx.peek(2).is("MEET")
                && ctx.catalogue.keyword(NEXT_LINE).isPresent();
    }

    /**
     * {@code START MEET name [WITH BOT | WITH OPTIONS options]}.
     *
     * @param out where the step goes
     * @param target the assignment's target, or null for the statement form
     * @param start where the statement starts
     * @param oneLine inside a one-line IF
     */
    void startMeet(List<Step> out, Target target, int start, boolean oneLine) {
        CataloguedKeyword keyword = ctx.catalogue.keyword(START_MEET).orElseThrow();
        ctx.next();
        ctx.next();
        if (ctx.peek().endsLine() || ctx.peek().is("WITH")) {
            throw ctx.error(ctx.peek(), "START MEET needs the room's name, such as START MEET \"Team Sync\"");
        }
        List<Step.Argument> arguments = new ArrayList<>();
        arguments.add(new Step.Argument("name", expressions.expression()));
        if (ctx.acceptWord("WITH")) {
            Token what = ctx.peek();
            if (what.is("BOT")) {
                ctx.next();
                arguments.add(new Step.Argument(
                        "bot",
                        new Expression(
                                "BOT", new Expr.Literal(BooleanValue.TRUE), ctx.span(what.start(), what.end()))));
            } else if (what.is("OPTIONS") && !ctx.peek(1).endsLine()) {
                ctx.next();
                arguments.add(new Step.Argument("options", expressions.expression()));
            } else {
                throw ctx.error(
                        what,
                        "expected BOT or OPTIONS after WITH: START MEET name WITH BOT, or START MEET name"
                                + " WITH OPTIONS options");
            }
        }
        ctx.endStatement(oneLine, "START MEET");
        KeywordLowerings.emit(ctx, out, keyword, arguments, Optional.ofNullable(target), start, ctx.lastEnd());
    }

    /**
     * {@code HEAR FROM MEET INTO x [TIMEOUT seconds]}.
     *
     * @param out where the steps go
     * @param oneLine inside a one-line IF
     */
    void hearFromMeet(List<Step> out, boolean oneLine) {
        Token hear = ctx.next();
        ctx.next();
        ctx.next();
        if (!ctx.acceptWord("INTO")) {
            throw ctx.error(ctx.peek(), "expected INTO and a variable: HEAR FROM MEET INTO message");
        }
        Token name = ctx.expectName("expected the variable that receives the line: HEAR FROM MEET INTO message");
        if (ctx.peek().kind() == TokenKind.DOT || ctx.peek().kind() == TokenKind.LEFT_BRACKET) {
            throw ctx.error(ctx.peek(), "HEAR FROM MEET INTO takes a plain variable; copy it into a field afterwards");
        }
        Optional<Expression> timeout = Optional.empty();
        if (ctx.acceptWord("TIMEOUT")) {
            if (ctx.peek().endsLine()) {
                throw ctx.error(ctx.peek(), "TIMEOUT needs a number of seconds, such as TIMEOUT 300");
            }
            timeout = Optional.of(expressions.expression());
        }
        ctx.endStatement(oneLine, "HEAR FROM MEET");
        SourceSpan span = ctx.span(hear.start(), ctx.lastEnd());
        String variable = name.text().toLowerCase(Locale.ROOT);
        Target target = Target.variable(variable);
        List<Step.Argument> arguments =
                timeout.map(t -> List.of(new Step.Argument("timeout", t))).orElse(List.of());
        Step.Invoke next = new Step.Invoke(span, NEXT_LINE, arguments, Optional.of(target));
        Step.Orchestrate wait = new Step.Orchestrate(
                span,
                new Orchestration.WaitForEvent(
                        literal(new TextValue(LINE_EVENT), span),
                        Optional.of(literal(IntegerValue.of(POLL_SECONDS), span)),
                        Target.variable(WOKEN)));
        Expression stillWaiting = new Expression(
                "ISNULL(" + variable + ")", new Expr.Call("ISNULL", List.of(new Expr.Variable(variable))), span);
        out.add(next);
        out.add(new Step.DoLoop(span, Step.LoopTest.WHILE_BEFORE, Optional.of(stillWaiting), List.of(wait, next)));
    }

    private static Expression literal(io.basicflow.spi.value.Value value, SourceSpan span) {
        return new Expression(value.display(), new Expr.Literal(value), span);
    }
}

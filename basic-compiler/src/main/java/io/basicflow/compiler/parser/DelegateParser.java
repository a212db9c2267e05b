package io.basicflow.compiler.parser;

import io.basicflow.compiler.lexer.Token;
import io.basicflow.spi.program.Expression;
import io.basicflow.spi.program.Orchestration;
import io.basicflow.spi.program.Step;
import io.basicflow.spi.program.Target;
import java.util.List;
import java.util.Optional;

/**
 * Parses General Bots' {@code DELEGATE task TO BOT "name" [TIMEOUT seconds]}, as a statement and as the
 * right-hand side of an assignment ({@code result = DELEGATE …}), into an {@link Orchestration.Delegate}
 * step, and {@code TRANSFER CONVERSATION TO "name"} into an {@link Orchestration.Transfer} step. The task and the bot are expressions: the task ends at the words {@code TO BOT}, the bot at
 * {@code TIMEOUT} or the end of the line.
 */
final class DelegateParser {

    private final ParseContext ctx;
    private final ExpressionParser expressions;

    DelegateParser(ParseContext ctx, ExpressionParser expressions) {
        this.ctx = ctx;
        this.expressions = expressions;
    }

    /**
     * Whether the next tokens are {@code DELEGATE … TO BOT} on one line (so that a variable, a SUB or a
     * plugin keyword named {@code delegate} stays what it is).
     */
    boolean starts() {
        if (!ctx.peek().is("DELEGATE") || ctx.peek(1).endsLine()) {
            return false;
        }
        if (ctx.outline.isProcedure("delegate")
                || ctx.catalogue.keyword("DELEGATE", 1).isPresent()) {
            return false;
        }
        for (int i = 1; !ctx.peek(i).endsLine(); i++) {
            if (ctx.peek(i).is("TO") && ctx.peek(i + 1).is("BOT")) {
                return true;
            }
        }
        return false;
    }

    /** Whether the next tokens are {@code TRANSFER CONVERSATION TO}. */
    boolean startsTransfer() {
        return ctx.peek().is("TRANSFER")
                && ctx.peek(1).is("CONVERSATION")
                && ctx.peek(2).is("TO")
                && !ctx.outline.isProcedure("transfer")
                && ctx.catalogue.keyword("TRANSFER CONVERSATION", 1).isEmpty();
    }

    /**
     * {@code TRANSFER CONVERSATION TO bot}.
     *
     * @param out where the step goes
     * @param oneLine inside a one-line IF
     */
    void transfer(List<Step> out, boolean oneLine) {
        Token transfer = ctx.next();
        ctx.next(); // CONVERSATION
        ctx.next(); // TO
        if (ctx.peek().endsLine()) {
            throw ctx.error(
                    ctx.peek(),
                    "TRANSFER CONVERSATION TO needs the bot's name, such as TRANSFER CONVERSATION TO \"billing\"");
        }
        Expression bot = expressions.expression();
        ctx.endStatement(oneLine, "TRANSFER CONVERSATION TO " + bot.text());
        out.add(new Step.Orchestrate(ctx.span(transfer.start(), ctx.lastEnd()), new Orchestration.Transfer(bot)));
    }

    /**
     * {@code DELEGATE task TO BOT bot [TIMEOUT seconds]}.
     *
     * @param out where the step goes
     * @param target the assignment's target, or null for the statement form
     * @param start where the statement starts (the target's first character for an assignment)
     * @param oneLine inside a one-line IF
     */
    void delegate(List<Step> out, Target target, int start, boolean oneLine) {
        Token delegate = ctx.next();
        if (ctx.peek().is("TO") && ctx.peek(1).is("BOT")) {
            throw ctx.error(
                    ctx.peek(),
                    "DELEGATE needs a task before TO BOT, such as DELEGATE \"check the order\" TO BOT \"orders\"");
        }
        Expression task = expressions.expression();
        if (!ctx.acceptWord("TO") || !ctx.acceptWord("BOT")) {
            throw ctx.error(
                    ctx.peek(),
                    "expected TO BOT \"name\" after the task of DELEGATE " + task.text()
                            + " (an operator may be missing inside the task)");
        }
        if (ctx.peek().endsLine() || ctx.peek().is("TIMEOUT")) {
            throw ctx.error(ctx.peek(), "TO BOT needs the bot's name, such as TO BOT \"billing\"");
        }
        Expression bot = expressions.expression();
        Optional<Expression> timeout = Optional.empty();
        if (ctx.acceptWord("TIMEOUT")) {
            if (ctx.peek().endsLine()) {
                throw ctx.error(ctx.peek(), "TIMEOUT needs a number of seconds, such as TIMEOUT 60");
            }
            timeout = Optional.of(expressions.expression());
        }
        ctx.endStatement(oneLine, "DELEGATE … TO BOT " + bot.text());
        out.add(new Step.Orchestrate(
                ctx.span(target == null ? delegate.start() : start, ctx.lastEnd()),
                new Orchestration.Delegate(task, bot, timeout, Optional.ofNullable(target))));
    }
}

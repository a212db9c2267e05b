package io.basicflow.compiler.parser;

import io.basicflow.compiler.lexer.Token;
import io.basicflow.spi.program.Expr;
import io.basicflow.spi.program.Expression;
import io.basicflow.spi.program.Orchestration;
import io.basicflow.spi.program.SourceSpan;
import io.basicflow.spi.program.Step;
import io.basicflow.spi.program.Target;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses General Bots' conversation-level bot set (keyword-add-bot.md, keywords-multi-agent.md): {@code
 * ADD BOT "name" [WITH] TRIGGER [ON] "words"} / {@code TOOLS "names"} / {@code SCHEDULE "cron"} (in any
 * order, each at most once),
 * {@code REMOVE BOT "name"} and {@code BROADCAST message TO BOTS}, into {@link Orchestration.AddBot},
 * {@link Orchestration.RemoveBot} and {@link Orchestration.Broadcast} steps; and, in a script that adds
 * bots, follows each {@code HEAR} with a {@link Orchestration.RouteInput} step.
 */
final class BotSetParser {

    /** A script adds bots when a line (or a one-line IF's THEN/ELSE) starts with ADD BOT. */
    private static final Pattern ADDS_BOTS = Pattern.compile("(?im)(^|[:]|\\bTHEN|\\bELSE)[ \\t]*ADD[ \\t]+BOT\\b");

    private final ParseContext ctx;
    private final ExpressionParser expressions;
    private Boolean addsBots;

    BotSetParser(ParseContext ctx, ExpressionParser expressions) {
        this.ctx = ctx;
        this.expressions = expressions;
    }

    /** Whether the next tokens are {@code ADD BOT}, {@code REMOVE BOT} or {@code BROADCAST … TO BOTS}. */
    boolean starts() {
        Token first = ctx.peek();
        if ((first.is("ADD") || first.is("REMOVE")) && ctx.peek(1).is("BOT")) {
            return ctx.catalogue.keyword(first.upper() + " BOT", 1).isEmpty();
        }
        if (first.is("BROADCAST")
                && !ctx.peek(1).endsLine()
                && ctx.catalogue.keyword("BROADCAST", 1).isEmpty()) {
            for (int i = 1; !ctx.peek(i).endsLine(); i++) {
                if (ctx.peek(i).is("TO") && ctx.peek(i + 1).is("BOTS")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * One of the three statements.
     *
     * @param out where the step goes
     * @param oneLine inside a one-line IF
     */
    void statement(List<Step> out, boolean oneLine) {
        Token first = ctx.next();
        if (first.is("BROADCAST")) {
            if (ctx.peek().is("TO") && ctx.peek(1).is("BOTS")) {
                throw ctx.error(
                        ctx.peek(),
                        "BROADCAST needs a message before TO BOTS, such as BROADCAST \"PRICE_UPDATE\"" + " TO BOTS");
            }
            Expression message = expressions.expression();
            if (!ctx.acceptWord("TO") || !ctx.acceptWord("BOTS")) {
                throw ctx.error(
                        ctx.peek(),
                        "expected TO BOTS after the message of BROADCAST " + message.text()
                                + " (an operator may be missing inside the message)");
            }
            ctx.endStatement(oneLine, "BROADCAST … TO BOTS");
            out.add(new Step.Orchestrate(ctx.span(first.start(), ctx.lastEnd()), new Orchestration.Broadcast(message)));
            return;
        }
        boolean add = first.is("ADD");
        ctx.next(); // BOT
        String what = add ? "ADD BOT" : "REMOVE BOT";
        if (ctx.peek().endsLine()) {
            throw ctx.error(ctx.peek(), what + " needs the bot's name, such as " + what + " \"sales-bot\"");
        }
        Expression bot = expressions.expression();
        if (!add) {
            ctx.endStatement(oneLine, "REMOVE BOT " + bot.text());
            out.add(new Step.Orchestrate(ctx.span(first.start(), ctx.lastEnd()), new Orchestration.RemoveBot(bot)));
            return;
        }
        Optional<Expression> triggers = Optional.empty();
        Optional<Expression> tools = Optional.empty();
        Optional<Expression> schedule = Optional.empty();
        while (!ctx.peek().endsLine() && !(oneLine && ctx.peek().is("ELSE"))) {
            ctx.acceptWord("WITH");
            Token clause = ctx.peek();
            if (clause.is("TRIGGER") && triggers.isEmpty()) {
                ctx.next();
                ctx.acceptWord("ON");
                triggers = Optional.of(clauseValue(clause, "TRIGGER \"pricing, quote\""));
            } else if (clause.is("TOOLS") && tools.isEmpty()) {
                ctx.next();
                tools = Optional.of(clauseValue(clause, "TOOLS \"calculate, forecast\""));
            } else if (clause.is("SCHEDULE") && schedule.isEmpty()) {
                ctx.next();
                schedule = Optional.of(scheduleValue(clause));
            } else {
                throw ctx.error(
                        clause,
                        "expected TRIGGER \"words\", TOOLS \"names\" or SCHEDULE \"cron\" after ADD BOT "
                                + bot.text()
                                + (clause.is("TRIGGER") || clause.is("TOOLS") || clause.is("SCHEDULE")
                                        ? " (each at most once)"
                                        : ""));
            }
        }
        ctx.endStatement(oneLine, "ADD BOT " + bot.text());
        out.add(new Step.Orchestrate(
                ctx.span(first.start(), ctx.lastEnd()), new Orchestration.AddBot(bot, triggers, tools, schedule)));
    }

    /**
     * The value of {@code SCHEDULE}: any expression; a text written in the line must be a schedule
     * {@code SET SCHEDULE} accepts (cron, six fields, the English forms) or a date-time, else a compile
     * error at the string.
     */
    private Expression scheduleValue(Token clause) {
        Token at = ctx.peek();
        Expression value = clauseValue(clause, "SCHEDULE \"0 9 * * MON\"");
        if (value.tree() instanceof Expr.Literal literal
                && literal.value() instanceof io.basicflow.spi.value.TextValue text
                && !DATE_TIME.matcher(text.value().strip()).matches()) {
            try {
                io.basicflow.compiler.schedule.ScheduleExpression.parse(text.value());
            } catch (IllegalArgumentException e) {
                throw ctx.error(at, "ADD BOT … SCHEDULE: " + e.getMessage());
            }
        }
        return value;
    }

    /** A date or date-time text (a one-time start), which the schedule check leaves to the run. */
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}([ T].*)?");

    private Expression clauseValue(Token clause, String example) {
        if (ctx.peek().endsLine()) {
            throw ctx.error(ctx.peek(), clause.upper() + " needs a value, such as " + example);
        }
        return expressions.expression();
    }

    /**
     * After a {@code HEAR} of a script that adds bots: the step that hands a triggering input to its bot.
     *
     * @param out where the step goes (right after the HEAR)
     * @param span the HEAR's span
     * @param target the HEAR's target
     */
    void afterHear(List<Step> out, SourceSpan span, Target target) {
        if (addsBots == null) {
            addsBots = ADDS_BOTS.matcher(ctx.text).find();
        }
        if (addsBots) {
            out.add(new Step.Orchestrate(span, new Orchestration.RouteInput(target)));
        }
    }
}

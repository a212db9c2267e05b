package io.basicflow.compiler.parser;

import io.basicflow.compiler.lexer.Token;
import io.basicflow.compiler.lexer.TokenKind;
import io.basicflow.spi.program.Expression;
import io.basicflow.spi.program.Orchestration;
import io.basicflow.spi.program.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * The run-time form of {@code SET SCHEDULE}, which starts another script: {@code SET SCHEDULE when,
 * "script.bas" [, argument…]} (keywords-lead-scoring.md: {@code SET SCHEDULE DATEADD(NOW(), 3, "day"),
 * "nurture-day-3.bas"}) and General Bots' form without commas, {@code SET SCHEDULE "0 6 * * *"
 * "erp-jobs.bas" "inventory_reorder"}. It compiles to a {@link Orchestration.ScheduleScript} step; the
 * declaration {@code SET SCHEDULE "cron"} alone on its line stays {@link ScheduleParser}'s.
 */
final class RuntimeScheduleParser {

    private final ParseContext ctx;
    private final ExpressionParser expressions;

    RuntimeScheduleParser(ParseContext ctx, ExpressionParser expressions) {
        this.ctx = ctx;
        this.expressions = expressions;
    }

    /**
     * Whether the statement is {@code SET SCHEDULE} followed by more than one string (the declaration)
     * and not an assignment to a variable named {@code schedule}.
     */
    boolean starts() {
        if (!ctx.peek().is("SET") || !ctx.peek(1).is("SCHEDULE")) {
            return false;
        }
        Token third = ctx.peek(2);
        return !third.endsLine() && third.kind() != TokenKind.EQUAL && third.kind() != TokenKind.DOT;
    }

    /** Parses the statement into its step. */
    void statement(List<Step> out, boolean oneLine) {
        Token set = ctx.next();
        ctx.next(); // SCHEDULE
        Expression when = expressions.expression();
        if (ctx.peek().endsLine()) {
            throw ctx.error(
                    ctx.peek(),
                    "SET SCHEDULE " + when.text() + " needs the script to start after it, such as SET SCHEDULE "
                            + when.text() + ", \"report.bas\" (a schedule of this script itself is a string"
                            + " on its own: SET SCHEDULE \"0 8 * * *\")");
        }
        ctx.accept(TokenKind.COMMA);
        Expression script = expressions.expression();
        List<Expression> arguments = new ArrayList<>();
        while (!ctx.peek().endsLine()) {
            ctx.accept(TokenKind.COMMA);
            arguments.add(expressions.expression());
        }
        ctx.endStatement(oneLine, "SET SCHEDULE");
        out.add(new Step.Orchestrate(
                ctx.span(set.start(), ctx.lastEnd()), new Orchestration.ScheduleScript(when, script, arguments)));
    }
}

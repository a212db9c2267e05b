package io.basicflow.compiler.parser;

import io.basicflow.compiler.diagnostics.DiagnosticKind;
import io.basicflow.compiler.lexer.Token;
import io.basicflow.compiler.schedule.ScheduleDeclaration;
import io.basicflow.compiler.schedule.ScheduleExpression;

/**
 * {@code SET SCHEDULE "expression"}: a declaration of the script (see {@link ScheduleDeclaration}),
 * checked here and compiled to no step. A wrong expression is a syntax error at its string.
 */
final class ScheduleParser {

    private final ParseContext ctx;

    ScheduleParser(ParseContext ctx) {
        this.ctx = ctx;
    }

    /** Whether the statement is a schedule declaration. */
    boolean starts() {
        return ScheduleDeclaration.isDeclaration(ctx.peek(), ctx.peek(1), ctx.peek(2), ctx.peek(3));
    }

    /** Checks and consumes the declaration. */
    void declaration(boolean oneLine) {
        Token set = ctx.peek();
        if (oneLine) {
            throw ctx.error(
                    set,
                    "SET SCHEDULE declares when the whole script runs; it cannot stand inside a one-line IF"
                            + " (put it on a line of its own)");
        }
        ctx.next();
        ctx.next();
        Token string = ctx.next();
        try {
            ScheduleExpression.parse(ScheduleDeclaration.textOf(string));
        } catch (IllegalArgumentException e) {
            ctx.report(DiagnosticKind.SYNTAX, string.start(), string.end(), "SET SCHEDULE: " + e.getMessage());
        }
        ctx.endStatement(false, "SET SCHEDULE");
    }
}

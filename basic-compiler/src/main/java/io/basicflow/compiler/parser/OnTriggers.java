package io.basicflow.compiler.parser;

import io.basicflow.compiler.diagnostics.DiagnosticKind;
import io.basicflow.compiler.events.EventHandlerDeclaration;
import io.basicflow.compiler.events.MonitorDeclaration;
import io.basicflow.compiler.events.RowTriggerDeclaration;
import io.basicflow.compiler.lexer.Token;
import io.basicflow.compiler.lexer.TokenKind;
import java.util.Map;

/**
 * General Bots' {@code ON} triggers. Event handlers ({@code ON "name" … END ON}), table triggers ({@code ON
 * INSERT|UPDATE|DELETE OF "table"}), e-mail monitors ({@code ON EMAIL "address" [FROM "x"] [SUBJECT "y"]}) and
 * folder monitors ({@code ON CHANGE "path" [EVENTS "…"]}) are declarations the script's own run skips (each
 * with its block up to {@code END ON} or, for the triggers and monitors, the one-line form whose body is the
 * rest of the script up to the next trigger); their bodies are compiled as scripts of their own. {@code ON
 * EVENT name DO} with no string is reported as a keyword basicflow does not provide, naming what to write
 * instead, so {@code check} lists it with the unknown keywords and the script does not compile; the line
 * and its block up to {@code END ON} (when one closes it with the built-in blocks between balanced) are
 * skipped so that the rest of the script is still checked. (docs/triggers.md says how each trigger runs.)
 */
final class OnTriggers {

    /** The trigger word after {@code ON} of the triggers basicflow does not run, and what to use instead. */
    private static final Map<String, String> INSTEAD = Map.of(
            "EVENT",
            "name the event with a string (ON EVENT \"name\" DO … END ON): a handler is registered when the script"
                    + " is deployed, before any variable has a value; or wait for it with WAIT FOR EVENT where the"
                    + " script needs it");

    /** The monitors basicflow runs ({@code ON EMAIL}, {@code ON CHANGE}): declarations like the table triggers. */
    private static final java.util.Set<String> BUILT = java.util.Set.of("EMAIL", "CHANGE");

    private final ParseContext ctx;

    OnTriggers(ParseContext ctx) {
        this.ctx = ctx;
    }

    /** Whether the next tokens are one of these triggers ({@code ON INSERT OF …}, {@code ON EVENT …}, …). */
    boolean starts() {
        if (!ctx.peek().is("ON")) {
            return false;
        }
        Token word = ctx.peek(1);
        if (EventHandlerDeclaration.opens(ctx.peek(), word, ctx.peek(2))) {
            return true;
        }
        if (word.is("INSERT") || word.is("UPDATE") || word.is("DELETE")) {
            return ctx.peek(2).is("OF");
        }
        return (word.is("EVENT") || word.is("CHANGE") || word.is("EMAIL"))
                && !ctx.peek(2).endsLine();
    }

    /** Reports the trigger and skips its line and, when it has one, its block up to {@code END ON}. */
    void statement() {
        if (EventHandlerDeclaration.opens(ctx.peek(), ctx.peek(1), ctx.peek(2))) {
            handler();
            return;
        }
        if (RowTriggerDeclaration.OPERATIONS.contains(ctx.peek(1).upper())) {
            rowTrigger();
            return;
        }
        if (BUILT.contains(ctx.peek(1).upper())) {
            monitor();
            return;
        }
        Token on = ctx.next();
        Token word = ctx.next();
        String trigger = word.upper();
        String form = "ON EVENT \"name\" DO … END ON (a handler run when an event comes)";
        ctx.sink.report(
                DiagnosticKind.UNKNOWN_KEYWORD,
                on.start(),
                word.end(),
                form + " is not supported by basicflow yet (see docs/" + "orchestration.md): " + INSTEAD.get(trigger),
                "ON " + trigger);
        // a block only when an END ON closes it with the built-in blocks between balanced
        int endLine = ctx.outline.unknownBlockEnd(on.line(), "ON", false);
        skipLine();
        if (endLine > 0 && !anotherTriggerBefore(endLine)) {
            ctx.tokens.resetTo(ctx.source.lineEnd(endLine));
            skipLine();
        }
    }

    /**
     * An event handler ({@code ON "name" … END ON}, {@code ON EVENT "name" DO … END ON}, {@code ON "name"
     * CALL Sub}): a declaration that the script's own run skips. Its body is compiled as the handler's
     * own script ({@code ScriptService} checks it through {@link EventHandlerDeclaration}).
     */
    private void handler() {
        Token on = ctx.next();
        if (ctx.peek().is("EVENT")) {
            ctx.next();
        }
        Token name = ctx.next();
        if (io.basicflow.compiler.schedule.ScheduleDeclaration.textOf(name).isBlank()) {
            throw ctx.error(name, "an event handler needs an event name, such as ON \"lead:created\"");
        }
        if (ctx.peek().is("DO")) {
            ctx.next();
        }
        if (ctx.peek().is("CALL")) {
            ctx.next();
            if (ctx.peek().kind() != TokenKind.IDENTIFIER) {
                throw ctx.error(
                        ctx.peek(),
                        "ON \"event\" CALL needs the name of a SUB, such as ON \"new_message\" CALL"
                                + " HandleMessage");
            }
            ctx.next();
            ctx.endStatement(false, "ON … CALL");
            return;
        }
        if (!ctx.peek().endsLine()) {
            throw ctx.error(
                    ctx.peek(),
                    "expected the end of the line after ON " + name.text()
                            + ": the handler's statements go on the lines below, up to END ON (or write ON "
                            + name.text() + " CALL SubName)");
        }
        int endLine = ctx.outline.unknownBlockEnd(on.line(), "ON", false);
        if (endLine == 0) {
            throw ctx.error(
                    on,
                    "ON " + name.text() + " opens an event handler that has no END ON (or whose"
                            + " IF/FOR/DO blocks do not close inside it)");
        }
        ctx.tokens.resetTo(ctx.source.lineEnd(endLine));
        skipLine();
    }

    /**
     * A monitor ({@code ON EMAIL "address" [FROM "sender"] [SUBJECT "pattern"]}, {@code ON CHANGE "path"
     * [EVENTS "…"]}): a declaration that the script's own run skips, with its block up to {@code END ON} or,
     * in the one-line form, the rest of the script up to the next trigger or handler. Its body is compiled
     * as the monitor's own script ({@code ScriptService} checks it through {@link MonitorDeclaration}).
     */
    private void monitor() {
        Token on = ctx.next();
        Token word = ctx.next();
        String kind = word.upper();
        boolean email = kind.equals("EMAIL");
        Token target = ctx.peek();
        String example = email ? "ON EMAIL \"support@example.com\"" : "ON CHANGE \"uploads/incoming\"";
        if (target.kind() != TokenKind.STRING
                || io.basicflow.compiler.schedule.ScheduleDeclaration.textOf(target)
                        .isBlank()) {
            throw ctx.error(
                    target,
                    "ON " + kind + " needs the " + (email ? "monitored address" : "watched folder") + " in quotes,"
                            + " such as " + example + " (a monitor is registered when the script is deployed,"
                            + " before any variable has a value)");
        }
        ctx.next();
        if (!email) {
            FolderPaths.check(ctx, target);
        }
        java.util.Set<String> allowed = email ? java.util.Set.of("FROM", "SUBJECT") : java.util.Set.of("EVENTS");
        String expected = email ? "FROM \"sender\", SUBJECT \"pattern\"" : "EVENTS \"create, modify, delete\"";
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (!ctx.peek().endsLine()) {
            Token clause = ctx.peek();
            if (!allowed.contains(clause.upper())) {
                throw ctx.error(
                        clause,
                        "expected " + expected + " or the end of the line after ON " + kind + " " + target.text()
                                + ": the monitor's statements go on the lines below, up to END ON");
            }
            if (!seen.add(clause.upper())) {
                throw ctx.error(clause, "ON " + kind + " has " + clause.upper() + " twice");
            }
            ctx.next();
            Token value = ctx.peek();
            if (value.kind() != TokenKind.STRING) {
                throw ctx.error(
                        value,
                        clause.upper() + " needs its text in quotes (a monitor is registered when the script is"
                                + " deployed, before any variable has a value)");
            }
            if (clause.is("EVENTS")) {
                FolderPaths.checkEvents(ctx, value);
            }
            ctx.next();
        }
        skipBlock(on);
    }

    /**
     * A table trigger ({@code ON INSERT|UPDATE|DELETE OF "table"}): a declaration that the script's own run
     * skips, with its block up to {@code END ON} or, in keyword-on.md's one-line form, the rest of the
     * script up to the next trigger or handler. Its body is compiled as the trigger's own script ({@code
     * ScriptService} checks it through {@link RowTriggerDeclaration}).
     */
    private void rowTrigger() {
        Token on = ctx.next();
        Token operation = ctx.next();
        ctx.next(); // OF
        Token table = ctx.peek();
        if (table.kind() != TokenKind.STRING
                || io.basicflow.compiler.schedule.ScheduleDeclaration.textOf(table)
                        .isBlank()) {
            throw ctx.error(
                    table,
                    "ON " + operation.upper() + " OF needs the table's name in quotes, such as ON "
                            + operation.upper() + " OF \"orders\" (a trigger is installed when the script is"
                            + " deployed, before any variable has a value)");
        }
        ctx.next();
        if (!ctx.peek().endsLine()) {
            throw ctx.error(
                    ctx.peek(),
                    "expected the end of the line after ON " + operation.upper() + " OF " + table.text()
                            + ": the trigger's statements go on the lines below, up to END ON");
        }
        skipBlock(on);
    }

    /**
     * Skips a trigger's line and its body: up to its {@code END ON} when one closes it with no other trigger
     * before it, else (keyword-on.md's one-line form) the rest of the script up to the next trigger or
     * handler.
     */
    private void skipBlock(Token on) {
        int endLine = ctx.outline.unknownBlockEnd(on.line(), "ON", false);
        skipLine();
        if (endLine > 0 && !anotherTriggerBefore(endLine)) {
            ctx.tokens.resetTo(ctx.source.lineEnd(endLine));
            skipLine();
            return;
        }
        while (ctx.peek().kind() != TokenKind.END_OF_INPUT && !opensTrigger(0)) {
            skipLine();
        }
    }

    /** Whether the statement at token {@code i} from here opens a trigger or an event handler. */
    private boolean opensTrigger(int i) {
        return ctx.peek(i).is("ON")
                && (INSTEAD.containsKey(ctx.peek(i + 1).upper())
                        || BUILT.contains(ctx.peek(i + 1).upper())
                        || RowTriggerDeclaration.OPERATIONS.contains(
                                ctx.peek(i + 1).upper())
                        || EventHandlerDeclaration.opens(ctx.peek(i), ctx.peek(i + 1), ctx.peek(i + 2)));
    }

    /** Whether a line before {@code endLine} starts another trigger (this one then has no block). */
    private boolean anotherTriggerBefore(int endLine) {
        boolean lineStart = true;
        for (int i = 0; ; i++) {
            Token token = ctx.peek(i);
            if (token.kind() == TokenKind.END_OF_INPUT || token.line() >= endLine) {
                return false;
            }
            if (lineStart && opensTrigger(i)) {
                return true;
            }
            lineStart = token.kind() == TokenKind.NEWLINE;
        }
    }

    private void skipLine() {
        while (!ctx.peek().endsLine()) {
            ctx.next();
        }
        if (ctx.peek().kind() == TokenKind.NEWLINE) {
            ctx.next();
        }
    }
}

package io.basicflow.compiler.parser;

import io.basicflow.compiler.diagnostics.DiagnosticKind;
import io.basicflow.compiler.lexer.Token;
import io.basicflow.compiler.schedule.ScheduleDeclaration;
import io.basicflow.compiler.webhook.WebhookDeclaration;

/**
 * {@code WEBHOOK "name"}: a declaration of the script (see {@link WebhookDeclaration}), checked here
 * and compiled to no step. A name that is not letters, digits, hyphens and underscores is a syntax
 * error at its string.
 */
final class WebhookParser {

    private final ParseContext ctx;

    WebhookParser(ParseContext ctx) {
        this.ctx = ctx;
    }

    /** Whether the statement is a webhook declaration. */
    boolean starts() {
        return WebhookDeclaration.isDeclaration(ctx.peek(), ctx.peek(1), ctx.peek(2));
    }

    /** Checks and consumes the declaration. */
    void declaration(boolean oneLine) {
        Token webhook = ctx.peek();
        if (oneLine) {
            throw ctx.error(
                    webhook,
                    "WEBHOOK declares that the whole script is an HTTP endpoint; it cannot stand inside a one-line"
                            + " IF (put it on a line of its own)");
        }
        ctx.next();
        Token string = ctx.next();
        String name = ScheduleDeclaration.textOf(string);
        if (!WebhookDeclaration.NAME.matcher(name).matches()) {
            ctx.report(
                    DiagnosticKind.SYNTAX,
                    string.start(),
                    string.end(),
                    "WEBHOOK: the endpoint's name must be 1 to 100 letters, digits, hyphens and underscores"
                            + " (it becomes the path /api/<bot>/webhook/<name>), was \"" + name + "\"");
        }
        ctx.endStatement(false, "WEBHOOK");
    }
}

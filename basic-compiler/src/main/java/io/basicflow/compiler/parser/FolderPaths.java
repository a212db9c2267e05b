package io.basicflow.compiler.parser;

import io.basicflow.compiler.diagnostics.DiagnosticKind;
import io.basicflow.compiler.events.FolderEvents;
import io.basicflow.compiler.lexer.Token;
import io.basicflow.compiler.schedule.ScheduleDeclaration;
import java.util.Optional;

/** The compile-time checks of {@code ON CHANGE "path" EVENTS "…"}: a folder of the bot's storage, known events. */
final class FolderPaths {

    private FolderPaths() {}

    /**
     * Reports a folder that cannot be watched. It does not stop the statement: the caller goes on and skips
     * the monitor's block up to its {@code END ON}, so that one refused path is one error, not also an
     * {@code END ON without ON}.
     */
    static void check(ParseContext ctx, Token path) {
        Optional<String> problem = FolderEvents.problemOf(ScheduleDeclaration.textOf(path));
        problem.ifPresent(message ->
                ctx.sink.report(DiagnosticKind.SYNTAX, path.start(), Math.max(path.end(), path.start() + 1), message));
    }

    static void checkEvents(ParseContext ctx, Token list) {
        try {
            FolderEvents.parse(Optional.of(ScheduleDeclaration.textOf(list)));
        } catch (IllegalArgumentException e) {
            throw ctx.error(list, e.getMessage());
        }
    }
}

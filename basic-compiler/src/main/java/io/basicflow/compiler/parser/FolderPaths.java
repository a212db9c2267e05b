package io.basicflow.compiler.parser;

import io.basicflow.compiler.events.FolderEvents;
import io.basicflow.compiler.lexer.Token;
import io.basicflow.compiler.schedule.ScheduleDeclaration;
import java.util.Optional;

/** The compile-time checks of {@code ON CHANGE "path" EVENTS "…"}: a folder of the bot's storage, known events. */
final class FolderPaths {

    private FolderPaths() {}

    static void check(ParseContext ctx, Token path) {
        Optional<String> problem = FolderEvents.problemOf(ScheduleDeclaration.textOf(path));
        if (problem.isPresent()) {
            throw ctx.error(path, problem.get());
        }
    }

    static void checkEvents(ParseContext ctx, Token list) {
        try {
            FolderEvents.parse(Optional.of(ScheduleDeclaration.textOf(list)));
        } catch (IllegalArgumentException e) {
            throw ctx.error(list, e.getMessage());
        }
    }
}

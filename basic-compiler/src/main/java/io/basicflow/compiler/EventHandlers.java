package io.basicflow.compiler;

import io.basicflow.compiler.catalogue.KeywordCatalogue;
import io.basicflow.compiler.diagnostics.Diagnostic;
import io.basicflow.compiler.events.EventHandlerDeclaration;
import io.basicflow.compiler.events.MonitorDeclaration;
import io.basicflow.compiler.events.RowTriggerDeclaration;
import io.basicflow.compiler.parser.ScriptParser;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks the bodies of a script's event handlers ({@code ON "event" … END ON}), which the script's own
 * parse skips: each handler's text ({@link EventHandlerDeclaration#source}) is compiled as the script
 * it runs as, and its errors inside the handler's lines are the script's (errors in the script's
 * {@code SUB}s, which the handler's text keeps, are reported by the script's own parse).
 */
final class EventHandlers {

    private static final Pattern HANDLER_LINE = Pattern.compile(
            "(?im)^[ \\t]*ON[ \\t]+((EVENT[ \\t]+)?\"|(INSERT|UPDATE|DELETE)[ \\t]+OF[ \\t]|(EMAIL|CHANGE)[ \\t])");

    private EventHandlers() {}

    static List<Diagnostic> diagnostics(String name, String source, KeywordCatalogue catalogue) {
        if (!mayDeclare(source)) {
            return List.of();
        }
        List<Diagnostic> found = new ArrayList<>();
        List<int[]> bodies = new ArrayList<>(); // {firstBodyLine, lastBodyLine}
        List<String> texts = new ArrayList<>();
        for (EventHandlerDeclaration handler : EventHandlerDeclaration.declaredIn(name, source)) {
            bodies.add(new int[] {handler.firstBodyLine(), handler.lastBodyLine()});
            texts.add(handler.source());
        }
        for (RowTriggerDeclaration trigger : RowTriggerDeclaration.declaredIn(name, source)) {
            bodies.add(new int[] {trigger.firstBodyLine(), trigger.lastBodyLine()});
            texts.add(trigger.source());
        }
        for (MonitorDeclaration monitor : MonitorDeclaration.declaredIn(name, source)) {
            bodies.add(new int[] {monitor.firstBodyLine(), monitor.lastBodyLine()});
            texts.add(monitor.source());
        }
        for (int k = 0; k < bodies.size(); k++) {
            int[] body = bodies.get(k);
            for (Diagnostic diagnostic :
                    ScriptParser.parse(name, texts.get(k), catalogue).diagnostics()) {
                if (diagnostic.line() >= body[0] && diagnostic.line() <= body[1]) {
                    String[] lines = source.split("\r\n|\r|\n", -1);
                    found.add(new Diagnostic(
                            diagnostic.file(),
                            diagnostic.line(),
                            diagnostic.column(),
                            diagnostic.length(),
                            diagnostic.kind(),
                            diagnostic.message(),
                            lines[diagnostic.line() - 1], // the script's line, not the handler's
                            diagnostic.subject()));
                }
            }
        }
        return found;
    }

    /** A cheap test before the lexer: whether a line starts with {@code ON "} or {@code ON EVENT "}. */
    private static boolean mayDeclare(String source) {
        return HANDLER_LINE.matcher(source).find();
    }
}

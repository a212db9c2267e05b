package io.basicflow.compiler.events;

import static java.util.Objects.requireNonNull;

import io.basicflow.compiler.lexer.Lexer;
import io.basicflow.compiler.lexer.SourceText;
import io.basicflow.compiler.lexer.Token;
import io.basicflow.compiler.lexer.TokenKind;
import io.basicflow.compiler.schedule.ScheduleDeclaration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One event handler of a script: {@code ON "event" … END ON} (keywords-lead-scoring.md), {@code ON EVENT
 * "event" DO … END ON} (the customer-support corpus script) or {@code ON "event" CALL Sub}
 * (keyword-reference-complete.md). Like {@code SET SCHEDULE "cron"}, it is a declaration: the script's
 * own run skips it; whoever deploys the script registers it, and each publication of the event starts
 * one execution of the handler with the event's data in {@code params}.
 *
 * <p>The handler runs as a script of its own: {@link #source} is the declaring script with every line
 * blanked except the handler's body (or, for the {@code CALL} form, that call) and the script's {@code
 * SUB} and {@code FUNCTION} blocks, so that its line numbers are the script's.
 *
 * @param event the event's name
 * @param line the 1-based line of the {@code ON}
 * @param firstBodyLine the first line of the handler's body (the {@code ON} line for the {@code CALL} form)
 * @param lastBodyLine the last line of its body
 * @param source the handler's text, as described above
 */
public record EventHandlerDeclaration(String event, int line, int firstBodyLine, int lastBodyLine, String source) {

    /**
     * Validates the parts.
     *
     * @param event not null
     * @param line the line
     * @param firstBodyLine the first body line
     * @param lastBodyLine the last body line
     * @param source not null
     */
    public EventHandlerDeclaration {
        requireNonNull(event, "event is null");
        requireNonNull(source, "source is null");
    }

    /** Every token of a script, up to and with its end of input. */
    static List<Token> tokensOf(String name, String source) {
        List<Token> tokens = new ArrayList<>();
        Lexer lexer = new Lexer(new SourceText(name, source));
        for (Token t = lexer.next(); ; t = lexer.next()) {
            tokens.add(t);
            if (t.kind() == TokenKind.END_OF_INPUT) {
                return tokens;
            }
        }
    }

    /** A handler's opening as the tokens at a statement's start show it. */
    private record Opening(String event, Optional<String> callee) {}

    /**
     * Whether tokens at a statement's start open a handler: {@code ON "name"} or {@code ON EVENT "name"}.
     *
     * @param on the statement's first token
     * @param second the second
     * @param third the third
     * @return whether they do
     */
    public static boolean opens(Token on, Token second, Token third) {
        return on.is("ON")
                && (second.kind() == TokenKind.STRING || (second.is("EVENT") && third.kind() == TokenKind.STRING));
    }

    /**
     * The handlers a script declares, in line order. A handler without its {@code END ON} is left out (the
     * compiler reports it).
     *
     * @param name the script's name
     * @param source its text
     * @return its handlers
     */
    public static List<EventHandlerDeclaration> declaredIn(String name, String source) {
        List<Token> tokens = tokensOf(name, source);
        String[] lines = source.split("\r\n|\r|\n", -1);
        boolean[] routines = new boolean[lines.length + 2];
        List<int[]> handlers = new ArrayList<>(); // {onLine, firstBody, lastBody, index of opening}
        List<Opening> openings = new ArrayList<>();
        int routineStart = 0;
        int handlerStart = 0;
        Opening open = null;
        boolean statementStart = true;
        for (int i = 0; i < tokens.size() - 1; i++) {
            Token t = tokens.get(i);
            if (statementStart) {
                Token next = tokens.get(i + 1);
                Token third = i + 2 < tokens.size() ? tokens.get(i + 2) : next;
                if (open == null && routineStart == 0 && opens(t, next, third)) {
                    Token string = next.kind() == TokenKind.STRING ? next : third;
                    int after = tokens.indexOf(string) + 1;
                    if (after < tokens.size() && tokens.get(after).is("DO")) {
                        after++;
                    }
                    Token following = tokens.get(after);
                    String event = ScheduleDeclaration.textOf(string).strip();
                    if (following.is("CALL") && tokens.get(after + 1).kind() == TokenKind.IDENTIFIER) {
                        openings.add(new Opening(
                                event, Optional.of(tokens.get(after + 1).text())));
                        handlers.add(new int[] {t.line(), t.line(), t.line(), openings.size() - 1});
                    } else if (following.endsLine()) {
                        open = new Opening(event, Optional.empty());
                        handlerStart = t.line();
                    }
                } else if (open != null && t.is("END") && next.is("ON")) {
                    openings.add(open);
                    handlers.add(new int[] {handlerStart, handlerStart + 1, t.line() - 1, openings.size() - 1});
                    open = null;
                } else if (open == null
                        && routineStart == 0
                        && (t.is("SUB") || t.is("FUNCTION"))
                        && next.kind() == TokenKind.IDENTIFIER) {
                    routineStart = t.line();
                } else if (routineStart > 0 && t.is("END") && (next.is("SUB") || next.is("FUNCTION"))) {
                    for (int line = routineStart; line <= t.line(); line++) {
                        routines[line] = true;
                    }
                    routineStart = 0;
                }
            }
            statementStart = t.kind() == TokenKind.NEWLINE;
        }
        List<EventHandlerDeclaration> found = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int[] handler : handlers) {
            Opening opening = openings.get(handler[3]);
            if (opening.event().isEmpty() || !seen.add(opening.event() + "\n" + handler[0])) {
                continue;
            }
            StringBuilder text = new StringBuilder();
            for (int line = 1; line <= lines.length; line++) {
                if (line > 1) {
                    text.append('\n');
                }
                if (opening.callee().isPresent() && line == handler[0]) {
                    // the call where the script writes it, so that columns are the script's
                    String original = lines[line - 1];
                    int call = original.toUpperCase(java.util.Locale.ROOT).indexOf("CALL ");
                    text.append(" ".repeat(Math.max(0, call)))
                            .append("CALL ")
                            .append(opening.callee().get());
                } else if (opening.callee().isEmpty() && line >= handler[1] && line <= handler[2] || routines[line]) {
                    text.append(lines[line - 1]);
                }
            }
            found.add(
                    new EventHandlerDeclaration(opening.event(), handler[0], handler[1], handler[2], text.toString()));
        }
        return List.copyOf(found);
    }
}

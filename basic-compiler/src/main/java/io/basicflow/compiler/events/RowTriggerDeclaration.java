package io.basicflow.compiler.events;

import static java.util.Objects.requireNonNull;

import io.basicflow.compiler.lexer.Token;
import io.basicflow.compiler.lexer.TokenKind;
import io.basicflow.compiler.schedule.ScheduleDeclaration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One table trigger of a script: {@code ON INSERT|UPDATE|DELETE OF "table" … END ON} (keyword-goto.md's
 * form), or the one-line {@code ON INSERT OF "table"} of keyword-on.md whose body is the rest of the
 * script (up to the next trigger or handler line). Like an event handler ({@link EventHandlerDeclaration}),
 * it is a declaration: the script's own run skips it; whoever deploys the script installs a PostgreSQL
 * trigger on the bot's table, and each committed change of a row starts one execution of the body with
 * the row in {@code params} (docs/triggers.md).
 *
 * <p>{@link #source} is the declaring script with every line blanked except the body and the script's
 * {@code SUB} and {@code FUNCTION} blocks, so that its line numbers are the script's.
 *
 * @param operation {@code INSERT}, {@code UPDATE} or {@code DELETE}
 * @param table the table's name as written
 * @param line the 1-based line of the {@code ON}
 * @param firstBodyLine the first line of the body
 * @param lastBodyLine the last line of the body
 * @param source the trigger's text, as described above
 */
public record RowTriggerDeclaration(
        String operation, String table, int line, int firstBodyLine, int lastBodyLine, String source) {

    /** The operations a table trigger names. */
    public static final Set<String> OPERATIONS = Set.of("INSERT", "UPDATE", "DELETE");

    /**
     * Validates the parts.
     *
     * @param operation one of {@link #OPERATIONS}
     * @param table not blank
     * @param line the line
     * @param firstBodyLine the first body line
     * @param lastBodyLine the last body line
     * @param source not null
     */
    public RowTriggerDeclaration {
        requireNonNull(operation, "operation is null");
        requireNonNull(table, "table is null");
        requireNonNull(source, "source is null");
        if (!OPERATIONS.contains(operation)) {
            throw new IllegalArgumentException("operation is not INSERT, UPDATE or DELETE: " + operation);
        }
        if (table.isBlank()) {
            throw new IllegalArgumentException("table is blank");
        }
    }

    /**
     * Whether tokens at a statement's start open a table trigger: {@code ON INSERT|UPDATE|DELETE OF "table"}.
     *
     * @param on the statement's first token
     * @param operation the second
     * @param of the third
     * @param table the fourth
     * @return whether they do
     */
    public static boolean opens(Token on, Token operation, Token of, Token table) {
        return on.is("ON") && OPERATIONS.contains(operation.upper()) && of.is("OF") && table.kind() == TokenKind.STRING;
    }

    /**
     * The table triggers a script declares, in line order. A trigger whose {@code ON} line goes on after
     * the table's name is left out (the compiler reports it).
     *
     * @param name the script's name
     * @param source its text
     * @return its triggers
     */
    public static List<RowTriggerDeclaration> declaredIn(String name, String source) {
        List<Token> tokens = EventHandlerDeclaration.tokensOf(name, source);
        String[] lines = source.split("\r\n|\r|\n", -1);
        boolean[] routines = new boolean[lines.length + 2];
        List<int[]> bodies = new ArrayList<>(); // {onLine, firstBody, lastBody}
        List<String[]> opened = new ArrayList<>(); // {operation, table}
        int routineStart = 0;
        int openLine = 0;
        boolean statementStart = true;
        for (int i = 0; i < tokens.size() - 1; i++) {
            Token t = tokens.get(i);
            if (statementStart) {
                Token next = tokens.get(i + 1);
                if (i + 4 < tokens.size()
                        && opens(t, next, tokens.get(i + 2), tokens.get(i + 3))
                        && tokens.get(i + 4).endsLine()) {
                    if (openLine > 0) { // a one-line trigger ends where the next one starts
                        bodies.add(new int[] {openLine, openLine + 1, t.line() - 1});
                    }
                    opened.add(new String[] {
                        next.upper(),
                        ScheduleDeclaration.textOf(tokens.get(i + 3)).strip()
                    });
                    openLine = t.line();
                } else if (openLine > 0 && t.is("END") && next.is("ON")) {
                    bodies.add(new int[] {openLine, openLine + 1, t.line() - 1});
                    openLine = 0;
                } else if (openLine > 0 && EventHandlerDeclaration.opens(t, next, tokens.get(i + 2))) {
                    bodies.add(new int[] {openLine, openLine + 1, t.line() - 1});
                    openLine = 0;
                } else if (routineStart == 0
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
        if (openLine > 0) { // the one-line form: the rest of the script
            bodies.add(new int[] {openLine, openLine + 1, lines.length});
        }
        List<RowTriggerDeclaration> found = new ArrayList<>();
        for (int k = 0; k < bodies.size(); k++) {
            int[] body = bodies.get(k);
            String[] what = opened.get(k);
            if (what[1].isEmpty()) {
                continue;
            }
            StringBuilder text = new StringBuilder();
            for (int line = 1; line <= lines.length; line++) {
                if (line > 1) {
                    text.append('\n');
                }
                if (line >= body[1] && line <= body[2] || routines[line]) {
                    text.append(lines[line - 1]);
                }
            }
            found.add(new RowTriggerDeclaration(
                    what[0].toUpperCase(Locale.ROOT), what[1], body[0], body[1], body[2], text.toString()));
        }
        return List.copyOf(found);
    }
}

package io.basicflow.compiler.events;

import io.basicflow.compiler.lexer.Token;
import io.basicflow.compiler.lexer.TokenKind;
import io.basicflow.compiler.schedule.ScheduleDeclaration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The trigger blocks of a script, of every kind at once: table triggers ({@code ON INSERT|UPDATE|DELETE OF
 * "table"}), e-mail monitors ({@code ON EMAIL "address" [FROM "x"] [SUBJECT "y"]}) and folder monitors
 * ({@code ON CHANGE "path" [EVENTS "…"]}). Each has a block up to {@code END ON} or, in keyword-on.md's
 * one-line form, the rest of the script up to the next trigger or event handler line: one scan finds
 * them all, so a one-line trigger of one kind ends where a trigger of another kind starts.
 */
final class TriggerBlocks {

    /** The clauses an {@code ON EMAIL} line may have, each at most once. */
    static final Set<String> EMAIL_CLAUSES = Set.of("FROM", "SUBJECT");

    /** The clauses an {@code ON CHANGE} line may have. */
    static final Set<String> CHANGE_CLAUSES = Set.of("EVENTS");

    /**
     * One trigger block.
     *
     * @param kind {@code INSERT}, {@code UPDATE}, {@code DELETE}, {@code EMAIL} or {@code CHANGE}
     * @param target the table, address or path, as written between the quotes (stripped)
     * @param clauses the clauses after it ({@code FROM}, {@code SUBJECT}, {@code EVENTS}), by upper-case name
     * @param line the {@code ON} line
     * @param firstBodyLine the first body line
     * @param lastBodyLine the last body line
     * @param source the script blanked but for the body and the {@code SUB}/{@code FUNCTION} blocks
     */
    record Block(
            String kind,
            String target,
            Map<String, String> clauses,
            int line,
            int firstBodyLine,
            int lastBodyLine,
            String source) {}

    private TriggerBlocks() {}

    /**
     * The header a trigger line opens at token {@code i}, or null: its kind, target and clauses, when the
     * line is a well-formed trigger line that ends after them.
     */
    static Block header(List<Token> tokens, int i) {
        if (i + 3 >= tokens.size() || !tokens.get(i).is("ON")) {
            return null;
        }
        Token word = tokens.get(i + 1);
        String kind = word.upper();
        if (RowTriggerDeclaration.OPERATIONS.contains(kind)) {
            if (i + 4 < tokens.size()
                    && tokens.get(i + 2).is("OF")
                    && tokens.get(i + 3).kind() == TokenKind.STRING
                    && tokens.get(i + 4).endsLine()) {
                return new Block(kind, text(tokens.get(i + 3)), Map.of(), word.line(), 0, 0, "");
            }
            return null;
        }
        Set<String> allowed = switch (kind) {
            case "EMAIL" -> EMAIL_CLAUSES;
            case "CHANGE" -> CHANGE_CLAUSES;
            default -> null;
        };
        if (allowed == null || tokens.get(i + 2).kind() != TokenKind.STRING) {
            return null;
        }
        Map<String, String> clauses = new LinkedHashMap<>();
        int k = i + 3;
        while (k + 1 < tokens.size() && !tokens.get(k).endsLine()) {
            String clause = tokens.get(k).upper();
            if (!allowed.contains(clause)
                    || clauses.containsKey(clause)
                    || tokens.get(k + 1).kind() != TokenKind.STRING) {
                return null;
            }
            clauses.put(clause, text(tokens.get(k + 1)));
            k += 2;
        }
        if (k >= tokens.size() || !tokens.get(k).endsLine()) {
            return null;
        }
        return new Block(kind, text(tokens.get(i + 2)), Map.copyOf(clauses), word.line(), 0, 0, "");
    }

    /**
     * The trigger blocks of a script, in line order; one whose target is blank is left out (the compiler
     * reports it).
     */
    static List<Block> scan(String name, String source) {
        List<Token> tokens = EventHandlerDeclaration.tokensOf(name, source);
        String[] lines = source.split("\r\n|\r|\n", -1);
        boolean[] routines = new boolean[lines.length + 2];
        List<int[]> bodies = new ArrayList<>(); // {firstBody, lastBody}
        List<Block> opened = new ArrayList<>();
        int routineStart = 0;
        int openLine = 0;
        boolean statementStart = true;
        for (int i = 0; i < tokens.size() - 1; i++) {
            Token t = tokens.get(i);
            if (statementStart) {
                Token next = tokens.get(i + 1);
                Block header = header(tokens, i);
                if (header != null) {
                    if (openLine > 0) { // a one-line trigger ends where the next one starts
                        bodies.add(new int[] {openLine + 1, t.line() - 1});
                    }
                    opened.add(header);
                    openLine = t.line();
                } else if (openLine > 0 && t.is("END") && next.is("ON")) {
                    bodies.add(new int[] {openLine + 1, t.line() - 1});
                    openLine = 0;
                } else if (openLine > 0
                        && i + 2 < tokens.size()
                        && EventHandlerDeclaration.opens(t, next, tokens.get(i + 2))) {
                    bodies.add(new int[] {openLine + 1, t.line() - 1});
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
            bodies.add(new int[] {openLine + 1, lines.length});
        }
        List<Block> found = new ArrayList<>();
        for (int k = 0; k < bodies.size(); k++) {
            int[] body = bodies.get(k);
            Block header = opened.get(k);
            if (header.target().isEmpty()) {
                continue;
            }
            StringBuilder text = new StringBuilder();
            for (int line = 1; line <= lines.length; line++) {
                if (line > 1) {
                    text.append('\n');
                }
                if (line >= body[0] && line <= body[1] || routines[line]) {
                    text.append(lines[line - 1]);
                }
            }
            found.add(new Block(
                    header.kind(),
                    header.target(),
                    header.clauses(),
                    header.line(),
                    body[0],
                    body[1],
                    text.toString()));
        }
        return List.copyOf(found);
    }

    private static String text(Token string) {
        return ScheduleDeclaration.textOf(string).strip();
    }
}

package io.basicflow.compiler.events;

import static java.util.Objects.requireNonNull;

import io.basicflow.compiler.lexer.Token;
import io.basicflow.compiler.lexer.TokenKind;
import java.util.ArrayList;
import java.util.List;
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
        List<RowTriggerDeclaration> found = new ArrayList<>();
        for (TriggerBlocks.Block block : TriggerBlocks.scan(name, source)) {
            if (OPERATIONS.contains(block.kind())) {
                found.add(new RowTriggerDeclaration(
                        block.kind(),
                        block.target(),
                        block.line(),
                        block.firstBodyLine(),
                        block.lastBodyLine(),
                        block.source()));
            }
        }
        return List.copyOf(found);
    }
}

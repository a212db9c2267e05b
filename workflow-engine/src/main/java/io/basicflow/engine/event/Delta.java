package io.basicflow.engine.event;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What changed in the state since the previous event, besides what the event's kind implies. Folding
 * applies the cursor change first, then the variable changes in order (so a {@linkplain
 * VariableChange#local() local} change names the innermost call after the cursor change), then the
 * tool set.
 *
 * @param variables variables assigned, in order
 * @param cursor how the cursor moved, if it did
 * @param tools the whole new active tool set, if it changed
 */
public record Delta(List<VariableChange> variables, Optional<CursorChange> cursor, Optional<List<String>> tools) {

    /** Nothing changed. */
    public static final Delta NONE = new Delta(List.of(), Optional.empty(), Optional.empty());

    /**
     * Validates and copies the parts.
     *
     * @param variables not null
     * @param cursor not null
     * @param tools not null
     */
    public Delta {
        variables = List.copyOf(variables);
        requireNonNull(cursor, "cursor is null");
        tools = requireNonNull(tools, "tools is null").map(List::copyOf);
    }

    /**
     * Whether nothing changed.
     *
     * @return true for an empty delta
     */
    public boolean empty() {
        return variables.isEmpty() && cursor.isEmpty() && tools.isEmpty();
    }
}

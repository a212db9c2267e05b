package io.basicflow.engine.event;

import static java.util.Objects.requireNonNull;

import io.basicflow.spi.value.Value;

/**
 * One variable assigned by a step, with the value it got. Recording values (never re-evaluating
 * expressions) is what makes {@code NOW()} and {@code RANDOM()} safe in a durable run.
 *
 * @param name the variable name, lower case
 * @param value the whole new value of the variable (for {@code a.b = x}, the whole new map {@code a})
 * @param local whether it is a parameter of the innermost procedure call (after the event's cursor
 *     change) rather than a script variable
 */
public record VariableChange(String name, Value value, boolean local) {

    /**
     * Validates the parts.
     *
     * @param name not null
     * @param value not null
     * @param local the flag
     */
    public VariableChange {
        requireNonNull(name, "name is null");
        requireNonNull(value, "value is null");
    }
}

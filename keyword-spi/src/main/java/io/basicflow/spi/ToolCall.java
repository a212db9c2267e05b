package io.basicflow.spi;

import static java.util.Objects.requireNonNull;

import io.basicflow.spi.value.Value;
import java.util.List;

/**
 * One tool call a {@link ToolCallingHandler} asks the engine to make: the engine runs the tool as a
 * durable child execution ({@code r = USE TOOL "tool", arguments…} without the script line) and hands
 * its {@code RETURN} value back in the next {@link ToolRound}.
 *
 * @param id the caller's id of the call (an OpenAI {@code tool_call_id}), given back with the result
 * @param tool the tool's name as the tools folder spells it (one of the execution's active tools)
 * @param arguments the arguments, in the order of the tool's {@code PARAM} lines ({@code NULL} for one
 *     left out)
 */
public record ToolCall(String id, String tool, List<Value> arguments) {

    /**
     * Validates and copies the parts.
     *
     * @param id not null
     * @param tool not null, not blank
     * @param arguments not null
     */
    public ToolCall {
        requireNonNull(id, "id is null");
        requireNonNull(tool, "tool is null");
        if (tool.isBlank()) {
            throw new IllegalArgumentException("tool is blank");
        }
        arguments = List.copyOf(arguments);
    }
}

package io.basicflow.spi;

import static java.util.Objects.requireNonNull;

import io.basicflow.spi.value.Value;
import java.util.List;

/**
 * One finished round of a tool-calling exchange: what the handler answered ({@link
 * ToolTurn.CallTools}) and the results of its calls, as the engine recorded them.
 *
 * @param message the handler's own record of the turn ({@link ToolTurn.CallTools#message()}), e.g.
 *     the model's message with its tool calls
 * @param calls the calls, in order
 * @param results one result per call, in the same order: the tool's {@code RETURN} value, or a text
 *     starting with {@code ERROR: } when the tool failed
 */
public record ToolRound(Value message, List<ToolCall> calls, List<Value> results) {

    /**
     * Validates and copies the parts.
     *
     * @param message not null
     * @param calls not null
     * @param results not null
     */
    public ToolRound {
        requireNonNull(message, "message is null");
        calls = List.copyOf(calls);
        results = List.copyOf(results);
    }
}

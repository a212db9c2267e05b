package io.basicflow.spi;

import static java.util.Objects.requireNonNull;

import io.basicflow.spi.value.Value;
import java.util.List;

/** What a {@link ToolCallingHandler} answers in one turn: the keyword's value, or tools to run first. */
public sealed interface ToolTurn {

    /**
     * The keyword's value: the exchange is over.
     *
     * @param value the value
     */
    record Answer(Value value) implements ToolTurn {
        /**
         * Validates the value.
         *
         * @param value not null
         */
        public Answer {
            requireNonNull(value, "value is null");
        }
    }

    /**
     * Run these tools, then ask me again with their results.
     *
     * @param message what to record of this turn and give back in its {@link ToolRound} (e.g. the
     *     model's message); it is stored in the execution's history, so it must hold no secret
     * @param calls the calls, at least one, run one after the other in this order
     */
    record CallTools(Value message, List<ToolCall> calls) implements ToolTurn {
        /**
         * Validates and copies the parts.
         *
         * @param message not null
         * @param calls not null, not empty
         */
        public CallTools {
            requireNonNull(message, "message is null");
            calls = List.copyOf(calls);
            if (calls.isEmpty()) {
                throw new IllegalArgumentException("a turn that calls tools needs at least one call");
            }
        }
    }
}

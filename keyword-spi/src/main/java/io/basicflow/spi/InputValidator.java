package io.basicflow.spi;

import static java.util.Objects.requireNonNull;

import io.basicflow.spi.value.Value;
import java.time.Clock;

/** Checks one input against an {@link InputTypeDefinition} and normalises it. */
@FunctionalInterface
public interface InputValidator {

    /**
     * Checks the input.
     *
     * @param input what the user typed, not null
     * @param clock the engine's clock, for relative inputs such as "tomorrow"
     * @return the normalised value, or the message that asks the user to try again
     */
    Result validate(String input, Clock clock);

    /** The outcome of a validation. */
    sealed interface Result {}

    /**
     * The input is valid.
     *
     * @param value the normalised value assigned to the variable
     */
    record Accepted(Value value) implements Result {
        /**
         * Validates the value.
         *
         * @param value not null
         */
        public Accepted {
            requireNonNull(value, "value is null");
        }
    }

    /**
     * The input is invalid.
     *
     * @param message a helpful message for the user, e.g. "Please enter a valid e-mail address."
     */
    record Rejected(String message) implements Result {
        /**
         * Validates the message.
         *
         * @param message not null
         */
        public Rejected {
            requireNonNull(message, "message is null");
        }
    }
}

package io.basicflow.engine.direct;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.interpreter.InputRequest;
import io.basicflow.engine.state.ExecutionError;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.Value;
import java.util.Optional;

/** How a direct run ended. */
public sealed interface DirectOutcome {

    /**
     * One line for the user: the result, the error, or why the run stopped.
     *
     * @return the description
     */
    String message();

    /**
     * The script completed.
     *
     * @param result its {@code RETURN} value, if any
     */
    record Completed(Optional<Value> result) implements DirectOutcome {
        /**
         * Validates the result.
         *
         * @param result not null; a {@code NULL} result is dropped
         */
        public Completed {
            result = requireNonNull(result, "result is null").filter(value -> value != NullValue.NULL);
        }

        @Override
        public String message() {
            return result.map(Value::display).orElse("");
        }
    }

    /**
     * The script failed.
     *
     * @param error what failed, where: {@code ticket.bas:12:5: division by zero in 'a / b'}
     */
    record Failed(ExecutionError error) implements DirectOutcome {
        /**
         * Validates the error.
         *
         * @param error not null
         */
        public Failed {
            requireNonNull(error, "error is null");
        }

        @Override
        public String message() {
            return error.message();
        }
    }

    /**
     * The input ended while a {@code HEAR} waited.
     *
     * @param script the script that waited
     * @param request what it waited for
     */
    record InputEnded(String script, InputRequest request) implements DirectOutcome {
        /**
         * Validates the parts.
         *
         * @param script not null
         * @param request not null
         */
        public InputEnded {
            requireNonNull(script, "script is null");
            requireNonNull(request, "request is null");
        }

        @Override
        public String message() {
            return script + ": the input ended while HEAR " + request.variable() + " was waiting";
        }
    }

    /**
     * The run was cancelled (the thread was interrupted).
     *
     * @param reason why
     */
    record Cancelled(String reason) implements DirectOutcome {
        /**
         * Validates the reason.
         *
         * @param reason not null
         */
        public Cancelled {
            requireNonNull(reason, "reason is null");
        }

        @Override
        public String message() {
            return "cancelled: " + reason;
        }
    }
}

package io.basicflow.engine.interpreter;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.state.ChildRequest;
import io.basicflow.engine.state.ExecutionError;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.Value;
import java.time.Instant;
import java.util.Optional;

/**
 * How one activation ({@link Interpreter#run}) ended. The waiting outcomes and {@link Yielded} leave a
 * state to resume by calling {@code run} again once what it waits for is there; the others are final.
 */
public sealed interface Outcome {

    /**
     * The execution completed.
     *
     * @param result the {@code RETURN} value, if any (never {@code NULL})
     */
    record Completed(Optional<Value> result) implements Outcome {
        /**
         * Validates the result.
         *
         * @param result not null; a {@code NULL} result is dropped
         */
        public Completed {
            result = requireNonNull(result, "result is null").filter(value -> value != NullValue.NULL);
        }
    }

    /**
     * The execution failed.
     *
     * @param error what failed, where
     */
    record Failed(ExecutionError error) implements Outcome {
        /**
         * Validates the error.
         *
         * @param error not null
         */
        public Failed {
            requireNonNull(error, "error is null");
        }
    }

    /**
     * A {@code HEAR} waits for input that the journal does not have yet.
     *
     * @param request what it waits for
     */
    record WaitingInput(InputRequest request) implements Outcome {
        /**
         * Validates the request.
         *
         * @param request not null
         */
        public WaitingInput {
            requireNonNull(request, "request is null");
        }
    }

    /**
     * A {@code WAIT}, or the backoff before a keyword's retry, lasts until a time.
     *
     * @param wakeAt when to run again
     */
    record WaitingTimer(Instant wakeAt) implements Outcome {
        /**
         * Validates the time.
         *
         * @param wakeAt not null
         */
        public WaitingTimer {
            requireNonNull(wakeAt, "wakeAt is null");
        }
    }

    /**
     * The execution waits for a child execution; run it and deliver its result through the journal.
     *
     * @param request the child to run
     */
    record WaitingChild(ChildRequest request) implements Outcome {
        /**
         * Validates the request.
         *
         * @param request not null
         */
        public WaitingChild {
            requireNonNull(request, "request is null");
        }
    }

    /** The activation used its step budget; the execution is runnable and continues on the next run. */
    record Yielded() implements Outcome {}

    /**
     * The execution was cancelled.
     *
     * @param reason why
     */
    record Cancelled(String reason) implements Outcome {
        /**
         * Validates the reason.
         *
         * @param reason not null
         */
        public Cancelled {
            requireNonNull(reason, "reason is null");
        }
    }
}

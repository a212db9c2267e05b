package io.basicflow.engine.store;

import static java.util.Objects.requireNonNull;

import io.basicflow.engine.api.ExecutionStatus;
import java.time.Instant;
import java.util.Optional;

/** What a commit does to an execution's status and lease. */
public sealed interface Transition {

    /** The activation goes on: the execution stays {@code RUNNING} under the same lease. */
    record Continue() implements Transition {}

    /**
     * The activation lets go of the execution: it yields, or waits.
     *
     * @param status {@code RUNNABLE}, {@code WAITING_INPUT}, {@code WAITING_TIMER} or {@code
     *     WAITING_CHILD}
     * @param wakeAt when a {@code RUNNABLE} or {@code WAITING_TIMER} execution may run
     * @param seenInboxVersion the inbox version the activation started with: a {@code WAITING_INPUT}
     *     execution whose inbox changed since then becomes {@code RUNNABLE} instead, and so does a
     *     waiting execution whose cancellation was requested (no wake-up is lost)
     */
    record Release(ExecutionStatus status, Optional<Instant> wakeAt, long seenInboxVersion) implements Transition {
        /**
         * Validates the parts.
         *
         * @param status a waiting status or {@code RUNNABLE}
         * @param wakeAt present for {@code RUNNABLE} and {@code WAITING_TIMER}
         * @param seenInboxVersion the version
         */
        public Release {
            requireNonNull(status, "status is null");
            requireNonNull(wakeAt, "wakeAt is null");
            switch (status) {
                case RUNNABLE, WAITING_TIMER -> {
                    if (wakeAt.isEmpty()) {
                        throw new IllegalArgumentException(status + " needs a wake-up time");
                    }
                }
                case WAITING_INPUT, WAITING_CHILD -> {}
                case RUNNING, COMPLETED, FAILED, CANCELLED ->
                    throw new IllegalArgumentException("a release cannot leave an execution " + status);
            }
        }
    }

    /**
     * The execution ends ({@code FAILED} ends until an operator retries it).
     *
     * @param status {@code COMPLETED}, {@code FAILED} or {@code CANCELLED}
     * @param resultJson the result value's JSON, for a completed execution that returned one
     * @param errorJson the error's JSON (an {@link io.basicflow.engine.api.ExecutionError}), for a
     *     failed one
     */
    record End(ExecutionStatus status, Optional<String> resultJson, Optional<String> errorJson) implements Transition {
        /**
         * Validates the parts.
         *
         * @param status a final status
         * @param resultJson not null
         * @param errorJson not null
         */
        public End {
            requireNonNull(status, "status is null");
            requireNonNull(resultJson, "resultJson is null");
            requireNonNull(errorJson, "errorJson is null");
            if (status != ExecutionStatus.COMPLETED
                    && status != ExecutionStatus.FAILED
                    && status != ExecutionStatus.CANCELLED) {
                throw new IllegalArgumentException("an end is COMPLETED, FAILED or CANCELLED, not " + status);
            }
        }
    }
}

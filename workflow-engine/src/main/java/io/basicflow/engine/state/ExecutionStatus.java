package io.basicflow.engine.state;

/** Where an execution stands. */
public enum ExecutionStatus {
    /** Runnable: running now, or yielded and waiting for its next activation. */
    RUNNING,
    /** Parked on a {@code HEAR} until input arrives. */
    WAITING_INPUT,
    /** Parked until a wake-up time ({@code WAIT}, or the backoff before an effect's retry). */
    WAITING_TIMER,
    /** Parked until a child execution ({@code CALL "x.bas"}, {@code r = USE TOOL …}) ends. */
    WAITING_CHILD,
    /** Ended normally, possibly with a result. */
    COMPLETED,
    /** Ended with an error. */
    FAILED,
    /** Ended by a cancellation. */
    CANCELLED;

    /**
     * Whether the execution has ended.
     *
     * @return true for completed, failed and cancelled
     */
    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    /**
     * Whether the execution waits for something outside itself.
     *
     * @return true for the waiting statuses
     */
    public boolean isWaiting() {
        return this == WAITING_INPUT || this == WAITING_TIMER || this == WAITING_CHILD;
    }
}

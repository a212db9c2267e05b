package io.basicflow.engine.api;

/** Where an execution stands. */
public enum ExecutionStatus {
    /** Waiting for a worker to run it. */
    RUNNABLE,
    /** A worker holds it and is running it. */
    RUNNING,
    /** Parked at a {@code HEAR} until input arrives; holds no thread. */
    WAITING_INPUT,
    /** Parked at a {@code WAIT} or a retry backoff until its wake-up time. */
    WAITING_TIMER,
    /** Parked until a child execution (a tool, a called script) ends. */
    WAITING_CHILD,
    /** Ended normally. */
    COMPLETED,
    /** Ended with an error; may be retried or cancelled. */
    FAILED,
    /** Cancelled. */
    CANCELLED;

    /**
     * Whether this status is final.
     *
     * @return true for COMPLETED and CANCELLED; FAILED is not final since it can be retried
     */
    public boolean isEnded() {
        return this == COMPLETED || this == CANCELLED;
    }
}

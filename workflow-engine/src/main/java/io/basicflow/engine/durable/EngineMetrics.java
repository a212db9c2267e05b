package io.basicflow.engine.durable;

/**
 * What a durable engine node reports as it works, for a host to turn into metrics (the app adapts
 * it to Micrometer; the engine depends on no metrics library). Every method has an empty default;
 * implementations must be thread-safe and fast (they are called on the hot path).
 */
public interface EngineMetrics {

    /** Reports nothing. */
    EngineMetrics NONE = new EngineMetrics() {};

    /**
     * An activation starts: a worker runs an execution it claimed.
     *
     * @param executionId the execution
     * @param owner the worker's owner id
     */
    default void activationStarted(String executionId, String owner) {}

    /**
     * An activation ended, however it ended.
     *
     * @param executionId the execution
     * @param owner the worker's owner id
     * @param outcome how: {@code completed}, {@code failed}, {@code cancelled}, {@code waiting-input},
     *     {@code waiting-timer}, {@code waiting-child}, {@code yielded}, {@code stopped}, {@code
     *     lease-lost}, {@code error}
     */
    default void activationEnded(String executionId, String owner, String outcome) {}

    /**
     * An activation is about to make its final commit, which gives the lease back (or ends the
     * execution): from this point another worker may claim the execution. Called before {@link
     * #activationEnded}, which follows once the activation's thread is done.
     *
     * @param executionId the execution
     * @param owner the worker's owner id
     */
    default void leaseReleasing(String executionId, String owner) {}

    /**
     * Steps completed by one activation.
     *
     * @param steps the count
     */
    default void stepsCompleted(long steps) {}

    /**
     * A group commit succeeded.
     *
     * @param executions the executions it wrote (lease losses included)
     * @param events the events it appended
     * @param nanos how long it took
     */
    default void committed(int executions, int events, long nanos) {}

    /**
     * A group commit failed (a connection or database problem); its activations give their leases
     * back.
     *
     * @param executions the executions it would have written
     */
    default void commitFailed(int executions) {}

    /**
     * How many commits waited for a group commit when one started.
     *
     * @param depth the queue length
     */
    default void commitQueueDepth(int depth) {}

    /**
     * A claim took executions.
     *
     * @param executions how many
     */
    default void claimed(int executions) {}

    /**
     * A commit was refused because the execution's lease had passed to another worker.
     *
     * @param executionId the execution
     */
    default void leaseLost(String executionId) {}

    /**
     * Expired or dead leases were freed for others to take over.
     *
     * @param executions how many
     */
    default void leasesFreed(int executions) {}
}

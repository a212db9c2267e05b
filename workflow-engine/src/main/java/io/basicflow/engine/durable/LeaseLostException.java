package io.basicflow.engine.durable;

/**
 * A worker's commit was refused because another worker took the execution over (its lease expired).
 * The activation stops without writing anything; the other worker carries on from the last commit.
 */
public final class LeaseLostException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String executionId;

    /**
     * The failure.
     *
     * @param executionId the execution
     * @param owner the worker that lost it
     */
    public LeaseLostException(String executionId, String owner) {
        super("worker " + owner + " lost its lease on execution " + executionId
                + "; another worker took it over, so this activation stops without writing");
        this.executionId = executionId;
    }

    /**
     * The execution.
     *
     * @return its id
     */
    public String executionId() {
        return executionId;
    }
}

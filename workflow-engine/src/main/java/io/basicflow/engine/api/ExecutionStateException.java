package io.basicflow.engine.api;

/** The execution is not in a status that allows the operation (e.g. input to a completed one). */
public final class ExecutionStateException extends EngineException {

    private static final long serialVersionUID = 1L;

    private final String executionId;
    private final ExecutionStatus status;

    /**
     * The failure.
     *
     * @param executionId the execution
     * @param status its current status
     * @param message what was refused and why
     */
    public ExecutionStateException(String executionId, ExecutionStatus status, String message) {
        super(message);
        this.executionId = executionId;
        this.status = status;
    }

    /**
     * The execution.
     *
     * @return its id
     */
    public String executionId() {
        return executionId;
    }

    /**
     * Its current status.
     *
     * @return the status
     */
    public ExecutionStatus status() {
        return status;
    }
}

package io.basicflow.engine.api;

/** A start with a caller-given id that already exists for a different script. */
public final class ExecutionConflictException extends EngineException {

    private static final long serialVersionUID = 1L;

    private final String executionId;

    /**
     * The failure.
     *
     * @param executionId the id
     * @param message what differs
     */
    public ExecutionConflictException(String executionId, String message) {
        super(message);
        this.executionId = executionId;
    }

    /**
     * The id.
     *
     * @return the id
     */
    public String executionId() {
        return executionId;
    }
}

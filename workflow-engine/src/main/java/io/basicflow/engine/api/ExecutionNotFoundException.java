package io.basicflow.engine.api;

/** No execution has the given id. */
public final class ExecutionNotFoundException extends EngineException {

    private static final long serialVersionUID = 1L;

    private final String executionId;

    /**
     * The failure.
     *
     * @param executionId the id that was not found
     */
    public ExecutionNotFoundException(String executionId) {
        super("there is no execution with id '" + executionId + "'");
        this.executionId = executionId;
    }

    /**
     * The id that was not found.
     *
     * @return the id
     */
    public String executionId() {
        return executionId;
    }
}

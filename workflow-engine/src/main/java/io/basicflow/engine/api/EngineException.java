package io.basicflow.engine.api;

/** The base of the failures a {@link WorkflowEngine} call reports to its caller. */
public abstract class EngineException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * A failure.
     *
     * @param message what went wrong and what to do next
     */
    protected EngineException(String message) {
        super(message);
    }
}

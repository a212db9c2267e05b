package io.basicflow.engine.store;

/**
 * The store could not reach its database, after trying again as long as it does: the operation may
 * or may not have taken effect. For a commit, the engine gives the executions' leases back and they
 * resume from what is committed; splitting the group and trying each commit alone would only wait
 * again.
 */
public final class StoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what could not be done and for how long it was tried
     * @param cause the last connection failure
     */
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

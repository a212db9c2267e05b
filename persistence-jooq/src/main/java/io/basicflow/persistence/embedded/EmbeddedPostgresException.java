package io.basicflow.persistence.embedded;

/**
 * The embedded PostgreSQL could not be started, stopped or used. The message names the data folder
 * and says what to do next.
 */
public final class EmbeddedPostgresException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, where, and what to do
     */
    public EmbeddedPostgresException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what failed, where, and what to do
     * @param cause the underlying failure
     */
    public EmbeddedPostgresException(String message, Throwable cause) {
        super(message, cause);
    }
}

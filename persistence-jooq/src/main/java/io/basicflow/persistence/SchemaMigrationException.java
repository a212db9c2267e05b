package io.basicflow.persistence;

/**
 * The schema migrations could not be applied (a failing migration, a changed migration that was
 * already applied, a lock held too long). The database keeps what Flyway recorded; the message says
 * which database and why.
 */
public final class SchemaMigrationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, where, and what to do
     * @param cause Flyway's error
     */
    public SchemaMigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.basicflow.persistence;

/**
 * The database cannot be reached: the server is down, the URL is wrong, or the credentials are
 * refused. The message names the URL (never the password) and the user.
 */
public final class DatabaseUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The JDBC URL that was tried, without its password. */
    private final String jdbcUrl;

    /**
     * Creates the exception.
     *
     * @param message what failed and what to check
     * @param jdbcUrl the URL that was tried, without its password
     * @param cause the driver's error
     */
    public DatabaseUnavailableException(String message, String jdbcUrl, Throwable cause) {
        super(message, cause);
        this.jdbcUrl = jdbcUrl;
    }

    /**
     * The JDBC URL that was tried, without its password.
     *
     * @return the URL
     */
    public String jdbcUrl() {
        return jdbcUrl;
    }
}

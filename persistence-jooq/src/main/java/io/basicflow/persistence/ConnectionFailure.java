package io.basicflow.persistence;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/** How a database call failed for want of a connection, read from an exception's causes. */
enum ConnectionFailure {
    /**
     * The server ended the connection or could not be reached: SQL state class 08, 57P0x (admin or
     * crash shutdown, cannot connect now, idle session timeout, …), or a recoverable exception.
     */
    SERVER_ENDED,
    /** The pool timed out waiting for a connection (none could be made or none was free). */
    POOL_TIMEOUT,
    /** Not a connection failure: the statement itself failed, or a bug. */
    NONE;

    /**
     * Classifies a failure by the first cause in its chain that tells.
     *
     * @param failure the exception
     * @return how it failed
     */
    static ConnectionFailure of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException) {
                return POOL_TIMEOUT;
            }
            if (cause instanceof SQLRecoverableException) {
                return SERVER_ENDED;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                return state.startsWith("08") || state.startsWith("57P0") ? SERVER_ENDED : NONE;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return NONE;
    }
}

package io.basicflow.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

/** One reading of connection failures for commits (which retry all) and API reads (which retry only ended sessions). */
class ConnectionFailureTest {

    @Test
    void aSessionTheServerEndedIsToldFromAPoolTimeoutAndFromAStatementError() {
        assertThat(ConnectionFailure.of(new DataAccessException("io", new SQLException("I/O error", "08006"))))
                .isEqualTo(ConnectionFailure.SERVER_ENDED);
        assertThat(ConnectionFailure.of(new DataAccessException("ended", new SQLException("terminating", "57P01"))))
                .isEqualTo(ConnectionFailure.SERVER_ENDED);
        assertThat(ConnectionFailure.of(new DataAccessException("idle", new SQLException("idle timeout", "57P05"))))
                .as("a pooled session the server ended for idling")
                .isEqualTo(ConnectionFailure.SERVER_ENDED);
        // HikariCP's timeout wraps the reason no connection could be made: the timeout decides.
        assertThat(ConnectionFailure.of(new DataAccessException(
                        "pool",
                        new SQLTransientConnectionException(
                                "timed out", new SQLException("connection refused", "08001")))))
                .isEqualTo(ConnectionFailure.POOL_TIMEOUT);
        assertThat(ConnectionFailure.of(new DataAccessException("fk", new SQLException("violation", "23503"))))
                .isEqualTo(ConnectionFailure.NONE);
        assertThat(ConnectionFailure.of(new IllegalStateException("a bug"))).isEqualTo(ConnectionFailure.NONE);
    }
}

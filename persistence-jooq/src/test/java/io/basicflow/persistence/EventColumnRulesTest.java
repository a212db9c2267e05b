package io.basicflow.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An event's sequence number is at least 1 and its type is not blank (V1; rules of the columns' domains
 * since V97), for the engine's own sessions as for any other writer, with the whole statement refused.
 */
@ExtendWith(PostgresExtension.class)
class EventColumnRulesTest {

    private static final String INSERT =
            "insert into workflow_events (execution_id, seq, type, payload) values ('%s', %d, '%s', '{}')";

    @Test
    void aSeqBelowOneAndABlankTypeAreRefusedInEverySession(TestDatabase testDatabase) throws SQLException {
        try (Database database = testDatabase.startDatabase();
                Connection connection = DriverManager.getConnection(testDatabase.jdbcUrl(), testDatabase.user(), "")) {
            Executions.insertRunnable(database, "ruled");
            // the engine's pooled session (skips the orphan check) and another writer's
            for (DSLContext session : List.of(database.dsl(), DSL.using(connection, SQLDialect.POSTGRES))) {
                assertRefused(session, INSERT.formatted("ruled", 0, "StepCompleted"), "workflow_events_seq_positive");
                assertRefused(session, INSERT.formatted("ruled", -3, "StepCompleted"), "workflow_events_seq_positive");
                assertRefused(session, INSERT.formatted("ruled", 1, ""), "workflow_events_type_not_blank");
                // one good row with a bad one: none is kept
                assertRefused(
                        session,
                        "insert into workflow_events (execution_id, seq, type, payload)"
                                + " values ('ruled', 1, 'StepCompleted', '{}'), ('ruled', 0, 'StepCompleted', '{}')",
                        "workflow_events_seq_positive");
            }
            assertThat(database.dsl().fetchValue("select count(*) from workflow_events where execution_id = 'ruled'"))
                    .isEqualTo(0L);
            // the smallest accepted values
            assertThat(database.dsl().execute(INSERT.formatted("ruled", 1, "X")))
                    .isOne();
            // a type longer than the column's 100 characters is refused as before
            assertThatThrownBy(() -> database.dsl().execute(INSERT.formatted("ruled", 2, "T".repeat(101))))
                    .isInstanceOf(DataAccessException.class)
                    .hasMessageContaining("value too long");
        }
    }

    private static void assertRefused(DSLContext session, String insert, String rule) {
        assertThatThrownBy(() -> session.execute(insert))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("violates check constraint \"" + rule + "\"")
                .satisfies(e -> assertThat(((DataAccessException) e).sqlState()).isEqualTo("23514"));
    }
}

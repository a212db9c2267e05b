package io.basicflow.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Which sessions the orphan checks of events, inputs and messages apply to (V5, V80; since V96 their
 * triggers' WHEN is the function {@code workflow_session_is_checked()}): every session but one that
 * declared itself the engine's with {@code basicflow.fenced_writer = on}, decided at each statement
 * by the session's setting at that moment.
 */
@ExtendWith(PostgresExtension.class)
class OrphanCheckSessionsTest {

    /** An insert of one row of execution {@code %s} into each checked table. */
    private static final Map<String, String> INSERTS = Map.of(
            "workflow_events",
            "insert into workflow_events (execution_id, seq, type, payload) values ('%s', 1, 'StepCompleted', '{}')",
            "workflow_inbox",
            "insert into workflow_inbox (execution_id, payload) values ('%s', 'hello')",
            "workflow_outbox",
            "insert into workflow_outbox (execution_id, conversation_id, seq, recipient, message)"
                    + " values ('%s', '%1$s', 1, null, 'hello')");

    @Test
    void aSessionIsCheckedUnlessItDeclaredItselfTheEnginesAtTheTimeOfTheStatement(TestDatabase testDatabase)
            throws SQLException {
        try (Database database = testDatabase.startDatabase();
                Connection connection = DriverManager.getConnection(testDatabase.jdbcUrl(), testDatabase.user(), "")) {
            DSLContext session = DSL.using(connection, SQLDialect.POSTGRES);
            INSERTS.forEach((table, insert) -> {
                // never declared: checked
                assertRefused(session, table, insert.formatted("orphan-a"));
                // declared with another value than "on": checked
                session.execute("set basicflow.fenced_writer = off");
                assertRefused(session, table, insert.formatted("orphan-b"));
                // declared as the engine's pool does: the check is skipped for this session's statements
                session.execute("set basicflow.fenced_writer = on");
                assertThat(session.execute(insert.formatted("unchecked-" + table)))
                        .isOne();
                // the setting taken back: checked again, in the same session
                session.execute("reset basicflow.fenced_writer");
                assertRefused(session, table, insert.formatted("orphan-c"));
            });
            // The engine's pooled sessions are declared: the same insert passes there too.
            DSLContext engine = database.dsl();
            INSERTS.forEach((table, insert) -> assertThat(engine.execute(insert.formatted("engine-" + table)))
                    .isOne());
        }
    }

    private static void assertRefused(DSLContext session, String table, String insert) {
        assertThatThrownBy(() -> session.execute(insert))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining(table + ": execution orphan-")
                .hasMessageContaining("does not exist")
                .satisfies(e -> assertThat(((DataAccessException) e).sqlState()).isEqualTo("23503"));
    }
}

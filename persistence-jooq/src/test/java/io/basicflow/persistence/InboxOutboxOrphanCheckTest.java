package io.basicflow.persistence;

import static io.basicflow.persistence.internal.jooq.Tables.WORKFLOW_EXECUTIONS;
import static io.basicflow.persistence.internal.jooq.Tables.WORKFLOW_INBOX;
import static io.basicflow.persistence.internal.jooq.Tables.WORKFLOW_OUTBOX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Inputs and outgoing messages belong to an execution (migration V80: checked once per statement
 * instead of by a foreign key, skipped in the engine's fenced sessions) and go with it when it is
 * deleted.
 */
@ExtendWith(PostgresExtension.class)
class InboxOutboxOrphanCheckTest {

    @Test
    void inputsAndMessagesOfAnUnknownExecutionAreRefusedWithTheWholeStatement(TestDatabase testDatabase)
            throws SQLException {
        try (Database database = testDatabase.startDatabase();
                Connection connection = DriverManager.getConnection(testDatabase.jdbcUrl(), testDatabase.user(), "")) {
            Executions.insertRunnable(database, "known-owner");
            // another writer than the engine: a session that does not declare itself fenced
            DSLContext outside = DSL.using(connection, SQLDialect.POSTGRES);

            assertThatThrownBy(() -> outside.insertInto(
                                    WORKFLOW_INBOX, WORKFLOW_INBOX.EXECUTION_ID, WORKFLOW_INBOX.PAYLOAD)
                            .values("known-owner", "kept?")
                            .values("no-such-owner", "orphan")
                            .execute())
                    .isInstanceOf(DataAccessException.class)
                    .hasMessageContaining("workflow_inbox: execution no-such-owner does not exist")
                    .satisfies(e ->
                            assertThat(((DataAccessException) e).sqlState()).isEqualTo("23503"));
            assertThatThrownBy(() -> outside.insertInto(
                                    WORKFLOW_OUTBOX,
                                    WORKFLOW_OUTBOX.EXECUTION_ID,
                                    WORKFLOW_OUTBOX.CONVERSATION_ID,
                                    WORKFLOW_OUTBOX.SEQ,
                                    WORKFLOW_OUTBOX.MESSAGE)
                            .values("no-such-owner", "no-such-owner", 1L, "orphan")
                            .execute())
                    .isInstanceOf(DataAccessException.class)
                    .hasMessageContaining("workflow_outbox: execution no-such-owner does not exist");
            assertThat(outside.fetchCount(WORKFLOW_INBOX, WORKFLOW_INBOX.EXECUTION_ID.eq("known-owner")))
                    .as("the statement is refused whole")
                    .isZero();

            // the same session with a known owner is accepted
            outside.insertInto(WORKFLOW_INBOX, WORKFLOW_INBOX.EXECUTION_ID, WORKFLOW_INBOX.PAYLOAD)
                    .values("known-owner", "kept")
                    .execute();
            assertThat(outside.fetchCount(WORKFLOW_INBOX, WORKFLOW_INBOX.EXECUTION_ID.eq("known-owner")))
                    .isOne();
        }
    }

    @Test
    void deletingAnExecutionDeletesItsInputsAndMessages(TestDatabase testDatabase) {
        try (Database database = testDatabase.startDatabase()) {
            DSLContext dsl = database.dsl();
            Executions.insertRunnable(database, "deleted-owner");
            Executions.insertRunnable(database, "other-owner");
            for (String id : new String[] {"deleted-owner", "other-owner"}) {
                dsl.insertInto(WORKFLOW_INBOX, WORKFLOW_INBOX.EXECUTION_ID, WORKFLOW_INBOX.PAYLOAD)
                        .values(id, "input")
                        .execute();
                dsl.insertInto(
                                WORKFLOW_OUTBOX,
                                WORKFLOW_OUTBOX.EXECUTION_ID,
                                WORKFLOW_OUTBOX.CONVERSATION_ID,
                                WORKFLOW_OUTBOX.SEQ,
                                WORKFLOW_OUTBOX.MESSAGE)
                        .values(id, id, 1L, "message")
                        .execute();
            }

            dsl.deleteFrom(WORKFLOW_EXECUTIONS)
                    .where(WORKFLOW_EXECUTIONS.ID.eq("deleted-owner"))
                    .execute();

            assertThat(dsl.fetchCount(WORKFLOW_INBOX, WORKFLOW_INBOX.EXECUTION_ID.eq("deleted-owner")))
                    .isZero();
            assertThat(dsl.fetchCount(WORKFLOW_OUTBOX, WORKFLOW_OUTBOX.EXECUTION_ID.eq("deleted-owner")))
                    .isZero();
            assertThat(dsl.fetchCount(WORKFLOW_INBOX, WORKFLOW_INBOX.EXECUTION_ID.eq("other-owner")))
                    .isOne();
            assertThat(dsl.fetchCount(WORKFLOW_OUTBOX, WORKFLOW_OUTBOX.EXECUTION_ID.eq("other-owner")))
                    .isOne();
        }
    }
}

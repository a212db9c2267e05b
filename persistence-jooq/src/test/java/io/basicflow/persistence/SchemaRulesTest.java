package io.basicflow.persistence;

import static io.basicflow.persistence.internal.jooq.Tables.WORKFLOW_EVENTS;
import static io.basicflow.persistence.internal.jooq.Tables.WORKFLOW_EXECUTIONS;
import static io.basicflow.persistence.internal.jooq.Tables.WORKFLOW_INBOX;
import static io.basicflow.persistence.internal.jooq.Tables.WORKFLOW_OUTBOX;
import static io.basicflow.persistence.internal.jooq.Tables.WORKFLOW_SCRIPTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.persistence.testing.PostgresExtension;
import io.basicflow.persistence.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.JSON;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Rules the schema enforces whatever the code above it does. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaRulesTest {

    private Database database;
    private DSLContext dsl;

    private TestDatabase testDatabase;

    @BeforeAll
    void start(TestDatabase testDatabase) {
        this.testDatabase = testDatabase;
        database = testDatabase.startDatabase();
        dsl = database.dsl();
    }

    @AfterAll
    void stop() {
        database.close();
    }

    @Test
    void eventsCannotBeUpdated() {
        Executions.insertRunnable(database, "update-event");
        appendEvent("update-event", 1);

        assertThatThrownBy(() -> dsl.update(WORKFLOW_EVENTS)
                        .set(WORKFLOW_EVENTS.TYPE, "Rewritten")
                        .where(WORKFLOW_EVENTS.EXECUTION_ID.eq("update-event"))
                        .execute())
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining(
                        "workflow_events is append-only: events of execution update-event cannot be" + " updated");
        assertThat(dsl.fetchValue(WORKFLOW_EVENTS.TYPE, WORKFLOW_EVENTS.EXECUTION_ID.eq("update-event")))
                .isEqualTo("StepCompleted");
    }

    @Test
    void eventsOfAnUnknownExecutionAreRefusedWithTheWholeStatement() throws SQLException {
        Executions.insertRunnable(database, "known");

        // Another writer than the engine (a session that does not declare itself fenced, see V5).
        try (Connection connection = outsideSession()) {
            DSLContext outside = DSL.using(connection, SQLDialect.POSTGRES);
            assertThatThrownBy(() -> appendEvent(outside, "never-created", 1))
                    .isInstanceOf(DataAccessException.class)
                    .hasMessageContaining("workflow_events: execution never-created does not exist");
            // One statement with a known and an unknown execution's events: none of them is kept.
            assertThatThrownBy(() -> outside.insertInto(
                                    WORKFLOW_EVENTS,
                                    WORKFLOW_EVENTS.EXECUTION_ID,
                                    WORKFLOW_EVENTS.SEQ,
                                    WORKFLOW_EVENTS.TYPE,
                                    WORKFLOW_EVENTS.PAYLOAD)
                            .values("known", 1L, "StepCompleted", JSON.valueOf("{}"))
                            .values("also-never-created", 1L, "StepCompleted", JSON.valueOf("{}"))
                            .execute())
                    .isInstanceOf(DataAccessException.class)
                    .hasMessageContaining("execution also-never-created does not exist");
            // Declaring the session fenced is what the engine's pool does: the check is skipped.
            outside.execute("set basicflow.fenced_writer = on");
            appendEvent(outside, "known", 1);
            outside.execute("reset basicflow.fenced_writer");
            assertThatThrownBy(() -> appendEvent(outside, "never-created", 1))
                    .hasMessageContaining("execution never-created does not exist");
        }
        assertThat(dsl.fetchCount(WORKFLOW_EVENTS, WORKFLOW_EVENTS.EXECUTION_ID.in("known", "never-created")))
                .isOne();
    }

    @Test
    void onlyTheEnginesPooledSessionsAreFencedWriters() throws SQLException {
        String setting = "select current_setting('basicflow.fenced_writer', true)";
        // Every pooled connection, not only the first: hold several at once.
        List<Connection> pooled = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                pooled.add(database.dataSource().getConnection());
            }
            for (Connection connection : pooled) {
                assertThat(DSL.using(connection, SQLDialect.POSTGRES).fetchValue(setting))
                        .isEqualTo("on");
            }
        } finally {
            for (Connection connection : pooled) {
                connection.close();
            }
        }
        try (Connection connection = outsideSession()) {
            assertThat(DSL.using(connection, SQLDialect.POSTGRES).fetchValue(setting))
                    .isNotEqualTo("on");
        }
    }

    @Test
    void eventsCannotBeDeletedOrTruncatedOutsideAPurge() {
        Executions.insertRunnable(database, "delete-event");
        appendEvent("delete-event", 1);

        assertThatThrownBy(() -> dsl.deleteFrom(WORKFLOW_EVENTS)
                        .where(WORKFLOW_EVENTS.EXECUTION_ID.eq("delete-event"))
                        .execute())
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("workflow_events is append-only: DELETE refused");
        // Deleting the execution would cascade to its events: refused too.
        assertThatThrownBy(() -> dsl.deleteFrom(WORKFLOW_EXECUTIONS)
                        .where(WORKFLOW_EXECUTIONS.ID.eq("delete-event"))
                        .execute())
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> dsl.truncate(WORKFLOW_EVENTS).cascade().execute())
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("workflow_events is append-only: TRUNCATE refused");
        assertThat(dsl.fetchCount(WORKFLOW_EVENTS, WORKFLOW_EVENTS.EXECUTION_ID.eq("delete-event")))
                .isEqualTo(1);
    }

    @Test
    void aRetentionPurgeDeletesAnExecutionWithItsHistory() {
        Executions.insertRunnable(database, "purged");
        appendEvent("purged", 1);
        appendEvent("purged", 2);

        dsl.transaction(transaction -> {
            transaction.dsl().execute("set local basicflow.purge_events = on");
            transaction
                    .dsl()
                    .deleteFrom(WORKFLOW_EXECUTIONS)
                    .where(WORKFLOW_EXECUTIONS.ID.eq("purged"))
                    .execute();
        });

        assertThat(dsl.fetchCount(WORKFLOW_EVENTS, WORKFLOW_EVENTS.EXECUTION_ID.eq("purged")))
                .isZero();
        assertThat(dsl.fetchCount(WORKFLOW_EXECUTIONS, WORKFLOW_EXECUTIONS.ID.eq("purged")))
                .isZero();
        // "set local" ended with the transaction: history is protected again.
        Executions.insertRunnable(database, "protected-again");
        appendEvent("protected-again", 1);
        assertThatThrownBy(() -> dsl.deleteFrom(WORKFLOW_EVENTS).execute()).hasMessageContaining("append-only");
    }

    @Test
    void anEventSeqIsTakenOnce() {
        Executions.insertRunnable(database, "seq-once");
        appendEvent("seq-once", 1);

        assertThatThrownBy(() -> appendEvent("seq-once", 1))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("workflow_events_pk");
    }

    @Test
    void anUnknownStatusIsRejected() {
        Executions.insertRunnable(database, "bad-status");

        assertThatThrownBy(() -> dsl.update(WORKFLOW_EXECUTIONS)
                        .set(WORKFLOW_EXECUTIONS.STATUS, "SLEEPING")
                        .where(WORKFLOW_EXECUTIONS.ID.eq("bad-status"))
                        .execute())
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("workflow_executions_status_known");
    }

    @Test
    void aRunningExecutionHoldsALeaseAndAFinishedOneACompletionTime() {
        Executions.insertRunnable(database, "lease-rules");

        assertThatThrownBy(() -> dsl.update(WORKFLOW_EXECUTIONS)
                        .set(WORKFLOW_EXECUTIONS.STATUS, "RUNNING")
                        .where(WORKFLOW_EXECUTIONS.ID.eq("lease-rules"))
                        .execute())
                .hasMessageContaining("workflow_executions_running_is_leased");
        assertThatThrownBy(() -> dsl.update(WORKFLOW_EXECUTIONS)
                        .set(WORKFLOW_EXECUTIONS.STATUS, "COMPLETED")
                        .where(WORKFLOW_EXECUTIONS.ID.eq("lease-rules"))
                        .execute())
                .hasMessageContaining("workflow_executions_completed_iff_final");

        int claimed = dsl.update(WORKFLOW_EXECUTIONS)
                .set(WORKFLOW_EXECUTIONS.STATUS, "RUNNING")
                .set(WORKFLOW_EXECUTIONS.LEASE_OWNER, "worker-1")
                .set(WORKFLOW_EXECUTIONS.LEASE_EXPIRES_AT, OffsetDateTime.now().plusSeconds(30))
                .set(WORKFLOW_EXECUTIONS.VERSION, WORKFLOW_EXECUTIONS.VERSION.plus(1))
                .where(WORKFLOW_EXECUTIONS.ID.eq("lease-rules"))
                .execute();
        assertThat(claimed).isEqualTo(1);
    }

    @Test
    void aScriptHashMustBeTheSha256OfItsSource() {
        assertThatThrownBy(() -> dsl.insertInto(WORKFLOW_SCRIPTS)
                        .columns(WORKFLOW_SCRIPTS.HASH, WORKFLOW_SCRIPTS.NAME, WORKFLOW_SCRIPTS.SOURCE)
                        .values(StoredScript.hashOf("TALK 1"), "lie.bas", "TALK 2")
                        .execute())
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("workflow_scripts_hash_matches_source");
    }

    @Test
    void aDeliveryIdStoresRetriedInputOnce() {
        Executions.insertRunnable(database, "inbox-once");
        for (int attempt = 0; attempt < 3; attempt++) {
            dsl.insertInto(WORKFLOW_INBOX)
                    .set(WORKFLOW_INBOX.EXECUTION_ID, "inbox-once")
                    .set(WORKFLOW_INBOX.PAYLOAD, "yes")
                    .set(WORKFLOW_INBOX.DELIVERY_ID, "chat-message-17")
                    .onConflictDoNothing()
                    .execute();
        }
        assertThat(dsl.fetchCount(WORKFLOW_INBOX, WORKFLOW_INBOX.EXECUTION_ID.eq("inbox-once")))
                .isEqualTo(1);
    }

    @Test
    void anEventConsumesAtMostOneInputAndInputsWithoutADeliveryIdAreNeverRefused() {
        Executions.insertRunnable(database, "inbox-consumed-once");
        for (int i = 0; i < 3; i++) {
            dsl.insertInto(WORKFLOW_INBOX)
                    .set(WORKFLOW_INBOX.EXECUTION_ID, "inbox-consumed-once")
                    .set(WORKFLOW_INBOX.PAYLOAD, "same text, no delivery id")
                    .execute();
        }
        var ids = dsl.select(WORKFLOW_INBOX.ID)
                .from(WORKFLOW_INBOX)
                .where(WORKFLOW_INBOX.EXECUTION_ID.eq("inbox-consumed-once"))
                .orderBy(WORKFLOW_INBOX.ID)
                .fetch(WORKFLOW_INBOX.ID);
        assertThat(ids).hasSize(3);
        dsl.update(WORKFLOW_INBOX)
                .set(WORKFLOW_INBOX.CONSUMED_SEQ, 5L)
                .where(WORKFLOW_INBOX.ID.eq(ids.get(0)))
                .execute();

        assertThatThrownBy(() -> dsl.update(WORKFLOW_INBOX)
                        .set(WORKFLOW_INBOX.CONSUMED_SEQ, 5L)
                        .where(WORKFLOW_INBOX.ID.eq(ids.get(1)))
                        .execute())
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("workflow_inbox_consumed_once");
    }

    /**
     * The indexes a resume writes into hold only the rows they serve (V81, V82): a row moving through
     * RUNNABLE and RUNNING, an input without a delivery id and an input not consumed yet take no entry
     * in them (docs/performance.md, "Index entries per resume").
     */
    @Test
    void theIndexesOnTheResumePathArePartial() {
        var definitions = dsl.resultQuery(
                        "select indexname, indexdef from pg_indexes where tablename in ('workflow_executions', 'workflow_inbox')")
                .fetchMap(record -> record.get(0, String.class), record -> record.get(1, String.class));

        for (String listing : List.of(
                "workflow_executions_by_status",
                "workflow_executions_by_created",
                "workflow_executions_by_script_name")) {
            assertThat(definitions.get(listing))
                    .as(listing)
                    .contains("WHERE")
                    .contains("'RUNNABLE'")
                    .contains("'RUNNING'");
        }
        assertThat(definitions).doesNotContainKey("workflow_executions_by_script_hash");
        assertThat(definitions.get("workflow_inbox_delivery_once"))
                .contains("UNIQUE")
                .contains("WHERE (delivery_id IS NOT NULL)");
        assertThat(definitions.get("workflow_inbox_consumed_once"))
                .contains("UNIQUE")
                .contains("WHERE (consumed_seq IS NOT NULL)");
    }

    @Test
    void anEventProducesAtMostOneOutgoingMessage() {
        Executions.insertRunnable(database, "outbox-once");
        appendEvent("outbox-once", 1);
        dsl.insertInto(WORKFLOW_OUTBOX)
                .set(WORKFLOW_OUTBOX.EXECUTION_ID, "outbox-once")
                .set(WORKFLOW_OUTBOX.CONVERSATION_ID, "outbox-once")
                .set(WORKFLOW_OUTBOX.SEQ, 1L)
                .set(WORKFLOW_OUTBOX.MESSAGE, "hello")
                .execute();

        assertThatThrownBy(() -> dsl.insertInto(WORKFLOW_OUTBOX)
                        .set(WORKFLOW_OUTBOX.EXECUTION_ID, "outbox-once")
                        .set(WORKFLOW_OUTBOX.CONVERSATION_ID, "outbox-once")
                        .set(WORKFLOW_OUTBOX.SEQ, 1L)
                        .set(WORKFLOW_OUTBOX.MESSAGE, "hello")
                        .execute())
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("workflow_outbox_once_per_event");
    }

    /** A session of another writer than the engine: a plain connection, not from the engine's pool. */
    private Connection outsideSession() throws SQLException {
        return DriverManager.getConnection(testDatabase.jdbcUrl(), testDatabase.user(), "");
    }

    private void appendEvent(String executionId, long seq) {
        appendEvent(dsl, executionId, seq);
    }

    private static void appendEvent(DSLContext dsl, String executionId, long seq) {
        dsl.insertInto(WORKFLOW_EVENTS)
                .set(WORKFLOW_EVENTS.EXECUTION_ID, executionId)
                .set(WORKFLOW_EVENTS.SEQ, seq)
                .set(WORKFLOW_EVENTS.TYPE, "StepCompleted")
                .set(WORKFLOW_EVENTS.PAYLOAD, JSON.valueOf("{}"))
                .execute();
    }
}
